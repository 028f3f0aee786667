import CGit2
import Glibc
import HookCore

extension Index {
    /// Calls `body` with the bytes of every stage-0 path, without making a `String` of each (an index
    /// may hold hundreds of thousands).
    public func forEachPath(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        for i in 0..<count {
            guard let entry = git_index_get_byindex(pointer, i)?.pointee, entry.flags & 0x3000 == 0, let path = entry.path else { continue }
            path.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes in
                body(UnsafeBufferPointer(start: bytes, count: strlen(path)))
            }
        }
    }
}
