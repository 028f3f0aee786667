import Foundation
import Testing

@testable import HookCore

@Suite("Redaction of base64 payloads")
struct RedactionPayloadTests {
    static let imageBytes = [UInt8]((0..<200).map { UInt8($0) })
    static let imageSHA = "1901da1c9f699b48f6b2636e65cbf73abf99d0441ef67f5c540a42f7051dec6f"

    static func imageRecord(_ b64: String) -> [String: Any] {
        [
            "type": "user",
            "message": [
                "role": "user",
                "content": [
                    ["type": "text", "text": "look at this"],
                    ["type": "image", "source": ["type": "base64", "media_type": "image/png", "data": b64]],
                ],
            ],
        ]
    }

    static func data(of object: Any) -> String? {
        guard let o = object as? [String: Any], let m = o["message"] as? [String: Any],
            let c = m["content"] as? [[String: Any]], c.count == 2,
            let s = c[1]["source"] as? [String: Any]
        else { return nil }
        return s["data"] as? String
    }

    @Test("image block becomes a placeholder with media type, size and sha256", arguments: [true, false])
    func placeholder(escapeSlashes: Bool) throws {
        let b64 = Data(Self.imageBytes).base64EncodedString()
        let line = try JSONL.line(Self.imageRecord(b64), escapeSlashes: escapeSlashes)
        let out = try Redactor().redactLine(line)
        let data = try #require(Self.data(of: try JSONL.parse(out)))
        #expect(data == "[convo-hook: image/png omitted, 200 bytes, sha256=\(Self.imageSHA)]")
    }

    @Test("keepImages keeps the payload, and no rule scans it")
    func keep() throws {
        // Valid base64 that happens to contain an AWS-key-shaped run.
        let b64 = Data(Self.imageBytes).base64EncodedString() + "AKIA" + Fake.chars(Fake.upperDigits, 16, seed: 5) + "AAAA"
        let line = try JSONL.line(Self.imageRecord(b64), escapeSlashes: false)
        let r = try Redactor(config: .init(keepImages: true))
        #expect(r.redactLine(line) == line)
        #expect(r.findings(in: line).isEmpty)
    }

    @Test("data: URLs are replaced too")
    func dataURL() throws {
        let b64 = Data(Self.imageBytes).base64EncodedString()
        let line = try JSONL.line(["type": "x", "url": "data:image/jpeg;base64," + b64])
        let out = try Redactor().redactLine(line)
        let o = try #require(try JSONL.parse(out) as? [String: Any])
        #expect(o["url"] as? String == "data:image/jpeg;base64,[convo-hook: image/jpeg omitted, 200 bytes, sha256=\(Self.imageSHA)]")
    }

    @Test("a secret next to an image is still redacted")
    func secretNextToImage() throws {
        let token = "ghp_" + Fake.chars(Fake.alnum, 36, seed: 3)
        var record = Self.imageRecord(Data(Self.imageBytes).base64EncodedString())
        var message = record["message"] as! [String: Any]
        var content = message["content"] as! [[String: Any]]
        content[0]["text"] = "token " + token
        message["content"] = content
        record["message"] = message
        let out = try Redactor().redactLine(try JSONL.line(record)).string
        #expect(out.contains("[REDACTED:github-pat]"))
        #expect(out.contains("omitted, 200 bytes"))
        #expect(!out.contains(token))
    }
}

@Suite("SHA-256")
struct SHA256Tests {
    @Test("FIPS 180-4 vectors")
    func vectors() {
        #expect(SHA256.hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            SHA256.hex(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("streaming in odd-sized pieces equals one shot; one million a")
    func streaming() {
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        var s = SHA256()
        var k = 0
        var step = 1
        million.withUnsafeBufferPointer { b in
            while k < b.count {
                let e = min(b.count, k + step)
                s.update(UnsafeBufferPointer(rebasing: b[k..<e]))
                k = e
                step = step % 97 + 13
            }
        }
        #expect(SHA256.hex(s.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

@Suite("SHA-256 with the SHA extensions")
struct SHA256HardwareTests {
    @Test("the SHA extensions and the Swift rounds agree at every length")
    func hardwareMatchesSoftware() {
        var x: UInt64 = 11
        for length in [0, 1, 55, 56, 63, 64, 65, 127, 128, 1000, 4096, 100_003] {
            let bytes = (0..<length).map { _ -> UInt8 in
                x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: x >> 33)
            }
            #expect(SHA256.hash(bytes) == SHA256.softwareDigest(bytes), "length \(length)")
        }
        #expect(SHA256.hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
