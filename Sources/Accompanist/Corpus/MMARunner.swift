import Arrangement
import Foundation

/// Why the corpus could not be built: one line, naming what failed.
public struct CorpusError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Runs Debian's `mma` on MMA source and reads back the MIDI file it writes.
///
/// Each render goes through two files in `directory`, named by the caller so that parallel
/// renders do not collide; both are removed afterwards. `PYTHONHASHSEED` is fixed so that nothing
/// in MMA varies between runs but the `RndSeed` the source sets. Safe to call from several threads.
public struct MMARunner: Sendable {
    /// The `mma` executable.
    public let executable: String
    /// A scratch directory for the .mma and .mid files.
    public let directory: URL

    public init(executable: String, directory: URL) {
        self.executable = executable
        self.directory = directory
    }

    /// The `mma` on PATH (or `explicit` when given), or an error that says how to get it.
    public static func locate(_ explicit: String? = nil) throws(CorpusError) -> String {
        if let explicit {
            guard FileManager.default.isExecutableFile(atPath: explicit) else {
                throw CorpusError("mma not found at \(explicit)")
            }
            return explicit
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(directory)/mma") {
            return "\(directory)/mma"
        }
        throw CorpusError("mma is not installed (Debian package mma): the corpus is rendered with it")
    }

    /// Renders `source`; `label` names the render in errors (`pop-loop-00042 in Eb with SwingPlus`).
    public func render(_ source: String, name: String, label: String) throws(CorpusError) -> MIDIFile {
        let script = directory.appendingPathComponent(name + ".mma")
        let midi = directory.appendingPathComponent(name + ".mid")
        defer {
            try? FileManager.default.removeItem(at: script)
            try? FileManager.default.removeItem(at: midi)
        }
        do {
            try Data(source.utf8).write(to: script)
        } catch {
            throw CorpusError("cannot write \(script.path): \(error.localizedDescription)")
        }
        let (status, output) = try run(["-f", midi.path, script.path], label: label)
        guard status == 0, FileManager.default.fileExists(atPath: midi.path) else {
            throw CorpusError("mma failed on \(label): \(Self.firstError(in: output))")
        }
        do {
            return try MIDIFile.read(contentsOf: midi.path)
        } catch {
            throw CorpusError("mma wrote an unreadable MIDI file for \(label): \(error)")
        }
    }

    /// Runs mma with stdout and stderr together, returning the exit status and the output.
    private func run(_ arguments: [String], label: String) throws(CorpusError) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["PYTHONHASHSEED": "0"]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw CorpusError("cannot run \(executable) for \(label): \(error.localizedDescription)")
        }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// MMA's `Error: …` message on one line (it wraps long ones), else the last line it printed.
    static func firstError(in output: String) -> String {
        let lines = output.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Error:") }) else {
            return lines.last ?? "no output (exit status non-zero)"
        }
        let rest = lines[(start + 1)...].prefix { !$0.hasPrefix("Error:") && !$0.hasPrefix("Warning:") }
        return ([lines[start]] + rest).joined(separator: " ")
    }
}
