/// An Aho–Corasick automaton over bytes that finds every keyword in one pass, ASCII case folded.
///
/// The automaton is a dense table over byte classes (each byte that occurs in some keyword, folded to lower case,
/// gets a class; every other byte shares class 0), so the inner loop is two table loads per input byte whatever the
/// number of keywords. Case-sensitive keywords are matched case-insensitively here and checked by the caller.
struct KeywordAutomaton: Sendable {
    /// The keywords, lowercased, in the order given.
    let keywords: [[UInt8]]
    private let classOfByte: [UInt8]
    private let classCount: Int
    /// `transitions[state * classCount + class]` is the next state's row offset (`next * classCount`), negated
    /// when keywords end there (the root, state 0, never ends a keyword).
    private let transitions: [Int32]
    /// `outputs[outputStart[state]..<outputStart[state + 1]]` are the keywords ending at `state`.
    private let outputStart: [Int32]
    private let outputs: [Int32]

    init(keywords: [[UInt8]]) {
        let folded = keywords.map { $0.map(Self.lowercase) }
        self.keywords = folded
        var classOfByte = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        for keyword in folded {
            for byte in keyword where classOfByte[Int(byte)] == 0 {
                classOfByte[Int(byte)] = UInt8(classCount)
                classCount += 1
            }
        }
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") {
            classOfByte[Int(byte)] = classOfByte[Int(byte | 0x20)]
        }
        // The trie.
        var goto: [[Int32]] = [[Int32](repeating: -1, count: classCount)]
        var terminal: [[Int32]] = [[]]
        for (index, keyword) in folded.enumerated() where !keyword.isEmpty {
            var state = 0
            for byte in keyword {
                let symbol = Int(classOfByte[Int(byte)])
                if goto[state][symbol] < 0 {
                    goto[state][symbol] = Int32(goto.count)
                    goto.append([Int32](repeating: -1, count: classCount))
                    terminal.append([])
                }
                state = Int(goto[state][symbol])
            }
            terminal[state].append(Int32(index))
        }
        // Breadth-first: failure links become full transitions, outputs merge along them.
        var failure = [Int32](repeating: 0, count: goto.count)
        var queue: [Int] = []
        for symbol in 0..<classCount {
            let next = goto[0][symbol]
            if next < 0 {
                goto[0][symbol] = 0
            } else {
                failure[Int(next)] = 0
                queue.append(Int(next))
            }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            terminal[state].append(contentsOf: terminal[Int(failure[state])])
            for symbol in 0..<classCount {
                let next = goto[state][symbol]
                if next < 0 {
                    goto[state][symbol] = goto[Int(failure[state])][symbol]
                } else {
                    failure[Int(next)] = goto[Int(failure[state])][symbol]
                    queue.append(Int(next))
                }
            }
        }
        var outputStart: [Int32] = [0]
        var outputs: [Int32] = []
        for list in terminal {
            outputs.append(contentsOf: list)
            outputStart.append(Int32(outputs.count))
        }
        self.classOfByte = classOfByte
        self.classCount = classCount
        // A target state with keywords ending there is stored negated, so the scan loop learns it from the
        // transition itself, without a second table load per byte.
        // Targets are stored as row offsets (`state * classCount`), taking a multiplication off the loop's
        // critical path.
        self.transitions = goto.flatMap { row in
            row.map { next in
                let offset = next * Int32(classCount)
                return terminal[Int(next)].isEmpty ? offset : -offset
            }
        }
        self.outputStart = outputStart
        self.outputs = outputs
    }

    static func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// Calls `body` with each keyword index and the offset just past its end, in input order.
    ///
    /// `body` returns `false` to stop the scan.
    func forEachMatch(in bytes: UnsafeBufferPointer<UInt8>, _ body: (_ keyword: Int, _ end: Int) -> Bool) {
        classOfByte.withUnsafeBufferPointer { classes in
            transitions.withUnsafeBufferPointer { table in
                outputStart.withUnsafeBufferPointer { starts in
                    outputs.withUnsafeBufferPointer { found in
                        var row = 0
                        let width = classCount
                        var index = 0
                        let count = bytes.count
                        while index < count {
                            let symbol = Int(classes[Int(bytes[index])])
                            let next = Int(table[row &+ symbol])
                            index &+= 1
                            if next >= 0 {
                                row = next
                                continue
                            }
                            row = -next
                            let state = row / width
                            for position in Int(starts[state])..<Int(starts[state &+ 1])
                            where !body(Int(found[position]), index) {
                                return
                            }
                        }
                    }
                }
            }
        }
    }
}
