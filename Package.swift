// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "convo-hook",
    products: [
        .executable(name: "convo-hook", targets: ["convo-hook"]),
        .executable(name: "convo-hook-changed", targets: ["convo-hook-changed"]),
        .library(name: "HookKit", targets: ["HookKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(
            name: "HookKit",
            dependencies: ["CGit2", "CSQLite"]
        ),
        .executableTarget(
            name: "convo-hook",
            dependencies: [
                "HookKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "convo-hook-changed"
        ),
        .executableTarget(
            name: "convo-bench",
            dependencies: ["HookKit"]
        ),
        .executableTarget(
            name: "convo-fuzz",
            dependencies: ["HookKit"]
        ),
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "HookKitTests",
            dependencies: ["HookKit", "TestSupport"]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["HookKit", "TestSupport", "convo-hook", "convo-hook-changed"]
        ),
    ]
)
