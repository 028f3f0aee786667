import CGit2
import HookCore

/// A git object id (SHA-1 in this libgit2 build).
public struct OID: Hashable, Sendable, CustomStringConvertible {
    /// The raw libgit2 value.
    public let raw: git_oid

    static let hexLength = 40

    init(_ raw: git_oid) { self.raw = raw }

    /// Parses a full hexadecimal object id; nil when it is not one.
    public init?(hex: String) {
        var oid = git_oid()
        guard hex.utf8.count == OID.hexLength, git_oid_fromstr(&oid, hex) == 0 else {
            git_error_clear()
            return nil
        }
        raw = oid
    }

    /// True for the all-zero id git uses for "no object".
    public var isZero: Bool {
        withUnsafePointer(to: raw) { git_oid_is_zero($0) == 1 }
    }

    /// The 40-character hexadecimal form.
    public var description: String {
        withUnsafePointer(to: raw) { ptr in
            var buf = [CChar](repeating: 0, count: OID.hexLength + 1)
            git_oid_tostr(&buf, buf.count, ptr)
            return String(decoding: buf.prefix(OID.hexLength).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    public static func == (lhs: OID, rhs: OID) -> Bool {
        withUnsafePointer(to: lhs.raw) { l in withUnsafePointer(to: rhs.raw) { r in git_oid_equal(l, r) == 1 } }
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: raw.id) { hasher.combine(bytes: $0) }
    }
}
