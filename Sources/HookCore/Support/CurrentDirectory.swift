import Glibc

extension FileSystem {
    /// The process's current folder, nil when it cannot be read (removed, too long).
    public static func currentDirectory() -> String? {
        var buffer = [UInt8](repeating: 0, count: Int(PATH_MAX) + 1)
        let found = buffer.withUnsafeMutableBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { getcwd($0.baseAddress, $0.count) != nil }
        }
        return found ? String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self) : nil
    }
}
