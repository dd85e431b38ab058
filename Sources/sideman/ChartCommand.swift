import ArgumentParser
import Foundation
import MusicTheory

/// `sideman chart …`: reading and reshaping chord charts.
struct ChartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract: "Check and transpose chord charts.",
        subcommands: [Check.self, Transpose.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Parse a chart, report every error (FILE:LINE:COLUMN), and print it normalised."
        )

        @Argument(help: "The chart file (.chart).")
        var file: String

        func run() throws {
            do {
                print(try Chart(parsing: try FileInput.text(at: file)).text, terminator: "")
            } catch let failure as ChartParseFailure {
                let lines = failure.errors.map { "sideman: \(file):\($0)" }
                FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
                throw ExitCode(1)
            }
        }
    }

    struct Transpose: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a chart moved by semitones or into a key, spelled for the new key."
        )

        @Argument(help: "The chart file (.chart).")
        var file: String

        @Option(name: .customLong("semitones"), help: "Semitones to move, up (positive) or down (negative).")
        var semitones: Int?

        @Option(name: .customLong("to"), help: "The key to move into (Bb, F#m).")
        var key: String?

        func validate() throws {
            guard (semitones == nil) != (key == nil) else {
                throw ValidationError("give either --semitones N or --to KEY")
            }
        }

        func run() throws {
            let chart = try FileInput.chart(at: file)
            if let semitones {
                print(chart.transposed(bySemitones: semitones).text, terminator: "")
            } else if let key {
                guard let target = Key(key) else { throw CommandFailure("--to: '\(key)' is not a key (write Bb, F#m)") }
                do {
                    print(try chart.transposed(to: target).text, terminator: "")
                } catch {
                    throw CommandFailure("\(file): \(error)")
                }
            }
        }
    }
}
