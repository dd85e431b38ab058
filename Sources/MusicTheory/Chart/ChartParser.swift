/// One problem in chart text, with where it is: 1-based line and column (in characters).
public struct ChartError: Error, Hashable, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    /// What was being read: `chord`, `bar`, `meter`, `key`, `tempo`, `section`, `header`.
    public let field: String
    public let message: String

    public init(line: Int, column: Int, field: String, message: String) {
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// `3:12: unknown chord 'Cmaj8' (did you mean 'Cmaj7'?)`; callers put the file name in front.
    public var description: String { "\(line):\(column): \(message)" }
}

/// Every problem found in a chart, in text order.
public struct ChartParseFailure: Error, Sendable, CustomStringConvertible {
    public let errors: [ChartError]

    /// The first problem, and how many more there are: one line.
    public var description: String {
        guard let first = errors.first else { return "invalid chart" }
        let more = errors.count - 1
        return first.description + (more > 0 ? " (and \(more) more error\(more == 1 ? "" : "s"))" : "")
    }
}

/// Reads the chart format of DESIGN.md: optional `key: value` header lines (title, key, meter,
/// tempo, style; others are kept), then bars between `|` over as many lines as you like, `[A]`
/// section marks and `#` comments.
///
/// In a bar: one token per beat, `.` or `/` holding the chord (a leading one holds the previous
/// bar's); fewer tokens than beats split the bar on beat boundaries, earlier chords taking the
/// extra beats; `%` alone repeats the previous bar; `N.C.` or `NC` is no chord.
public enum ChartParser {
    static let knownFields = ["title", "key", "meter", "tempo", "style"]
    /// Beyond this many problems the rest are not worth reporting.
    static let errorLimit = 50

    public static func parse(_ text: String) throws(ChartParseFailure) -> Chart {
        var reader = Reader()
        reader.read(text)
        guard reader.errors.isEmpty else { throw ChartParseFailure(errors: reader.errors) }
        return reader.chart
    }

    fileprivate enum Token {
        case word(String)
        case barLine
        case section(String)
    }

    fileprivate struct Located {
        let token: Token
        let line: Int
        let column: Int
    }

    fileprivate enum BarToken {
        case chord(ChartChord)
        case hold
        case repeatBar
    }

    fileprivate struct Reader {
        var chart = Chart()
        var errors: [ChartError] = []
        private var pendingWords: [Located] = []
        private var pendingSection: String?
        private var inBars = false

        mutating func fail(_ line: Int, _ column: Int, _ field: String, _ message: String) {
            if errors.count < ChartParser.errorLimit {
                errors.append(ChartError(line: line, column: column, field: field, message: message))
            }
        }

        mutating func read(_ text: String) {
            var lineNumber = 0
            for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
                lineNumber += 1
                let line = Array(Self.withoutComment(rawLine))
                if !inBars, readHeader(line, lineNumber) { continue }
                for located in Self.tokens(of: line, lineNumber) { consume(located) }
            }
            finishBar(line: lineNumber, column: 1)
            if chart.bars.isEmpty && errors.isEmpty {
                fail(max(lineNumber, 1), 1, "bar", "the chart has no bars (write them between '|': | C | Am | F | G |)")
            }
            if let pendingSection {
                fail(lineNumber, 1, "section", "section [\(pendingSection)] has no bars after it")
            }
        }

        // MARK: lines and tokens

        /// The line up to a `#` that starts a comment: at the line's start or after a space or `|`
        /// (a `#` inside a chord, as in `F#m7`, is a sharp).
        private static func withoutComment(_ line: Substring) -> Substring {
            var previous: Character = " "
            for index in line.indices {
                let character = line[index]
                if character == "#", previous.isWhitespace || previous == "|" { return line[..<index] }
                previous = character
            }
            return line
        }

        private static func tokens(of line: [Character], _ lineNumber: Int) -> [Located] {
            var result: [Located] = []
            var index = 0
            while index < line.count {
                let character = line[index]
                if character.isWhitespace {
                    index += 1
                } else if character == "|" {
                    result.append(Located(token: .barLine, line: lineNumber, column: index + 1))
                    index += 1
                } else if character == "[", let close = line[index...].firstIndex(of: "]") {
                    let label = String(line[(index + 1)..<close]).trimmingWhitespace()
                    result.append(Located(token: .section(label), line: lineNumber, column: index + 1))
                    index = close + 1
                } else {
                    let start = index
                    while index < line.count, !line[index].isWhitespace, line[index] != "|" { index += 1 }
                    result.append(Located(token: .word(String(line[start..<index])), line: lineNumber, column: start + 1))
                }
            }
            return result
        }

        // MARK: header

        /// Reads a `name: value` header line; false when the line is not one.
        private mutating func readHeader(_ line: [Character], _ lineNumber: Int) -> Bool {
            guard let colon = line.firstIndex(of: ":"), !line.contains("|") else { return false }
            let name = String(line[..<colon]).trimmingWhitespace()
            guard let first = name.first, first.isLetter,
                  name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            else { return false }
            let value = String(line[(colon + 1)...]).trimmingWhitespace()
            let valueColumn = (line[(colon + 1)...].firstIndex { !$0.isWhitespace } ?? colon + 1) + 1
            let field = name.lowercased()
            switch field {
            case "title": chart.title = value.isEmpty ? nil : value
            case "key": readKey(value, lineNumber, valueColumn)
            case "meter", "time": readMeter(value, lineNumber, valueColumn)
            case "tempo": readTempo(value, lineNumber, valueColumn)
            case "style": chart.style = value.isEmpty ? nil : value
            default: chart.otherFields.append(ChartField(name: name, value: value))
            }
            return true
        }

        private mutating func readKey(_ value: String, _ line: Int, _ column: Int) {
            guard let key = Key(value) else {
                return fail(line, column, "key", "key '\(value)' is not a key (write a tonic and m for minor: Bb, F#m)")
            }
            chart.key = key
        }

        private mutating func readMeter(_ value: String, _ line: Int, _ column: Int) {
            guard let meter = Meter(value) else {
                return fail(line, column, "meter", "meter '\(value)' is not a meter (write beats/unit: 4/4, 6/8, 7/8)")
            }
            chart.meter = meter
        }

        private mutating func readTempo(_ value: String, _ line: Int, _ column: Int) {
            guard let tempo = Double(value), tempo.isFinite, Chart.tempoRange.contains(tempo) else {
                let range = "\(Int(Chart.tempoRange.lowerBound))-\(Int(Chart.tempoRange.upperBound))"
                return fail(line, column, "tempo", "tempo '\(value)' is not a number of quarter notes per minute in \(range)")
            }
            chart.tempo = tempo
        }

        // MARK: bars

        private mutating func consume(_ located: Located) {
            inBars = true
            switch located.token {
            case .barLine:
                finishBar(line: located.line, column: located.column)
            case .section(let label):
                finishBar(line: located.line, column: located.column)
                if label.isEmpty || label.contains("[") {
                    fail(located.line, located.column, "section", "a section mark needs a name inside [ ], like [A] or [Chorus]")
                }
                pendingSection = label
            case .word:
                pendingWords.append(located)
            }
        }

        private mutating func finishBar(line: Int, column: Int) {
            guard let first = pendingWords.first else { return }
            let words = pendingWords
            pendingWords = []
            let tokens = words.compactMap { barToken($0) }
            guard tokens.count == words.count else { return }
            if let bar = resolveBar(tokens, words: words, first: first) {
                var bar = bar
                bar.section = pendingSection
                pendingSection = nil
                chart.bars.append(bar)
            }
        }

        private mutating func barToken(_ located: Located) -> BarToken? {
            guard case .word(let word) = located.token else { return nil }
            switch word {
            case ".", "/": return .hold
            case "%": return .repeatBar
            default: break
            }
            if ["n.c.", "nc", "n.c"].contains(word.lowercased()) { return .chord(.noChord) }
            if word.hasSuffix(":"), ChartParser.knownFields.contains(word.dropLast().lowercased()) {
                fail(located.line, located.column, "header", "header lines such as '\(word)' come before the first bar")
                return nil
            }
            do {
                return .chord(.chord(try ChordSymbol(parsing: word)))
            } catch {
                guard errors.count < ChartParser.errorLimit else { return nil }
                var message = "unknown chord '\(word)'"
                if let suggestion = ChordSuggestions.closest(to: word) { message += " (did you mean '\(suggestion)'?)" }
                fail(located.line, located.column, "chord", message)
                return nil
            }
        }

        /// Turns a bar's tokens into chord spans, applying the split, hold and repeat rules.
        private mutating func resolveBar(_ tokens: [BarToken], words: [Located], first: Located) -> ChartBar? {
            let beats = chart.meter.beats
            if tokens.contains(where: { if case .repeatBar = $0 { true } else { false } }) {
                guard tokens.count == 1 else {
                    fail(first.line, first.column, "bar", "'%' repeats the whole previous bar and stands alone in its bar")
                    return nil
                }
                guard let previous = chart.bars.last else {
                    fail(first.line, first.column, "bar", "'%' repeats the previous bar, but this is the first bar")
                    return nil
                }
                return ChartBar(previous.spans)
            }
            guard tokens.count <= beats else {
                fail(words[beats].line, words[beats].column, "bar",
                     "\(tokens.count) chords or holds in a bar of \(beats) beats (\(chart.meter))")
                return nil
            }
            var spans: [ChordSpan] = []
            for (token, length) in zip(tokens, ChartParser.split(beats: beats, into: tokens.count)) {
                switch token {
                case .chord(let chord):
                    spans.append(ChordSpan(chord, beats: length))
                case .hold:
                    if !spans.isEmpty {
                        spans[spans.count - 1].beats += length
                    } else if let previous = chart.bars.last?.spans.last {
                        spans.append(ChordSpan(previous.chord, beats: length))
                    } else {
                        fail(first.line, first.column, "bar", "'\(first.wordText)' holds the previous chord, but there is none yet")
                        return nil
                    }
                case .repeatBar:
                    return nil
                }
            }
            return ChartBar(spans)
        }
    }

    /// How `count` tokens share `beats` beats: evenly, earlier tokens taking any extra beat
    /// (3 in 4/4 is 2+1+1; 2 in 5/4 is 3+2).
    public static func split(beats: Int, into count: Int) -> [Int] {
        guard count > 0 else { return [] }
        let base = beats / count, extra = beats % count
        return (0..<count).map { base + ($0 < extra ? 1 : 0) }
    }
}

extension ChartParser.Located {
    fileprivate var wordText: String {
        if case .word(let word) = token { return word }
        return ""
    }
}
