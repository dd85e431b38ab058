import MusicTheory

/// A progression as a musician would sketch it: roman numerals in a major or minor key, one bar
/// between each `|`, chords within a bar splitting it as a chart does.
struct ProgressionForm: Sendable {
    let minor: Bool
    let text: String

    /// The tonic the form is written in: C or C minor.
    var key: Key { Key(NoteName(.c), minor: minor) }

    /// The bars as chords in C (or C minor); nil for a numeral `RomanNumeral` cannot read.
    var bars: [[ChordSymbol]]? {
        let key = self.key
        var result: [[ChordSymbol]] = []
        for bar in text.split(separator: "|") {
            let chords = bar.split(separator: " ").map { RomanNumeral.parse(String($0), in: key) }
            guard !chords.isEmpty, chords.allSatisfy({ $0 != nil }) else { return nil }
            result.append(chords.compactMap { $0 })
        }
        return result
    }
}

private func major(_ text: String) -> ProgressionForm { ProgressionForm(minor: false, text: text) }
private func minor(_ text: String) -> ProgressionForm { ProgressionForm(minor: true, text: text) }

extension Idiom {
    /// The idiom's stock progressions, before variation.
    var forms: [ProgressionForm] {
        switch self {
        case .popLoop: Self.popLoops
        case .twoFiveOne: Self.twoFiveOnes
        case .turnaround: Self.turnarounds
        case .rhythmChanges: Self.rhythmChangesForms
        case .majorBlues: Self.majorBluesForms
        case .minorBlues: Self.minorBluesForms
        case .jazzBlues: Self.jazzBluesForms
        case .modalVamp: Self.modalVamps
        case .minorCadence: Self.minorCadences
        case .gospelSoul: Self.gospelSoulForms
        case .latin: Self.latinForms
        case .waltz: Self.waltzes
        case .fiveFour: Self.fiveFourVamps
        case .sixEight: Self.sixEightForms
        }
    }

    static let popLoops = [
        major("I | V | vi | IV"), major("vi | IV | I | V"), major("I | vi | IV | V"), major("I | IV | vi | V"),
        major("I | IV | V | IV"), major("IV | I | V | vi"), major("I | bVII | IV | I"), major("vi | V | IV | V"),
        major("I | iii | IV | V"), major("I | V | vi | iii | IV | I | IV | V"), major("ii | IV | I | V"),
        major("I | IV | I | V"), major("I | bVI | bVII | I"), major("I | V/3 | vi | I/5 | IV | I/3 | ii | V"),
        major("I | I/7 | vi | vi/5 | IV | I/3 | ii7 | V"), major("IV | V | iii | vi"), major("I | IV/5 | I | V"),
        major("I | Isus4 I | IV | V"), major("I V | vi IV"), major("I | ii | IV | V"), major("vi | IV | V | I"),
        major("I | iii | vi | IV"), major("IV | V | I | vi"), major("I | V | IV | V"), major("I | vi | ii | V"),
        major("I | IV | ii | V"), major("I | bVII | bVI | bVII"), major("I | V | IV | IV"),
        major("I | Iaug | I6 | I7 | IV | iv | I | V"),
        minor("i | bVI | bIII | bVII"), minor("i | bVII | bVI | bVII"), minor("i | iv | bVI | V"),
        minor("i | bVI | bVII | i"), minor("i | bIII | bVII | iv"), minor("i | iv | bVII | bIII"),
        minor("i | bVII | bVI | V"), minor("i | bVI | iv | V"),
    ]

    static let twoFiveOnes = [
        major("ii7 | V7 | Imaj7 | Imaj7"), major("ii7 V7 | Imaj7"), major("ii7 | V7 | Imaj7 | vi7"),
        major("iii7 VI7 | ii7 V7 | Imaj7 | Imaj7"), major("ii7 | V7 | iii7 | VI7 | ii7 | V7 | Imaj7 | Imaj7"),
        major("ii7 | bII7 | Imaj7 | Imaj7"), major("iv7 | bVII7 | Imaj7 | Imaj7"), major("ii7 | V7 | I6 | I6"),
        major("ii7 | V7 | Imaj7 | IVmaj7 | viiø7 | III7 | vi7 | vi7"),
        major("IVmaj7 | iv7 bVII7 | iii7 | VI7 | ii7 | V7 | Imaj7 | Imaj7"),
        major("ii7 | V7 | Imaj7 | Imaj7 | iv7 | bVII7 | bIIImaj7 | ii7 V7"),
        major("Imaj7 | ii7 V7 | Imaj7 | ii7 V7"), major("ii7 | V7 | Imaj7 | bIII7 | bVImaj7 | bII7 | Imaj7 | Imaj7"),
        major("v7 | I7 | IVmaj7 | IVmaj7 | iv7 | bVII7 | Imaj7 | Imaj7"),
    ]

    static let turnarounds = [
        major("Imaj7 vi7 | ii7 V7"), major("I6 #i°7 | ii7 V7"), major("iii7 VI7 | ii7 V7"),
        major("Imaj7 bIIImaj7 | bVImaj7 bIImaj7"), major("iii7 bIII7 | ii7 bII7"), major("Imaj7 VI7 | ii7 V7"),
        major("I7 VI7 | II7 V7"), major("Imaj7 | vi7 | ii7 | V7"), major("I | VI7 | II7 | V7"),
        major("I6 | bIII°7 | ii7 | V7"), major("Imaj7 | #i°7 | ii7 | #ii°7"), major("iii7 | vi7 | ii7 | V7"),
        major("Imaj7 | IV7 | iii7 | VI7 | ii7 | V7 | Imaj7 | V7"),
    ]

    static let rhythmChangesForms = [
        major("I vi7 | ii7 V7 | I vi7 | ii7 V7 | I I7 | IV #iv°7 | I/5 V7 | I"),
        major("I VI7 | ii7 V7 | iii7 VI7 | ii7 V7 | v7 I7 | IV #iv°7 | iii7 VI7 | ii7 V7"),
        major("I vi7 | ii7 V7 | I vi7 | ii7 V7 | I I7 | IV iv7 | iii7 VI7 | ii7 V7"),
        major("I6 #i°7 | ii7 V7 | I6 #i°7 | ii7 V7 | v7 I7 | IV #iv°7 | I6 V7 | I6"),
        major("III7 | III7 | VI7 | VI7 | II7 | II7 | V7 | V7"),
        major("vii7 III7 | vii7 III7 | iii7 VI7 | iii7 VI7 | vi7 II7 | vi7 II7 | ii7 V7 | ii7 V7"),
    ]

    static let majorBluesForms = [
        major("I7 | I7 | I7 | I7 | IV7 | IV7 | I7 | I7 | V7 | IV7 | I7 | V7"),
        major("I7 | IV7 | I7 | I7 | IV7 | IV7 | I7 | I7 | V7 | IV7 | I7 | V7"),
        major("I7 | IV7 | I7 | I7 | IV7 | #iv°7 | I7 | I7 | V7 | IV7 | I7 IV7 | I7 V7"),
        major("I | I | I | I | IV | IV | I | I | V | IV | I | V"),
        major("I7 | I7 | I7 | I7 | IV7 | IV7 | I7 | I7 | V7 | V7 | I7 | I7"),
        major("I7 | V7 | IV7 | IV7 | I7 | V7 | I7 | V7"), major("I | I7 | IV | iv | I | V7 | I | V7"),
        major("I7 | IV7 | I7 | I7 | IV7 | IV7 | I7 | VI7 | ii7 | V7 | I7 VI7 | ii7 V7"),
    ]

    static let minorBluesForms = [
        minor("i7 | i7 | i7 | i7 | iv7 | iv7 | i7 | i7 | bVI7 | V7 | i7 | V7"),
        minor("i7 | iv7 | i7 | i7 | iv7 | iv7 | i7 | i7 | iiø7 | V7 | i7 | iiø7 V7"),
        minor("i7 | i7 | i7 | i7 | iv7 | iv7 | i7 | i7 | bVI7 | V7 | i7 bVI7 | iiø7 V7"),
        minor("i | i | i | i | iv | iv | i | i | bVI | V | i | V"),
        minor("i7 | iv7 | i7 | i7 | iv7 | iv7 | i7 | bVI7 | iiø7 | V7 | i7 | V7"),
    ]

    static let jazzBluesForms = [
        major("I7 | IV7 | I7 | v7 I7 | IV7 | #iv°7 | I7 | VI7 | ii7 | V7 | I7 VI7 | ii7 V7"),
        major("I7 | IV7 | I7 | I7 | IV7 | #iv°7 | I7 | iii7 VI7 | ii7 | V7 | iii7 VI7 | ii7 V7"),
        major("I7 | IV7 | I7 | v7 I7 | IV7 | IV7 | iii7 | VI7 | ii7 | V7 | I7 | ii7 V7"),
        major("Imaj7 | viiø7 III7 | vi7 II7 | v7 I7 | IV7 | iv7 bVII7 | iii7 | bIII7 | ii7 | V7 | Imaj7 VI7 | ii7 V7"),
        major("I7 | IV7 | I7 | I7 | IV7 | IV7 | I7 | VI7 | II7 | V7 | I7 | I7"),
    ]

    static let modalVamps = [
        minor("i7 | IV7"), minor("i7 | i7 | IV7 | IV7"), minor("i9 | IV9"),
        minor("i7 | i7 | i7 | i7 | bii7 | bii7 | i7 | i7"),
        major("I | bVII | I | bVII"), major("I7 | I7 | bVII | IV"), major("I | bVII | IV | I"), major("I7 | bVII/2"),
        major("Imaj7#11 | II/b7"), major("Imaj7 | II7 | Imaj7 | II7"), minor("i | bII | i | bII"), minor("i7 | bIImaj7"),
        minor("i | bVII | bVI | bVII"), minor("i7 | bVImaj7 | bVII | i7"), minor("i7 | iv7"), minor("i7 | v7"),
        major("Isus4 | I"), major("I9sus4 | bVII/2"), minor("i7 IV7 | i7 IV7"),
    ]

    static let minorCadences = [
        minor("iiø7 | V7b9 | i6 | i6"), minor("iiø7 V7b9 | i"), minor("i | iv | V7 | i"), minor("i | bVI | iiø7 | V7"),
        minor("i6 | iiø7 | V7b9 | i6"), minor("iv7 | bVII7 | bIIImaj7 | bVImaj7 | iiø7 | V7b9 | i6 | i6"),
        minor("i | iMaj7 | i7 | i6 | iv | V7 | i | i"), minor("i | i/7 | i/b7 | i/6 | bVImaj7 | iiø7 V7 | i | i"),
        minor("i | iv7 | V7 | i"), minor("i7 | iv7 | bVII7 | bIIImaj7 | bVImaj7 | iiø7 | V7 | i7"),
        minor("iiø7 | V7alt | i7 | i7"), minor("i | bVI7 | V7 | i"), minor("i | iv | bVII | bIII | bVI | iiø7 | V7 | i"),
    ]

    static let gospelSoulForms = [
        major("I | IV/5 | I | IV/5"), major("I | I7/3 | IV | #iv°7 | I/5 | VI7 | ii7 | V7"), major("I | IV | I | V7"),
        major("I9 | IV9"), major("I7 | IV7 | I7 | IV7"), major("I | iii7 | IV | V7sus4 V7"), major("IV | iii7 | ii7 | I"),
        major("I | vi7 | ii7 | IV/2"), major("ii7 | IV/2 | I | I"), major("III7 | vi7 | II7 | V7"),
        major("IV | #iv°7 | I/5 | VI7 | ii7 | V7 | I | I"), major("I | I/3 | IV | #iv°7 | I/5 | V7 | I | I"),
        major("IVmaj7 | iii7 | ii7 | Imaj7"), major("I | #i° | ii7 | V7"), minor("i9 | iv9 | i9 | bVI7 V7"),
        major("I | vi/5 | IV/5 | I"),
    ]

    static let latinForms = [
        major("Imaj7 | II7 | ii7 | bII7"), major("ii7 | V7b9 | Imaj7 | Imaj7"),
        major("Imaj7 | Imaj7 | II7 | II7 | ii7 | bII7 | Imaj7 | bII7"), major("I | IV | V | IV"),
        minor("i | iv | V7 | iv"), major("ii7 | V7 | ii7 | V7"), major("I IV | V IV"), minor("i iv | V7 iv"),
        minor("i7 | i7 | iv7 | iv7 | iiø7 | V7b9 | i7 | i7"), minor("biii7 | bVI7 | bIImaj7 | bIImaj7"),
        minor("i | V7 | V7 | i"), minor("i | bVII | bVI | V7"), major("I6 | I6 | ii7 | V7"),
        minor("i6 | iiø7 V7 | i6 | i6"),
    ]

    static let waltzes = [
        major("I | IV | V7 | I"), major("I | vi | ii | V7"), major("Imaj7 | vi7 | ii7 | V7"),
        major("I | I | IV | IV | V7 | V7 | I | I"), major("I | I/3 | IV | V"),
        major("Imaj7 | III7 | IVmaj7 | VI7 | ii7 | VI7 | ii7 | V7"), major("I | V7 | V7 | I"),
        major("ii7 | V7 | Imaj7 | IVmaj7"), major("I | IV | I | V7"), major("I | iii | IV | V"),
        minor("i | iv | V7 | i"), minor("i7 | iv7 | bVII7 | bIIImaj7"), minor("iiø7 | V7b9 | i | i"),
        minor("i | bVI | iiø7 | V7"), minor("i7 | i7 | iv7 | iv7"), minor("i | ii° | V7 | i"),
        major("I7 | I7 | I7 | I7 | iv7 | iv7 | I7 | I7 | V7 | bVI7 | I7 | I7"),
    ]

    static let fiveFourVamps = [
        minor("i7 v7 | i7 v7"), minor("i7 | iv7"), minor("i7 | bVI7 | i7 | V7"), major("I | IV"),
        major("Imaj7 | ii7 | iii7 | ii7"), minor("i9 | i9 | IV9 | IV9"), major("ii7 V7 | Imaj7"),
        minor("i | bVII | bVI | V7"), minor("i7 IV7 | i7 IV7"),
    ]

    static let sixEightForms = [
        major("I | vi | IV | V"), major("I | IV | I | V"), major("I | iii | IV | V"), minor("i | bVII | bVI | V"),
        major("I | IV | V | IV"), minor("i | iv | V7 | i"),
        major("I7 | IV7 | I7 | I7 | IV7 | IV7 | I7 | I7 | V7 | IV7 | I7 | V7"), major("I | I/3 | IV | V"),
        major("I | vi | ii | V7"), major("I | IV/5 | I | V7"), major("I IV | V I"), minor("i bVI | iv V7"),
    ]
}
