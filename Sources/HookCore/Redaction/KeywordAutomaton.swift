/// Finds every occurrence of a set of lower-case keywords in bytes, ignoring ASCII case, in one pass:
/// an Aho–Corasick automaton turned into a table (state × byte class → state), so each byte costs one
/// class lookup and one transition. This is gitleaks' keyword prefilter: a rule only runs around the
/// places where one of its keywords occurs.
package final class KeywordAutomaton: @unchecked Sendable {
    package let keywords: [[UInt8]]
    /// Byte → class (0 for bytes that occur in no keyword; letters folded to lower case).
    private let classes: UnsafeMutablePointer<UInt8>
    private let classCount: Int
    /// `next[row + class]`, where a state's row starts at `state * classCount`: entries hold the next
    /// state's row start, so the scan's dependency chain is one add and one load per byte.
    private let next: UnsafeMutablePointer<UInt32>
    /// States numbered from `firstOutput` on end at least one keyword (their rows start at `firstOutputRow`).
    private let firstOutput: Int
    private let firstOutputRow: Int
    /// Keyword indexes ending at each output state (index = state - firstOutput).
    private let outputs: [[Int32]]
    /// Length of the longest keyword.
    private let longest: Int

    package init(_ keywords: [String]) {
        self.keywords = keywords.map { Array($0.utf8).map(ByteView.lower) }
        var classOf = [UInt8](repeating: 0, count: 256)
        var count = 1
        for word in self.keywords {
            for b in word where classOf[Int(b)] == 0 {
                classOf[Int(b)] = UInt8(count)
                count += 1
            }
        }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { classOf[Int(b)] = classOf[Int(b | 0x20)] }
        classCount = count

        // Trie, breadth-first failure links, then the full transition table (flat arrays: the stopword
        // list alone makes thousands of states, and this runs in every hook process).
        var trie = [Int32](repeating: -1, count: count)
        var ends: [[Int32]] = [[]]
        var states = 1
        for (index, word) in self.keywords.enumerated() where !word.isEmpty {
            var state = 0
            for b in word {
                let c = Int(classOf[Int(b)])
                if trie[state * count + c] < 0 {
                    trie[state * count + c] = Int32(states)
                    trie += repeatElement(-1, count: count)
                    ends.append([])
                    states += 1
                }
                state = Int(trie[state * count + c])
            }
            ends[state].append(Int32(index))
        }
        var fail = [Int](repeating: 0, count: states)
        var delta = [Int32](repeating: 0, count: states * count)
        var queue: [Int] = []
        queue.reserveCapacity(states)
        for c in 0..<count where trie[c] > 0 {
            delta[c] = trie[c]
            queue.append(Int(trie[c]))
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            if !ends[fail[state]].isEmpty { ends[state] += ends[fail[state]] }
            let row = state * count
            let failRow = fail[state] * count
            for c in 0..<count {
                let child = Int(trie[row + c])
                if child > 0 {
                    fail[child] = Int(delta[failRow + c])
                    delta[row + c] = Int32(child)
                    queue.append(child)
                } else {
                    delta[row + c] = delta[failRow + c]
                }
            }
        }
        // Renumber: states without output first, so one comparison tells whether a state reports.
        let order = (0..<states).filter { ends[$0].isEmpty } + (0..<states).filter { !ends[$0].isEmpty }
        var newNumber = [Int](repeating: 0, count: states)
        for (n, old) in order.enumerated() { newNumber[old] = n }
        precondition(order.first == 0 && order.count * count < Int(UInt32.max), "keyword automaton too large")
        firstOutput = order.firstIndex { !ends[$0].isEmpty } ?? order.count
        next = .allocate(capacity: states * count)
        for old in 0..<states {
            let row = newNumber[old] * count
            for c in 0..<count { next[row + c] = UInt32(newNumber[Int(delta[old * count + c])] * count) }
        }
        outputs = order[firstOutput...].map { ends[$0] }
        firstOutputRow = firstOutput * count
        longest = self.keywords.map(\.count).max() ?? 1
        classes = .allocate(capacity: 256)
        for b in 0..<256 { classes[b] = classOf[b] }
    }

    deinit {
        next.deallocate()
        classes.deallocate()
    }

    /// Calls `found(keyword index, start offset)` for every occurrence in `bytes[from..<to]`.
    package func scan(_ p: UnsafePointer<UInt8>, from: Int, to: Int, _ found: (Int, Int) -> Void) {
        var hits: [UInt64] = []
        collect(p, from: from, to: to, into: &hits)
        for hit in hits {
            let k = Int(hit >> 32)
            let end = Int(hit & 0xFFFF_FFFF)
            for keyword in outputs[k] { found(Int(keyword), end - keywords[Int(keyword)].count) }
        }
    }

    /// The tight loop: (output state, end offset) of every state that reports, packed in a UInt64.
    /// A state depends on the one before it, so one stream of bytes is bound by the latency of a load
    /// per byte: four quarters of the range are walked side by side instead, each starting early
    /// enough (the longest keyword) to be in the right state where its quarter begins.
    @inline(never)
    private func collect(_ p: UnsafePointer<UInt8>, from: Int, to: Int, into hits: inout [UInt64]) {
        let next = self.next
        let classes = self.classes
        let firstOutputRow = self.firstOutputRow
        let stride = classCount
        let length = to - from
        let warmUp = longest
        guard length >= 4 * warmUp + 64 else {
            var row = 0
            var i = from
            while i < to {
                row = Int(next[row &+ Int(classes[Int(p[i])])])
                i &+= 1
                if row >= firstOutputRow { hits.append(UInt64((row - firstOutputRow) / stride) << 32 | UInt64(i)) }
            }
            return
        }
        let quarter = length / 4
        let starts = (from, from + quarter, from + 2 * quarter, from + 3 * quarter)
        // Stream k reads from `starts.k - warmUp` (stream 0 from `from`) and reports ends after `starts.k`.
        var i0 = starts.0
        var i1 = starts.1 - warmUp
        var i2 = starts.2 - warmUp
        var i3 = starts.3 - warmUp
        var r0 = 0
        var r1 = 0
        var r2 = 0
        var r3 = 0
        let steps = quarter + warmUp
        var step = 0
        @inline(__always) func report(_ row: Int, _ end: Int, after start: Int) {
            if end > start { hits.append(UInt64((row - firstOutputRow) / stride) << 32 | UInt64(end)) }
        }
        while step < steps {
            if i0 < starts.1 {
                r0 = Int(next[r0 &+ Int(classes[Int(p[i0])])])
                i0 &+= 1
                if r0 >= firstOutputRow { report(r0, i0, after: from) }
            }
            r1 = Int(next[r1 &+ Int(classes[Int(p[i1])])])
            r2 = Int(next[r2 &+ Int(classes[Int(p[i2])])])
            r3 = Int(next[r3 &+ Int(classes[Int(p[i3])])])
            i1 &+= 1
            i2 &+= 1
            i3 &+= 1
            if r1 >= firstOutputRow { report(r1, i1, after: starts.1) }
            if r2 >= firstOutputRow { report(r2, i2, after: starts.2) }
            if r3 >= firstOutputRow { report(r3, i3, after: starts.3) }
            step &+= 1
        }
        // Streams 1 and 2 stopped where the next one reports from; stream 3 finishes the range.
        while i3 < to {
            r3 = Int(next[r3 &+ Int(classes[Int(p[i3])])])
            i3 &+= 1
            if r3 >= firstOutputRow { report(r3, i3, after: starts.3) }
        }
    }
}
