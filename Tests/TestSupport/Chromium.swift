import Foundation
import Testing

/// Debian's headless Chromium, driven as a user's browser would load a page (`file://` or loopback
/// HTTP), with its profile in a temporary folder (never the real HOME). `.ci/run` installs it.
public struct Chromium {
    let binary: String
    let profile: String

    /// Nil (and a test issue in CI) when `chromium` is not installed.
    public init?(sourceLocation: SourceLocation = #_sourceLocation) {
        guard let folder = ExternalTools.folder(of: "chromium", sourceLocation: sourceLocation) else { return nil }
        binary = folder + "/chromium"
        profile = FileManager.default.temporaryDirectory.path + "/convo-chromium-" + UUID().uuidString
    }

    private func run(_ arguments: [String]) throws -> ProcessResult {
        try FileManager.default.createDirectory(atPath: profile, withIntermediateDirectories: true)
        let environment = ["HOME": profile, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC"]
        return try Shell.run(
            [
                binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-extensions",
                "--user-data-dir=" + profile,
            ] + arguments, in: profile, environment: environment)
    }

    /// The DOM after the page's scripts ran, serialized.
    public func dumpDOM(_ url: String) throws -> String {
        let result = try run(["--dump-dom", url])
        guard result.status == 0 else { throw CommandFailed(command: "chromium --dump-dom \(url)", result: result) }
        return result.stdout
    }

    /// A PNG of the page as rendered in a window of `width`×`height`.
    public func screenshot(_ url: String, to path: String, width: Int = 1200, height: Int = 1600) throws {
        let result = try run(["--screenshot=" + path, "--window-size=\(width),\(height)", "--hide-scrollbars", url])
        guard FileManager.default.fileExists(atPath: path) else { throw CommandFailed(command: "chromium --screenshot \(url)", result: result) }
    }

    public func removeProfile() { try? FileManager.default.removeItem(atPath: profile) }
}

/// How much of a PNG is not its background: decoded with Python's zlib (no imaging library needed).
public enum PNGCheck {
    /// (distinct colours, share of pixels that differ from the most common colour).
    public static func variety(_ path: String) throws -> (colors: Int, inked: Double) {
        let script = """
            import struct, sys, zlib
            data = open(sys.argv[1], 'rb').read()
            pos, idat, w, h, ctype = 8, b'', 0, 0, 0
            while pos < len(data):
                n, kind = struct.unpack('>I4s', data[pos:pos + 8])
                body = data[pos + 8:pos + 8 + n]
                if kind == b'IHDR':
                    w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
                elif kind == b'IDAT':
                    idat += body
                pos += 12 + n
            bpp = {2: 3, 6: 4}[ctype]
            raw = zlib.decompress(idat)
            stride = w * bpp
            prev = bytearray(stride)
            counts = {}
            i = 0
            for y in range(h):
                f = raw[i]; row = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
                for x in range(stride):
                    a = row[x - bpp] if x >= bpp else 0
                    b = prev[x]
                    c = prev[x - bpp] if x >= bpp else 0
                    if f == 1: row[x] = (row[x] + a) & 255
                    elif f == 2: row[x] = (row[x] + b) & 255
                    elif f == 3: row[x] = (row[x] + (a + b) // 2) & 255
                    elif f == 4:
                        p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                        row[x] = (row[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
                for x in range(0, stride, bpp * 4):
                    key = bytes(row[x:x + 3])
                    counts[key] = counts.get(key, 0) + 1
                prev = row
            total = sum(counts.values())
            print(len(counts), 1 - max(counts.values()) / total)
            """
        let result = try Shell.run(["python3", "-c", script, path], in: "/", environment: ["PATH": "/usr/bin:/bin"])
        guard result.status == 0 else { throw CommandFailed(command: "python3 png check", result: result) }
        let fields = result.stdout.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        return (Int(fields[0]) ?? 0, Double(fields[1]) ?? 0)
    }
}
