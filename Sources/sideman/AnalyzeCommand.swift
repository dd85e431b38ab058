import ArgumentParser
import Arrangement
import MusicTheory

/// `sideman analyze FILE.mid`: the tempo, meter and chords of any MIDI file, as a chart.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Read the tempo, meter and chords of each bar of a MIDI file, printed as a chart.",
        discussion: """
            Drums (channel 10) are ignored. Chords may change on any beat. When the file changes \
            tempo or meter, the first ones are reported.
            """
    )

    @Argument(help: "A Standard MIDI File (type 0 or 1).")
    var file: String

    @Flag(help: "Print one JSON object: tempo, meter, and each bar's chords with their beats.")
    var json = false

    func run() throws {
        let midi = try FileInput.midi(at: file)
        let analysis: ChordAnalysis
        do {
            analysis = try ChordAnalysis(midi: midi)
        } catch {
            throw CommandFailure("\(file): \(error)")
        }
        if json {
            print(Self.json(analysis).text)
        } else {
            print(analysis.chart.text, terminator: "")
        }
    }

    static func json(_ analysis: ChordAnalysis) -> JSON {
        let bars = analysis.bars.map { bar in
            JSON.array(bar.spans.map { .object([("chord", .string($0.chord.description)), ("beats", .integer($0.beats))]) })
        }
        return .object([
            ("tempo", .number(analysis.tempo)),
            ("meter", .string(analysis.meter.description)),
            ("key", .string(analysis.key.description)),
            ("bars", .array(bars)),
        ])
    }
}
