import Testing
@testable import HookKit
@Test func versionIsSet() { #expect(!HookKit.version.isEmpty) }
