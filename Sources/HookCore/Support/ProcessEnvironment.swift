import Glibc

/// The process environment read straight from `environ` (no Foundation on the hook path).
public enum ProcessEnvironment {
    /// Every variable of this process (read once: convo-hook never changes its own environment).
    public static let current: [String: String] = {
        var result: [String: String] = [:]
        var cursor = environ
        while let entry = cursor.pointee {
            let pair = String(cString: entry)
            if let eq = pair.firstIndex(of: "=") {
                result[String(pair[..<eq])] = String(pair[pair.index(after: eq)...])
            }
            cursor += 1
        }
        return result
    }()
}

extension ProcessEnvironment {
    /// Everything on standard input, up to end of file.
    public static func standardInput() -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            result += buffer[0..<n]
        }
        return result
    }
}
