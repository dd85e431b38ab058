/// A cursor over the characters of a symbol, for the hand-written parsers of note names, keys,
/// chord symbols and roman numerals. Works on `Character`s, so ♭, ♯, Δ and ø are one step each.
struct SymbolScanner {
    let characters: [Character]
    private(set) var position = 0

    init(_ text: String) { characters = Array(text) }

    var isAtEnd: Bool { position >= characters.count }
    var peek: Character? { isAtEnd ? nil : characters[position] }
    var remainder: String { String(characters[min(position, characters.count)...]) }

    func peek(offset: Int) -> Character? {
        let index = position + offset
        return index < characters.count ? characters[index] : nil
    }

    mutating func advance(_ count: Int = 1) { position = min(characters.count, position + count) }

    /// Consumes `literal` if the text continues with it (case-sensitive).
    mutating func consume(_ literal: String) -> Bool {
        let wanted = Array(literal)
        guard position + wanted.count <= characters.count,
              Array(characters[position..<(position + wanted.count)]) == wanted
        else { return false }
        position += wanted.count
        return true
    }

    /// Consumes the first of `literals` that matches, trying them in order (put longer ones first).
    mutating func consume(anyOf literals: [String]) -> String? {
        for literal in literals where consume(literal) { return literal }
        return nil
    }

    /// Whether the text continues with `literal`, without consuming it.
    func continues(with literal: String) -> Bool {
        var copy = self
        return copy.consume(literal)
    }

    /// Consumes a run of ASCII digits and returns its value (nil when none, or absurdly long).
    mutating func integer() -> Int? {
        var digits = ""
        while let character = peek, character.isASCII, character.isNumber, digits.count < 6 {
            digits.append(character)
            advance()
        }
        return Int(digits)
    }

    /// One flat or sharp sign in any of its spellings: `b`, `♭` give -1; `#`, `♯` give +1.
    mutating func accidentalSign() -> Int? {
        switch peek {
        case "b", "♭": advance(); return -1
        case "#", "♯": advance(); return 1
        default: return nil
        }
    }

    /// A letter A–G followed by up to two accidentals.
    mutating func noteName() -> NoteName? {
        guard let character = peek, let letter = Letter(symbol: character) else { return nil }
        advance()
        var accidental = 0
        while abs(accidental) < 2, let sign = peekAccidentalContinuing(accidental) {
            accidental += sign
            advance()
        }
        return NoteName(letter, accidental)
    }

    /// The next accidental sign if it goes the same way as those already read.
    private func peekAccidentalContinuing(_ accidental: Int) -> Int? {
        let sign: Int
        switch peek {
        case "b", "♭": sign = -1
        case "#", "♯": sign = 1
        default: return nil
        }
        return accidental == 0 || accidental.signum() == sign ? sign : nil
    }
}
