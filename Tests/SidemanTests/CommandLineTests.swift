import Arrangement
import Foundation
import MusicTheory
import TestSupport
import Testing

/// The command line as DESIGN.md gives it: output shapes, one-line errors and exit status 1.
@Suite struct CommandLineTests {
    private func file(_ name: String, _ contents: String) throws -> String {
        let url = try makeTemporaryDirectory().appendingPathComponent(name)
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func expectOneLineFailure(_ result: ProcessResult, mentioning text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(text), "\(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test func bareSidemanPrintsItsHelp() throws {
        let result = try sideman()
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: sideman"))
        for command in ["chord", "chart", "analyze"] { #expect(result.stdout.contains(command)) }
    }

    @Test(arguments: [["chord", "--help"], ["chart", "check", "--help"], ["chart", "transpose", "--help"], ["analyze", "--help"], ["corpus", "--help"]])
    func everyCommandHasHelp(_ arguments: [String]) throws {
        let result = try runProcess(sidemanExecutable, arguments)
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE:"))
    }

    @Test func usageErrorsExitWithStatusOne() throws {
        let result = try sideman("chord", "C", "--no-such-option")
        #expect(result.status == 1)
        #expect(result.stderr.contains("--no-such-option"))
    }

    @Test func chordJSONHasTheDocumentedShape() throws {
        let result = try sideman("chord", "Bb/D", "--json")
        #expect(result.status == 0)
        #expect(result.stdout == #"{"symbol":"Bb/D","canonical":"Bb/D","root":"Bb","bass":"D","pitchClasses":[2,5,10],"notes":["Bb","D","F"]}"# + "\n")
    }

    @Test func chordTextShowsSpellingAndRomanNumeral() throws {
        let result = try sideman("chord", "F#ø7", "--key", "E")
        #expect(result.status == 0)
        #expect(result.stdout.contains("F#m7b5"))
        #expect(result.stdout.contains("F# A C E"))
        #expect(result.stdout.contains("iiø7"))
    }

    @Test func noChordIsUnderstood() throws {
        let result = try sideman("chord", "N.C.", "--json")
        #expect(result.stdout.contains(#""canonical":"N.C.""#) && result.stdout.contains(#""pitchClasses":[]"#))
    }

    @Test func unknownChordSuggestsTheClosestSymbol() throws {
        expectOneLineFailure(try sideman("chord", "Cmaj8"), mentioning: "did you mean 'Cmaj7'?")
    }

    @Test func chartCheckPrintsTheNormalisedChart() throws {
        let path = try file("song.chart", "key: Cm\n| Cm7 | % | Fm7 . Bb7 . | EbΔ7 |\n")
        let result = try sideman("chart", "check", path)
        #expect(result.status == 0)
        #expect(result.stdout == "key: Cm\nmeter: 4/4\ntempo: 120\n\n| Cm7 | % | Fm7 Bb7 | Ebmaj7 |\n")
    }

    @Test func chartCheckReportsEveryErrorWithFileLineAndColumn() throws {
        let path = try file("bad.chart", "meter: 5/3\n| Cmaj8 | C |\n| C D E F G |\n")
        let result = try sideman("chart", "check", path)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n") == [
            "sideman: \(path):1:8: meter '5/3' is not a meter (write beats/unit: 4/4, 6/8, 7/8)",
            "sideman: \(path):2:3: unknown chord 'Cmaj8' (did you mean 'Cmaj7'?)",
            "sideman: \(path):3:11: 5 chords or holds in a bar of 4 beats (4/4)",
        ])
    }

    @Test func chartTransposePrintsTheChartInTheNewKey() throws {
        let path = try file("song.chart", "key: F\n| F | Bb | A7 | Dm7 |\n")
        let result = try sideman("chart", "transpose", path, "--to", "G")
        #expect(result.status == 0)
        #expect(result.stdout.contains("key: G") && result.stdout.contains("| G | C | B7 | Em7 |"))
        expectOneLineFailure(try sideman("chart", "transpose", path, "--to", "Gm"), mentioning: "ask for a major key")
    }

    @Test func missingAndUnreadableFilesGiveOneLine() throws {
        expectOneLineFailure(try sideman("chart", "check", "/no/such.chart"), mentioning: "/no/such.chart")
        expectOneLineFailure(try sideman("analyze", "/no/such.mid"), mentioning: "/no/such.mid")
        let binary = try file("binary.chart", "")
        try Data([0xFF, 0xFE, 0x00, 0xC3]).write(to: URL(fileURLWithPath: binary))
        expectOneLineFailure(try sideman("chart", "check", binary), mentioning: "not UTF-8 text")
    }

    /// Malformed MIDI files of every kind are refused in one line naming the file: never a crash.
    @Test(arguments: [
        ("empty", [UInt8]()),
        ("garbage", Array("this is not a MIDI file at all".utf8)),
        ("truncated header", [0x4D, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1]),
        ("division zero", [0x4D, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 0, 0]),
        ("SMPTE division", [0x4D, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 0xE7, 0x28]),
        ("lying chunk length", [0x4D, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, 0, 96,
                                0x4D, 0x54, 0x72, 0x6B, 0x7F, 0xFF, 0xFF, 0xFF, 0x00, 0xFF, 0x2F, 0x00]),
    ])
    func malformedMIDIFilesAreRefusedInOneLine(_ name: String, _ bytes: [UInt8]) throws {
        let path = try file("\(name).mid", "")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        expectOneLineFailure(try sideman("analyze", path), mentioning: path)
    }

    @Test func analyzeReadsBackTheChordsOfATakeWeWrote() throws {
        let path = try file("take.mid", "")
        try TakeFixtures.blockChords(["Cmaj7", "A7", "Dm7 G7", "C"], meter: .common, tempo: 96).midiFile.write(to: path)
        let result = try sideman("analyze", path, "--json")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix(#"{"tempo":96,"meter":"4/4","key":"#))
        #expect(result.stdout.contains(#""bars":[[{"chord":"Cmaj7","beats":4}],[{"chord":"A7","beats":4}],[{"chord":"Dm7","beats":2},{"chord":"G7","beats":2}],[{"chord":"C","beats":4}]]"#))
        let text = try sideman("analyze", path)
        #expect(text.stdout.contains("meter: 4/4") && text.stdout.contains("| Cmaj7 | A7 | Dm7 G7 | C |"))
    }
}

/// Takes built for tests: block chords in the keys, with the root in the bass.
enum TakeFixtures {
    /// One bar per entry; an entry with two symbols splits its bar in halves.
    static func blockChords(_ bars: [String], meter: Meter, tempo: Double) -> Take {
        let ticksPerBeat = Take.defaultTicksPerQuarter * 4 / meter.unit
        var keys = Track(.keys), bass = Track(.bass)
        for (index, bar) in bars.enumerated() {
            let symbols = bar.split(separator: " ").compactMap { try? ChordSymbol(parsing: String($0)) }
            let lengths = ChartParser.split(beats: meter.beats, into: symbols.count)
            var beat = 0
            for (chord, length) in zip(symbols, lengths) {
                let start = (index * meter.beats + beat) * ticksPerBeat
                let duration = length * ticksPerBeat
                for pitchClass in chord.pitchClasses where pitchClass != chord.bass.pitchClass || chord.slashBass == nil {
                    keys.add(Note(pitch: 60 + pitchClass.value, velocity: 80, start: start, duration: duration))
                }
                bass.add(Note(pitch: 36 + chord.bass.pitchClass.value, velocity: 90, start: start, duration: duration))
                beat += length
            }
        }
        return Take(tempo: tempo, meter: meter, tracks: [bass, keys])
    }
}
