import HookCore

/// `convo-hook why FILE[:LINE[,END]]`.
public enum WhyCommand {
    /// `FILE`, `FILE:LINE` or `FILE:LINE,END` (a name that itself ends in `:<digits>` needs a range after it).
    public static func parse(_ target: String) throws -> (file: String, range: ClosedRange<Int>?) {
        guard let colon = target.lastIndex(of: ":") else { return (target, nil) }
        let spec = target[target.index(after: colon)...]
        let numbers = spec.split(separator: ",", omittingEmptySubsequences: false)
        guard !spec.isEmpty, numbers.count <= 2, numbers.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            return (target, nil)
        }
        guard let first = Int(numbers[0]), let last = numbers.count == 2 ? Int(numbers[1]) : first, first >= 1, last >= first else {
            throw UsageError("\(target): a line range is LINE or LINE,END with 1 ≤ LINE ≤ END")
        }
        return (String(target[..<colon]), first...last)
    }

    public static func run(_ target: String, json: Bool, thinking: Bool, repository: Repository) throws -> String {
        let (file, range) = try parse(target)
        let path = try RepositoryPath.resolve(file, repository: repository, mustExist: true)
        let git = try GitText(repository: repository)
        let report = try WhyTrace.report(path: path, ranges: range.map { [$0] } ?? [], repository: repository, git: git)
        return json ? WhyOutput.json(report, thinking: thinking) : WhyOutput.text(report, thinking: thinking)
    }
}
