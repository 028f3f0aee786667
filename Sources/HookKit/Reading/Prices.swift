import HookCore

/// The price table for a repository: the built-in one with git config `convo.prices` on top.
enum Prices {
    static func table(_ repository: Repository) throws -> PriceTable {
        let values = try repository.config().values("convo.prices")
        guard !values.isEmpty else { return .builtin }
        return try PriceTable.builtin.overriding(with: values, base: repository.workdir ?? repository.gitDir)
    }
}
