import AudioIO
import Foundation
import TestSupport
import Testing

/// `sideman play` through the real ALSA path: alsa-lib's `file` plugin (a PCM configured in a
/// test file given by ALSA_CONFIG_PATH) writes out exactly the bytes alsa-lib received.
@Suite struct PlayCommandTests {
    private func setUp() throws -> (directory: URL, chart: String, environment: [String: String]) {
        let directory = try makeTemporaryDirectory()
        let chart = directory.appendingPathComponent("song.chart").path
        try "tempo: 180\n| Cm7 | F7 | Bbmaj7 | Ebmaj7 |\n".write(toFile: chart, atomically: true, encoding: .utf8)
        let config = directory.appendingPathComponent("alsa.conf").path
        let raw = directory.appendingPathComponent("played.raw").path
        try """
            pcm.sidemantest {
                type file
                slave.pcm "null"
                file "\(raw)"
                format "raw"
            }
            """.write(toFile: config, atomically: true, encoding: .utf8)
        return (directory, chart, ["ALSA_CONFIG_PATH": "/usr/share/alsa/alsa.conf:\(config)"])
    }

    @Test func whatALSAReceivedIsTheOfflineRenderSampleForSample() throws {
        let (directory, chart, environment) = try setUp()
        let played = try runProcess(sidemanExecutable, ["play", "--chart", chart, "--device", "sidemantest", "--period", "256"],
                                    environment: environment)
        #expect(played.status == 0, "\(played.stderr)")
        let wav = directory.appendingPathComponent("bounce.wav").path
        let bounced = try runProcess(sidemanExecutable, ["generate", "--chart", chart, "--out", wav, "--wav-encoding", "float32"])
        #expect(bounced.status == 0, "\(bounced.stderr)")

        let raw = try Data(contentsOf: directory.appendingPathComponent("played.raw"))
        let received = raw.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        let offline = try SoundFile.read(wav)
        let frames = offline.frameCount
        #expect(received.count / 2 >= frames, "ALSA received \(received.count / 2) frames, the bounce has \(frames)")
        var firstDifference: Int?
        for frame in 0..<min(frames, received.count / 2)
        where received[2 * frame] != offline.channels[0][frame] || received[2 * frame + 1] != offline.channels[1][frame] {
            firstDifference = frame
            break
        }
        #expect(firstDifference == nil, "differs from frame \(firstDifference ?? 0)")
    }

    @Test func withoutADeviceItSaysSoInOneLineAndPlaysOnSilently() throws {
        let (_, chart, _) = try setUp()
        let started = Date()
        let result = try runProcess(sidemanExecutable, ["play", "--chart", chart, "--device", "nosuchdevice"])
        #expect(result.status == 0)
        #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains("nosuchdevice"))
        // Four bars at 180 last 5.3 s; silently, it still takes them in real time.
        #expect(Date().timeIntervalSince(started) > 5)
    }

    @Test func controlCStopsPlayingAtOnceAndCleanly() throws {
        let (_, chart, _) = try setUp()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sidemanExecutable)
        process.arguments = ["play", "--chart", chart, "--device", "nosuchdevice", "--loops", "10"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Time to start up and begin playing (a debug build under load is slow to start).
        usleep(2_000_000)
        let interrupted = Date()
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(Date().timeIntervalSince(interrupted) < 1)
    }

    @Test func devicesListsPlaybackDevicesAndSaysWhyThereAreNoMIDIPorts() throws {
        let result = try sideman("devices")
        #expect(result.status == 0)
        #expect(result.stdout.contains("Playback devices:") && result.stdout.contains("null"))
        #expect(result.stdout.contains("MIDI ports:"))
    }
}
