import ArgumentParser
import MusicTheory

/// `sideman chord NAME`: how a chord symbol is read.
struct ChordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chord",
        abstract: "Show how a chord symbol is read: root, bass, pitch classes, spelling.",
        discussion: "Accepts ASCII and ♭ ♯ Δ ø ° forms, alterations, slash bass and N.C."
    )

    @Argument(help: "The chord symbol, e.g. Bb/D, F#m7b5, C7(b9,#11), EbΔ7.")
    var name: String

    @Option(help: "A key (Bb, F#m) in which to show the chord as a roman numeral.")
    var key: String?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let key = try self.key.map { text in
            guard let key = Key(text) else { throw CommandFailure("--key: '\(text)' is not a key (write Bb, F#m)") }
            return key
        }
        if ["n.c.", "nc", "n.c"].contains(name.lowercased()) {
            print(json ? noChordJSON.text : "N.C.  no chord: bass and keys rest, drums play on")
            return
        }
        let chord: ChordSymbol
        do {
            chord = try ChordSymbol(parsing: name)
        } catch {
            var message = "unknown chord '\(name)': \(error.reason) at character \(error.offset + 1)"
            if let suggestion = ChordSuggestions.closest(to: name) { message += " (did you mean '\(suggestion)'?)" }
            throw CommandFailure(message)
        }
        print(json ? chordJSON(chord).text : chordText(chord, key: key))
    }

    private var noChordJSON: JSON {
        .object([
            ("symbol", .string(name)), ("canonical", .string("N.C.")), ("root", .null), ("bass", .null),
            ("pitchClasses", .array([])), ("notes", .array([])),
        ])
    }

    private func chordJSON(_ chord: ChordSymbol) -> JSON {
        .object([
            ("symbol", .string(name)),
            ("canonical", .string(chord.description)),
            ("root", .string(chord.root.description)),
            ("bass", .string(chord.bass.description)),
            ("pitchClasses", .array(chord.pitchClasses.sorted().map { .integer($0.value) })),
            ("notes", .array(chord.spelling.map { .string($0.description) })),
        ])
    }

    private func chordText(_ chord: ChordSymbol, key: Key?) -> String {
        let degrees = ["1"] + chord.tones.sorted().map(\.interval.degreeName)
        var lines = [
            "\(chord)  (\(chord.unicodeDescription))",
            "  root           \(chord.root)",
            "  bass           \(chord.bass)",
            "  notes          \(chord.spelling.map(\.description).joined(separator: " "))",
            "  degrees        \(degrees.joined(separator: " "))",
            "  pitch classes  \(chord.pitchClasses.sorted().map { String($0.value) }.joined(separator: " "))",
        ]
        if let key { lines.append("  in \(key)  \(RomanNumeral(chord, in: key))") }
        return lines.joined(separator: "\n")
    }
}
