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
        guard to > from else { return }
        let segment = KeywordAutomaton.segment
        let hits = UnsafeMutablePointer<UInt64>.allocate(capacity: min(to - from, segment))
        defer { hits.deallocate() }
        var start = from
        while start < to {
            let end = to - start <= segment ? to : start + segment
            let count = collect(p, from: start, to: end, readFrom: max(from, start - longest), into: hits)
            for h in 0..<count {
                let hit = hits[h]
                let k = Int(hit >> 32) / classCount - firstOutput
                let hitEnd = Int(hit & 0xFFFF_FFFF) + start
                for keyword in outputs[k] { found(Int(keyword), hitEnd - keywords[Int(keyword)].count) }
            }
            start = end
        }
    }

    /// Bytes scanned per call of `collect`: its hits (one per byte at most) fit a buffer this long.
    static let segment = 1 << 14

    /// The tight loop: every state that reports in `from..<to`, as (its row << 32 | end offset - from).
    /// A state depends on the one before it, so one stream of bytes is bound by the latency of a load
    /// per byte: four quarters of the range are walked side by side instead, each starting early
    /// enough (the longest keyword, from `readFrom` on) to be in the right state where its quarter begins.
    @inline(never)
    private func collect(_ p: UnsafePointer<UInt8>, from: Int, to: Int, readFrom: Int, into hits: UnsafeMutablePointer<UInt64>) -> Int {
        let next = self.next
        let classes = self.classes
        let firstOutputRow = UInt32(self.firstOutputRow)
        let warmUp = longest
        let length = to - from
        var count = 0
        @inline(__always) func step(_ row: UInt32, _ byte: UInt8) -> UInt32 {
            next[Int(row) &+ Int(classes[Int(byte)])]
        }
        guard length >= 4 * warmUp + 64 else {
            var row: UInt32 = 0
            for i in readFrom..<from { row = step(row, p[i]) }
            for i in from..<to {
                row = step(row, p[i])
                if row >= firstOutputRow {
                    hits[count] = UInt64(row) << 32 | UInt64(i &+ 1 &- from)
                    count &+= 1
                }
            }
            return count
        }
        let quarter = length / 4
        // Stream k walks the quarter at `qk`, brought into state over the `warmUp` bytes before it (stream 0
        // over those before `from` in the scanned range: a segment boundary is no quarter boundary).
        let q0 = p + from
        let q1 = q0 + quarter
        let q2 = q1 + quarter
        let q3 = q2 + quarter
        var r0: UInt32 = 0
        var r1: UInt32 = 0
        var r2: UInt32 = 0
        var r3: UInt32 = 0
        for i in (readFrom - from)..<0 { r0 = step(r0, q0[i]) }
        for i in -warmUp..<0 {
            r1 = step(r1, q1[i])
            r2 = step(r2, q2[i])
            r3 = step(r3, q3[i])
        }
        var i = 0
        while i < quarter {
            r0 = step(r0, q0[i])
            r1 = step(r1, q1[i])
            r2 = step(r2, q2[i])
            r3 = step(r3, q3[i])
            i &+= 1
            if r0 >= firstOutputRow {
                hits[count] = UInt64(r0) << 32 | UInt64(i)
                count &+= 1
            }
            if r1 >= firstOutputRow {
                hits[count] = UInt64(r1) << 32 | UInt64(i &+ quarter)
                count &+= 1
            }
            if r2 >= firstOutputRow {
                hits[count] = UInt64(r2) << 32 | UInt64(i &+ 2 &* quarter)
                count &+= 1
            }
            if r3 >= firstOutputRow {
                hits[count] = UInt64(r3) << 32 | UInt64(i &+ 3 &* quarter)
                count &+= 1
            }
        }
        // The last stream finishes the range.
        i = 4 * quarter
        while i < length {
            r3 = step(r3, q0[i])
            i &+= 1
            if r3 >= firstOutputRow {
                hits[count] = UInt64(r3) << 32 | UInt64(i)
                count &+= 1
            }
        }
        return count
    }
}
