/// Reads chord symbols the way lead sheets write them.
///
/// Grammar, in order: root (`C`, `Bb`, `F♯`), an optional quality (`m` `-` `min` `mi`, `maj` `M` `Δ`
/// `^`, `dim` `°` `o`, `ø`, `aug` `+`), for minor an optional major-seventh mark (`mMaj7`, `-Δ7`,
/// `m(maj7)`), an optional number (`5` `6` `7` `9` `11` `13` `6/9` `69` `2`), then any modifiers,
/// bare or in parentheses separated by commas or spaces (`b5` `#5` `b9` `#9` `#11` `b13`, also with
/// `-`/`+`, ♭/♯; `9` `11` `13` inside parentheses; `add9` `add2` `add11` `add4` `add13` `add6`;
/// `sus` `sus2` `sus4`; `no3` `no5` `omit3` `omit5`; `alt`), and an optional `/bass`.
///
/// Pitch-class sets follow DESIGN.md: 9, 11 and 13 include the lower extensions, a dominant or
/// major 13 leaves out the 11, `dim` is the triad and `dim7` the four-note chord, and `alt` is
/// 1 3 ♭7 ♭9 ♯9 ♯11 ♭13.
enum ChordSymbolParser {
    private enum Quality { case major, minor, diminished, halfDiminished, augmented, power }

    private struct State {
        var quality: Quality = .major
        /// `maj`, `M`, `Δ` or `^` when one was written: the 7, 9, 11 or 13 that follows is a major seventh.
        var majorMark: String?
        var tones: Set<ChordTone> = [.majorThird, .fifth]
    }

    static func parse(_ text: String) throws(ChordSymbolError) -> ChordSymbol {
        var scanner = SymbolScanner(text)
        guard !text.isEmpty else { throw failure(scanner, "empty chord symbol") }
        guard let root = scanner.noteName() else { throw failure(scanner, "a chord starts with a note letter A-G") }

        var state = State()
        readQuality(&scanner, &state)
        state.tones = baseTones(for: state.quality)
        if state.quality == .minor || state.quality == .augmented {
            readMajorSeventhMark(&scanner, &state)
        }
        try readNumber(&scanner, &state)
        try readModifiers(&scanner, &state)

        var bass: NoteName?
        if scanner.consume("/") {
            guard let note = scanner.noteName() else { throw failure(scanner, "expected a bass note after '/'") }
            bass = note
        }
        guard scanner.isAtEnd else { throw failure(scanner, "unexpected '\(scanner.remainder)'") }
        return ChordSymbol(root: root, tones: state.tones, bass: bass)
    }

    /// The error for reading stopped where `scanner` stands.
    private static func failure(_ scanner: SymbolScanner, _ reason: String) -> ChordSymbolError {
        ChordSymbolError(symbol: String(scanner.characters), offset: scanner.position, reason: reason)
    }

    // MARK: quality

    private static let majorMarks = ["maj", "Maj", "MAJ", "M", "Δ", "^"]

    private static func readQuality(_ scanner: inout SymbolScanner, _ state: inout State) {
        if let mark = scanner.consume(anyOf: majorMarks) {
            state.majorMark = mark
        } else if scanner.continues(with: "ma"), scanner.peek(offset: 2)?.isNumber == true {
            scanner.advance(2)
            state.majorMark = "ma"
        } else if scanner.consume(anyOf: ["min", "mi", "m", "-"]) != nil {
            state.quality = .minor
        } else if scanner.consume(anyOf: ["dim", "°", "o"]) != nil {
            state.quality = .diminished
        } else if scanner.consume(anyOf: ["ø", "Ø"]) != nil {
            state.quality = .halfDiminished
        } else if scanner.consume(anyOf: ["aug", "+"]) != nil {
            state.quality = .augmented
            if scanner.continues(with: "5"), scanner.peek(offset: 1)?.isNumber != true { scanner.advance() }
        } else if scanner.continues(with: "5"), scanner.peek(offset: 1)?.isNumber != true {
            scanner.advance()
            state.quality = .power
        }
    }

    private static func baseTones(for quality: Quality) -> Set<ChordTone> {
        switch quality {
        case .major: [.majorThird, .fifth]
        case .minor: [.minorThird, .fifth]
        case .diminished: [.minorThird, .flatFifth]
        case .halfDiminished: [.minorThird, .flatFifth, .minorSeventh]
        case .augmented: [.majorThird, .sharpFifth]
        case .power: [.fifth]
        }
    }

    /// `mMaj7`, `m(maj7)`, `-Δ7`, `mM9`, `+maj7`: a minor or augmented chord with a major seventh.
    private static func readMajorSeventhMark(_ scanner: inout SymbolScanner, _ state: inout State) {
        if scanner.consume(anyOf: ["(maj7)", "(Maj7)", "(M7)", "(Δ7)", "(Δ)"]) != nil {
            state.tones.insert(.majorSeventh)
        } else if let mark = scanner.consume(anyOf: majorMarks) {
            state.majorMark = mark
        }
    }

    // MARK: number

    private static func readNumber(_ scanner: inout SymbolScanner, _ state: inout State) throws(ChordSymbolError) {
        guard let first = scanner.peek, first.isASCII, first.isNumber else {
            // `CΔ` alone is a major seventh; `Cmaj` and `CM` alone are the major triad.
            if state.majorMark == "Δ" || state.majorMark == "^" { state.tones.insert(.majorSeventh) }
            return
        }
        guard state.quality != .power else { throw failure(scanner, "a power chord takes no number") }
        if scanner.consume("6/9") || scanner.consume("69") {
            state.tones.formUnion([.sixth, .ninth])
            return
        }
        let numberStart = scanner.position
        switch scanner.integer() {
        case 2: state.tones.insert(.ninth)
        case 6: state.tones.insert(.sixth)
        case let number? where [7, 9, 11, 13].contains(number): stackSeventh(upTo: number, &state)
        case let number:
            scanner.advance(numberStart - scanner.position)
            throw failure(scanner, "'\(number.map(String.init) ?? "")' is not a chord number (use 6, 7, 9, 11, 13 or 6/9)")
        }
    }

    /// 7, 9, 11 or 13 with the lower extensions; the 11 is left out of dominant and major 13ths.
    private static func stackSeventh(upTo number: Int, _ state: inout State) {
        let seventh: ChordTone
        if state.majorMark != nil {
            seventh = .majorSeventh
        } else if state.quality == .diminished {
            seventh = .diminishedSeventh
        } else {
            seventh = .minorSeventh
        }
        state.tones.insert(seventh)
        if number >= 9 { state.tones.insert(.ninth) }
        if number >= 11 && (number == 11 || state.tones.contains(.minorThird)) { state.tones.insert(.eleventh) }
        if number >= 13 { state.tones.insert(.thirteenth) }
    }

    // MARK: modifiers

    private static func readModifiers(_ scanner: inout SymbolScanner, _ state: inout State) throws(ChordSymbolError) {
        while let next = scanner.peek, next != "/" {
            if scanner.consume("(") {
                try readParenthesised(&scanner, &state)
            } else if !readModifier(&scanner, &state, insideParentheses: false) {
                throw failure(scanner, "unexpected '\(scanner.remainder)'")
            }
        }
    }

    private static func readParenthesised(_ scanner: inout SymbolScanner, _ state: inout State) throws(ChordSymbolError) {
        var readAny = false
        while !scanner.consume(")") {
            if scanner.isAtEnd { throw failure(scanner, "missing ')'") }
            if scanner.consume(",") || scanner.consume(" ") { continue }
            guard readModifier(&scanner, &state, insideParentheses: true) else {
                throw failure(scanner, "unexpected '\(scanner.remainder)' in parentheses")
            }
            readAny = true
        }
        if !readAny { throw failure(scanner, "empty parentheses") }
    }

    /// Reads one modifier; false when none starts here.
    private static func readModifier(
        _ scanner: inout SymbolScanner, _ state: inout State, insideParentheses: Bool
    ) -> Bool {
        if scanner.consume("alt") {
            state.tones = ChordTone.altered
            return true
        }
        if let word = scanner.consume(anyOf: ["sus4", "sus2", "sus"]) {
            state.tones.subtract([.minorThird, .majorThird])
            state.tones.insert(word == "sus2" ? .suspendedSecond : .suspendedFourth)
            return true
        }
        if scanner.consume(anyOf: ["omit", "no"]) != nil {
            return readOmission(&scanner, &state)
        }
        if scanner.consume("add") {
            if let tone = readAlteration(&scanner) ?? readAddedNumber(&scanner) {
                state.tones.insert(tone)
                return true
            }
            return false
        }
        if let tone = readAlteration(&scanner) {
            replaceNatural(with: tone, in: &state.tones)
            return true
        }
        if insideParentheses {
            if scanner.consume(anyOf: ["maj7", "Maj7", "M7", "Δ7"]) != nil {
                state.tones.subtract(ChordTone.sevenths)
                state.tones.insert(.majorSeventh)
                return true
            }
            if let tone = readAddedNumber(&scanner) {
                state.tones.insert(tone)
                return true
            }
        }
        return false
    }

    private static func readOmission(_ scanner: inout SymbolScanner, _ state: inout State) -> Bool {
        switch scanner.integer() {
        case 3: state.tones.subtract([.minorThird, .majorThird]); return true
        case 5: state.tones.subtract([.fifth]); return true
        default: return false
        }
    }

    /// `b5 #5 b9 #9 #11 b13` with b/♭/- for flat and #/♯/+ for sharp.
    private static func readAlteration(_ scanner: inout SymbolScanner) -> ChordTone? {
        let start = scanner
        let sign: Int
        switch scanner.peek {
        case "b", "♭", "-": sign = -1
        case "#", "♯", "+": sign = 1
        default: return nil
        }
        scanner.advance()
        let tone: ChordTone? = switch (sign, scanner.integer()) {
        case (-1, 5): .flatFifth
        case (1, 5): .sharpFifth
        case (-1, 9): .flatNinth
        case (1, 9): .sharpNinth
        case (1, 11): .sharpEleventh
        case (-1, 13): .flatThirteenth
        default: nil
        }
        if tone == nil { scanner = start }
        return tone
    }

    /// A natural tension named by number: 9, 11, 13 (and 2, 4, 6 after `add`).
    private static func readAddedNumber(_ scanner: inout SymbolScanner) -> ChordTone? {
        let start = scanner
        let tone: ChordTone? = switch scanner.integer() {
        case 2, 9: .ninth
        case 4, 11: .eleventh
        case 6: .sixth
        case 13: .thirteenth
        default: nil
        }
        if tone == nil { scanner = start }
        return tone
    }

    /// The natural tone an alteration takes the place of: ♭9 replaces 9, ♯5 replaces 5.
    static func naturalReplaced(by tone: ChordTone) -> ChordTone? {
        switch tone {
        case .flatFifth, .sharpFifth: .fifth
        case .flatNinth, .sharpNinth: .ninth
        case .sharpEleventh: .eleventh
        case .flatThirteenth: .thirteenth
        default: nil
        }
    }

    private static func replaceNatural(with tone: ChordTone, in tones: inout Set<ChordTone>) {
        if let natural = naturalReplaced(by: tone) { tones.remove(natural) }
        tones.insert(tone)
    }
}
