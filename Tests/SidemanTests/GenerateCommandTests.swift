import Foundation
import TestSupport
import Testing

/// `sideman generate`: every format from one run, read back by other programs.
@Suite struct GenerateCommandTests {
    private func chart() throws -> (directory: URL, path: String) {
        let directory = try makeTemporaryDirectory()
        let path = directory.appendingPathComponent("song.chart").path
        try "title: Song\ntempo: 140\n| C | Am | F | G7 |\n".write(toFile: path, atomically: true, encoding: .utf8)
        return (directory, path)
    }

    @Test func oneRunWritesMIDIJSONAndAudioWithStems() throws {
        let (directory, chart) = try chart()
        let out = { (name: String) in directory.appendingPathComponent(name).path }
        let result = try sideman("generate", "--chart", chart, "--engine", "pattern", "--out", out("take.mid"), "--out", out("take.json"),
                                 "--out", out("take.wav"), "--out", out("take.flac"), "--out", out("take.ogg"), "--stems")
        #expect(result.status == 0, "\(result.stderr)")
        let stems = ["bass", "keys", "pad", "drums"].flatMap { track in ["wav", "flac", "ogg"].map { "take.\(track).\($0)" } }
        for name in ["take.mid", "take.json", "take.wav", "take.flac", "take.ogg"] + stems {
            #expect(FileManager.default.fileExists(atPath: out(name)), "\(name) missing")
        }
        // The JSON take: tempo, meter, four tracks, notes in quarter notes.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out("take.json")))) as? [String: Any]
        #expect(json?["tempo"] as? Double == 140 && json?["meter"] as? String == "4/4")
        let tracks = json?["tracks"] as? [[String: Any]] ?? []
        #expect(tracks.compactMap { $0["name"] as? String } == ["Bass", "Keys", "Pad", "Drums"])
        let firstBass = (tracks.first?["notes"] as? [[String: Any]])?.first
        #expect(firstBass?["start"] as? Double == 0 && firstBass?["pitch"] as? Int == 36)
        // The MIDI file reads back in analyze as the chart it came from.
        let analysis = try sideman("analyze", out("take.mid"))
        #expect(analysis.stdout.contains("| C | Am | F | G7 |"), "\(analysis.stdout)")
    }

    @Test(.enabled(if: findExecutable("soxi") != nil || externalToolsRequired, "sox is not installed (make test installs it)"))
    func audioFilesAreReadBySox() throws {
        let (directory, chart) = try chart()
        let wav = directory.appendingPathComponent("take.wav").path, flac = directory.appendingPathComponent("take.flac").path
        let result = try sideman("generate", "--chart", chart, "--out", wav, "--out", flac, "--rate", "44100", "--wav-encoding", "pcm16")
        #expect(result.status == 0, "\(result.stderr)")
        let soxi = { (flag: String) in try runProcess("/usr/bin/env", ["soxi", flag, wav]).stdout.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(try soxi("-r") == "44100" && soxi("-c") == "2" && soxi("-b") == "16")
        // Four bars at 140 are 6.86 s; with the reverb's tail the file runs a little longer.
        let seconds = Double(try runProcess("/usr/bin/env", ["soxi", "-D", flac]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(seconds > 6.8 && seconds < 10)
        let stat = try runProcess("/usr/bin/env", ["sox", flac, "-n", "stat"])
        let peak = stat.stderr.split(separator: "\n").first { $0.hasPrefix("Maximum amplitude") }?.split(separator: ":").last
            .flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } ?? 2
        #expect(peak > 0.1 && peak < 1)
    }

    @Test func badOutputsAreRefusedBeforeAnythingIsWritten() throws {
        let (directory, chart) = try chart()
        let result = try sideman("generate", "--chart", chart, "--out", directory.appendingPathComponent("take.mp3").path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("unknown format"))
        let missing = try sideman("generate", "--chart", chart, "--out", "/no/such/dir/take.wav")
        #expect(missing.status == 1)
        #expect(missing.stderr.split(separator: "\n").count == 1 && missing.stderr.contains("/no/such/dir/take.wav"))
    }
}
