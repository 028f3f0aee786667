import HookCore

extension ConversationStats {
    /// Commit rows with who wrote the lines each commit adds (from its note, else counted and noted).
    static func withAttribution(_ rows: [Row], repository: Repository) throws -> [Row] {
        guard !rows.isEmpty else { return rows }
        let store = AttributionStore(repository: repository)
        return try rows.map { row in
            var row = row
            row.attribution = try OID(hex: row.key).flatMap { try store.attribution(of: $0) }
            return row
        }
    }

    /// Branch rows with the attribution of the commits charged for messages sent on each branch.
    static func withAttribution(_ rows: [Row], branches charges: [Charge], repository: Repository) throws -> [Row] {
        guard !rows.isEmpty, !charges.isEmpty else { return rows }
        let store = AttributionStore(repository: repository)
        var byBranch: [String: CommitAttribution] = [:]
        for charge in charges where !charge.messages.isEmpty {
            guard let oid = OID(hex: charge.id), let counts = try store.attribution(of: oid) else { continue }
            for branch in charge.branches { byBranch[branch] = (byBranch[branch] ?? CommitAttribution()) + counts }
        }
        return rows.map { row in
            var row = row
            row.attribution = byBranch[row.key]
            return row
        }
    }
}
