// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "convo-hook",
    products: [
        .executable(name: "convo-hook", targets: ["convo-hook"]),
        .executable(name: "convo-hook-changed", targets: ["convo-hook-changed"]),
        .executable(name: "convo-hook-hook", targets: ["convo-hook-hook"]),
        .library(name: "HookKit", targets: ["HookKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        // Secret rules' regexes (PCRE2; Debian ships libpcre2-8.a, so the static hook links it in).
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // git's index file, read without git: Glibc only, for the static helpers.
        .target(
            name: "GitIndexFile"
        ),
        // Redaction's C helpers: SHA-256 with the x86 SHA extensions (payload digests), glibc's memmem.
        .target(
            name: "CRedaction"
        ),
        // Capture, redaction and the pre-commit hook: no libgit2, no SQLite, no full Foundation.
        .target(
            name: "HookCore",
            dependencies: ["CPCRE2", "CRedaction", "GitIndexFile"]
        ),
        // The stores of sources HookCore cannot read itself (OpenCode's SQLite database), for the capturing executables.
        .target(
            name: "SourceStores",
            dependencies: ["HookCore", "CSQLite"]
        ),
        .target(
            name: "HookKit",
            dependencies: ["HookCore", "SourceStores", "CGit2", "CSQLite"]
        ),
        .executableTarget(
            name: "convo-hook",
            dependencies: [
                "HookKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // statfs(2), which Glibc's module leaves out: the watcher trusts inotify only on local file systems.
        .target(
            name: "CFileSystemKind"
        ),
        // epoll(7), whose packed event struct Swift does not import: the watcher's wait.
        .target(
            name: "CEpoll"
        ),
        .executableTarget(
            name: "convo-hook-changed",
            dependencies: ["GitIndexFile", "CFileSystemKind", "CEpoll"]
        ),
        .executableTarget(
            name: "convo-hook-hook",
            dependencies: ["HookCore", "SourceStores"]
        ),
        .executableTarget(
            name: "convo-bench",
            dependencies: ["HookKit", "CSQLite"]
        ),
        .executableTarget(
            name: "convo-fuzz",
            dependencies: ["HookCore"]
        ),
        .target(
            name: "TestSupport",
            dependencies: ["HookCore", "CSQLite"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "HookCoreTests",
            dependencies: ["HookCore", "TestSupport"]
        ),
        .testTarget(
            name: "HookKitTests",
            dependencies: ["HookKit", "SourceStores", "TestSupport"]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["HookKit", "TestSupport", "convo-hook", "convo-hook-changed", "convo-hook-hook"]
        ),
    ]
)
