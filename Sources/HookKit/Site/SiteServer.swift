import Glibc
import HookCore

/// `convo-hook serve`: the site over HTTP/1.1 on 127.0.0.1 only, rendered from memory for each request
/// from the archive as it is at that moment (nothing is written to disk). One request per connection,
/// answered in turn. Requests whose `Host` is not this loopback address are refused, so a web page cannot
/// reach the archive through DNS rebinding.
public final class SiteServer {
    /// Renders the page at a path of the site (`index.html`, `sessions/…`); nil when there is none.
    public typealias Pages = (String) throws -> [UInt8]?

    private let socket: Int32
    public let port: UInt16

    /// Listens on 127.0.0.1:`port` (0: any free port).
    public init(port: UInt16) throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ArchiveError("cannot open a socket: \(String(cString: strerror(errno)))") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw ArchiveError("cannot listen on 127.0.0.1:\(port): \(reason)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) { p in p.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        socket = fd
        self.port = UInt16(bigEndian: actual.sin_port)
    }

    deinit { close(socket) }

    /// Answers requests until the process ends; `failure` hears of pages that could not be rendered.
    public func serve(_ pages: Pages, failure: (String) -> Void) -> Never {
        // Ctrl-C and `kill` stop it even when whoever started it blocked those signals (children inherit the mask).
        var stop = sigset_t()
        sigemptyset(&stop)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&stop, signal) }
        sigprocmask(SIG_UNBLOCK, &stop, nil)
        while true {
            let client = accept(socket, nil, nil)
            if client < 0 { continue }
            handle(client, pages, failure: failure)
            close(client)
        }
    }

    /// Reads one request from `client` and answers it.
    func handle(_ client: Int32, _ pages: Pages, failure: (String) -> Void) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let request = SiteServer.readHead(client) else { return }
        let response = respond(to: request, pages, failure: failure)
        var bytes = Array(response.head.utf8)
        if request.method != "HEAD" { bytes += response.body }
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }

    struct Request {
        var method: String
        var target: String
        var host: String?
    }

    struct Response {
        var head: String
        var body: [UInt8]
    }

    /// The request line and the `Host` header; nil when the client sent no complete head within 16 KiB.
    static func readHead(_ client: Int32) -> Request? {
        var head: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while head.count < 16_384 {
            let n = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return nil }
            head += buffer[0..<n]
            if let end = head.firstRange(of: [13, 10, 13, 10]) {
                head = Array(head[..<end.lowerBound])
                break
            }
        }
        let lines = String(decoding: head, as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
        guard let first = lines.first else { return nil }
        let parts = first.split(separator: " ")
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else { return nil }
        var host: String?
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            if line[..<colon].lowercased() == "host" { host = String(line[line.index(after: colon)...]).trimmedWhitespace() }
        }
        return Request(method: String(parts[0]), target: String(parts[1]), host: host)
    }

    func respond(to request: Request, _ pages: Pages, failure: (String) -> Void) -> Response {
        guard let host = request.host, ["127.0.0.1:\(port)", "localhost:\(port)"].contains(host.lowercased()) else {
            return SiteServer.plain(403, "Forbidden", "convo-hook serves only requests to 127.0.0.1:\(port) or localhost:\(port).\n")
        }
        guard request.method == "GET" || request.method == "HEAD" else {
            return SiteServer.plain(405, "Method Not Allowed", "Only GET and HEAD.\n", extra: "Allow: GET, HEAD\r\n")
        }
        var path = String(request.target.prefix { $0 != "?" && $0 != "#" })
        guard path.hasPrefix("/") else { return SiteServer.plain(400, "Bad Request", "Bad request target.\n") }
        path.removeFirst()
        if path.isEmpty || path.hasSuffix("/") { path += SiteNames.index }
        let body: [UInt8]?
        do {
            body = try pages(path)
        } catch {
            failure("\(path): \(error)")
            return SiteServer.plain(500, "Internal Server Error", "convo-hook: \(error)\n")
        }
        guard let body else { return SiteServer.plain(404, "Not Found", "No page at /\(path).\n") }
        let type: String
        if path.hasSuffix(".css") {
            type = "text/css; charset=utf-8"
        } else if path.hasSuffix(".js") {
            type = "text/javascript; charset=utf-8"
        } else {
            type = "text/html; charset=utf-8"
        }
        return Response(
            head: "HTTP/1.1 200 OK\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\n"
                + "Content-Security-Policy: \(SitePage.policy)\r\nX-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n"
                + "Cache-Control: no-store\r\nConnection: close\r\n\r\n",
            body: body)
    }

    static func plain(_ code: Int, _ reason: String, _ text: String, extra: String = "") -> Response {
        let body = Array(text.utf8)
        return Response(
            head: "HTTP/1.1 \(code) \(reason)\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: \(body.count)\r\n\(extra)Connection: close\r\n\r\n",
            body: body)
    }
}

extension ArchiveSite {
    /// The page at `path` (from the site's root), rendered now; nil when the site has no such page.
    public func page(at path: String) throws -> [UInt8]? {
        switch path {
        case SiteNames.index: return indexPage()
        case SiteNames.stylesheet: return Array(SiteAssets.stylesheet.utf8)
        case SiteNames.script: return Array(SiteAssets.filterScript.utf8)
        case SiteNames.digest: return range == nil ? nil : digestPage()
        default: break
        }
        if path.hasPrefix("commits/") {
            return commits.first { SiteNames.commit($0.id) == path }.map(commitPage)
        }
        guard path.hasPrefix("sessions/") else { return nil }
        // `sessions/<name>.html` or `sessions/<name>-p<k>.html`.
        for session in sessions {
            let first = SiteNames.session(session)
            guard path == first || (path.hasPrefix(String(first.dropLast(5)) + "-p") && path.hasSuffix(".html")) else { continue }
            return sessionPages(session).first { $0.path == path }?.bytes
        }
        return nil
    }
}
