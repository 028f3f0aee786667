#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One secret reported by `convo-hook scan`.
public struct ScanFinding: Sendable, Equatable {
    public var path: String
    /// 1-based line number.
    public var line: Int
    public var ruleID: String
    /// The secret's first 4 characters then `…`.
    public var masked: String

    public init(path: String, line: Int, ruleID: String, masked: String) {
        self.path = path
        self.line = line
        self.ruleID = ruleID
        self.masked = masked
    }

    /// `path:line:rule-id: masked`.
    public var textLine: String { "\(path):\(line):\(ruleID): \(masked)" }
}

/// Why a path could not be scanned.
public enum ScanError: Error, CustomStringConvertible, Equatable {
    case missingPath(String)
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .missingPath(let p): return "\(p): no such file or directory"
        case .unreadable(let p, let why): return "\(p): cannot read: \(why)"
        }
    }
}

/// `convo-hook scan PATH...`: reports secrets in files and folders (recursively) without changing them.
public struct SecretScan: Sendable {
    /// Size of the chunks files are read in; lines are split on `\n` across chunks.
    public static let chunkSize = 1 << 20
    /// A line longer than this is scanned in pieces of this size (a secret straddling a cut may be missed).
    public static let maxLineBytes = 64 << 20

    public let redactor: Redactor

    public init(redactor: Redactor) {
        self.redactor = redactor
    }

    /// Runs the whole command: `out` receives report lines, `err` one-line errors.
    /// Returns the exit code: 1 when a secret was found, 2 when a path is missing or unreadable
    /// (and nothing was found), 0 when clean.
    public static func run(
        paths: [String], json: Bool, config: RedactionConfig = .init(),
        out: (String) -> Void, err: (String) -> Void
    ) -> Int32 {
        let redactor: Redactor
        do {
            redactor = try Redactor(config: config)
        } catch {
            err("convo-hook: \(error)")
            return 2
        }
        let scan = SecretScan(redactor: redactor)
        let files: [String]
        do {
            files = try scan.files(for: paths)
        } catch {
            err("convo-hook: \(error)")
            return 2
        }
        var all: [ScanFinding] = []
        var failed = false
        for file in files {
            do {
                try scan.scanFile(file) { f in
                    all.append(f)
                    if !json { out(f.textLine) }
                }
            } catch {
                err("convo-hook: \(error)")
                failed = true
            }
        }
        if json { out(SecretScan.json(all)) }
        return all.isEmpty ? (failed ? 2 : 0) : 1
    }

    /// The files under `paths`: files as given, folders walked recursively in name order
    /// (skipping `.git` and symbolic links to folders). Throws for a path that does not exist.
    public func files(for paths: [String]) throws(ScanError) -> [String] {
        var result: [String] = []
        for path in paths {
            var st = stat()
            guard stat(path, &st) == 0 else { throw .missingPath(path) }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                walk(path, into: &result)
            } else {
                result.append(path)
            }
        }
        return result
    }

    private func walk(_ dir: String, into result: inout [String]) {
        guard let d = opendir(dir) else { return }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." || name == ".git" { continue }
            names.append(name)
        }
        closedir(d)
        for name in names.sorted() {
            let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }
            switch st.st_mode & S_IFMT {
            case S_IFDIR: walk(path, into: &result)
            case S_IFREG: result.append(path)
            case S_IFLNK:
                var target = stat()
                if stat(path, &target) == 0 && (target.st_mode & S_IFMT) == S_IFREG { result.append(path) }
            default: break
            }
        }
    }

    /// Scans one file in chunks, line by line. Binary files (a NUL byte in the first 8000) are skipped.
    public func scanFile(_ path: String, report: (ScanFinding) -> Void) throws(ScanError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .unreadable(path, String(cString: strerror(errno))) }
        defer { close(fd) }
        var chunk = [UInt8](repeating: 0, count: SecretScan.chunkSize)
        var carry: [UInt8] = []
        var lineNumber = 1
        var first = true
        while true {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path, String(cString: strerror(errno)))
            }
            if got == 0 { break }
            if first {
                first = false
                if chunk[0..<min(got, 8000)].contains(0) { return }
            }
            var start = 0
            chunk.withUnsafeBufferPointer { buf in
                for k in 0..<got where buf[k] == 0x0A {
                    if carry.isEmpty {
                        scanLine(UnsafeBufferPointer(rebasing: buf[start..<k]), path, lineNumber, report)
                    } else {
                        carry.append(contentsOf: buf[start..<k])
                        carry.withUnsafeBufferPointer { scanLine($0, path, lineNumber, report) }
                        carry.removeAll(keepingCapacity: true)
                    }
                    lineNumber += 1
                    start = k + 1
                }
                carry.append(contentsOf: buf[start..<got])
                if carry.count > SecretScan.maxLineBytes {
                    carry.withUnsafeBufferPointer { scanLine($0, path, lineNumber, report) }
                    carry.removeAll(keepingCapacity: true)
                }
            }
        }
        if !carry.isEmpty {
            carry.withUnsafeBufferPointer { scanLine($0, path, lineNumber, report) }
        }
    }

    private func scanLine(_ line: UnsafeBufferPointer<UInt8>, _ path: String, _ number: Int, _ report: (ScanFinding) -> Void) {
        var body = line
        if let last = body.last, last == 0x0D { body = UnsafeBufferPointer(rebasing: body.dropLast()) }
        for f in redactor.findings(in: body) {
            report(ScanFinding(path: path, line: number, ruleID: f.ruleID, masked: f.masked))
        }
    }

    /// The `--json` report: an array of `{"path","line","rule","secret"}` objects.
    public static func json(_ findings: [ScanFinding]) -> String {
        let items = findings.map {
            #"{"path":\#(JSONText.quoted($0.path)),"line":\#($0.line),"rule":\#(JSONText.quoted($0.ruleID)),"secret":\#(JSONText.quoted($0.masked))}"#
        }
        return "[" + items.joined(separator: ",") + "]"
    }
}
