import ArgumentParser
import Foundation

/// The root command. Bare `sideman` prints help until the interface exists.
struct Sideman: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sideman",
        abstract: "A terminal co-pilot for songwriters: chord charts in, a band out.",
        subcommands: [
            ChordCommand.self, ChartCommand.self, AnalyzeCommand.self, GenerateCommand.self, PlayCommand.self, CorpusCommand.self,
            TrainCommand.self, EvalCommand.self, ModelCommand.self, BenchCommand.self, DevicesCommand.self,
        ]
    )

    func run() throws { print(Sideman.helpMessage()) }
}

/// A failure to report to the musician: one line on stderr, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

@main
enum Main {
    static func main() {
        do {
            var command = try Sideman.parseAsRoot()
            try command.run()
        } catch {
            if Sideman.exitCode(for: error) == .success {
                print(Sideman.fullMessage(for: error))
                exit(0)
            }
            // A command that already reported its errors throws a bare exit code.
            if let code = error as? ExitCode { exit(code.rawValue) }
            let message = error is CommandFailure ? "sideman: \(error)" : Sideman.fullMessage(for: error)
            FileHandle.standardError.write(Data((message + "\n").utf8))
            // DESIGN.md: every error exits 1, usage errors included.
            exit(1)
        }
    }
}
