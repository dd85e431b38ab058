import ArgumentParser
import Arrangement
import AudioIO
import Foundation
import MusicTheory
import Studio
import Synthesis

/// Set by the SIGINT handler; read by the waiting loop.
nonisolated(unsafe) private var interrupted: sig_atomic_t = 0

/// `sideman play`: generate and play a chart through ALSA, no interface.
struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Generate the accompaniment of a chart and play it through ALSA.",
        discussion: "Returns when the last loop has rung out; Ctrl-C stops at once. Without an audio device it says so in one line and plays on silently."
    )

    @Option(help: "The chart file (.chart).")
    var chart: String

    @Option(help: "ALSA playback device, as `sideman devices` lists them.")
    var device: String = "default"

    @Option(help: "Sample rate in Hz (44100 or 48000).")
    var rate: Int = 48000

    @Option(help: "Frames per period: smaller is lower latency, larger is safer.")
    var period: Int = 256

    @Option(help: "Times to play the chart through.")
    var loops: Int = 1

    @OptionGroup var generation: GenerationOptions

    @Option(help: "What the keys track plays: piano (electric piano) or guitar (plucked).")
    var keys: GenerateCommand.KeysSound = .piano

    @Option(help: "Semitones to move the pitched tracks (-24…24).")
    var transpose: Int = 0

    func validate() throws {
        guard [44100, 48000].contains(rate) else { throw ValidationError("--rate must be 44100 or 48000") }
        guard (16...8192).contains(period) else { throw ValidationError("--period must be 16…8192 frames") }
        guard (1...1000).contains(loops) else { throw ValidationError("--loops must be 1…1000") }
        guard (-24...24).contains(transpose) else { throw ValidationError("--transpose must be within -24…24") }
    }

    func run() throws {
        // First of all, so a Ctrl-C during start-up stops too (the global is touched before the
        // handler can run, so the handler never initialises it).
        interrupted = 0
        signal(SIGINT) { _ in interrupted = 1 }
        // A launcher may hand over SIGINT blocked (the mask survives exec); take it back.
        var mask = sigset_t()
        sigemptyset(&mask)
        sigaddset(&mask, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &mask, nil)
        // Only the audio thread touches the PCM while it plays, so alsa-lib's own locking of
        // plugin devices (taken on every write) is not needed on the audio thread.
        setenv("LIBASOUND_THREAD_SAFE", "0", 0)
        let chart = try FileInput.chart(at: self.chart)
        let take = try generation.take(for: chart)
        let layout = BandLayout(keysPatch: keys == .guitar ? .guitar : .electricPiano)
        let relay = RendererRelay()
        let output: Output
        var rate = self.rate
        do {
            let playback = try ALSAPlayback(
                configuration: PlaybackConfiguration(device: device, sampleRate: rate, period: period), renderer: relay)
            rate = playback.actualSampleRate
            output = .device(playback)
        } catch {
            FileHandle.standardError.write(Data("sideman: \(error) — playing on silently\n".utf8))
            output = .silent(SilentOutput(sampleRate: rate, period: period, renderer: relay))
        }
        let transport = Transport(sampleRate: rate, layout: layout)
        relay.target = transport.audio
        transport.setTranspose(transpose)
        transport.play(take, repeats: loops - 1)

        try output.start()
        while !transport.isFinished && interrupted == 0 {
            usleep(10_000)
            transport.releaseRetiredScores()
        }
        // Let the last notes and the reverb ring out for a second and a half of played audio
        // (counted in periods, so a device without a clock does not spin on for long), unless
        // stopped by hand.
        let ringOut = transport.periodsRendered + 3 * rate / (2 * period)
        while interrupted == 0 && transport.periodsRendered < ringOut { usleep(10_000) }
        output.stop(immediately: interrupted != 0)
        if case .device(let playback) = output, playback.underrunCount > 0 {
            FileHandle.standardError.write(Data("sideman: \(playback.underrunCount) underruns\n".utf8))
        }
    }

    /// Where the sound goes: a device, or nowhere at the pace of real time.
    enum Output {
        case device(ALSAPlayback)
        case silent(SilentOutput)

        func start() throws {
            switch self {
            case .device(let playback):
                do { try playback.start() } catch { throw CommandFailure("\(error)") }
            case .silent(let output):
                output.start()
            }
        }

        func stop(immediately: Bool) {
            switch self {
            case .device(let playback): playback.stop(immediately: immediately)
            case .silent(let output): output.stop()
            }
        }
    }
}

/// Forwards the device's render calls to the transport, which can only be made once the
/// device has said what sample rate it runs at. Set before the output starts, never after.
final class RendererRelay: AudioRenderer, @unchecked Sendable {
    var target: TransportAudio?

    func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, frames: Int) {
        if let target {
            target.render(left: left, right: right, frames: frames)
        } else {
            left.update(repeating: 0, count: frames)
            right.update(repeating: 0, count: frames)
        }
    }
}

/// `sideman devices`: ALSA playback devices and MIDI ports.
struct DevicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices",
        abstract: "List ALSA playback devices and MIDI ports."
    )

    func run() throws {
        let devices = ALSADevices.playbackDevices()
        print("Playback devices:")
        if devices.isEmpty { print("  (none)") }
        for device in devices {
            let summary = device.description.split(separator: "\n").first.map(String.init) ?? ""
            print("  \(device.name)\(summary.isEmpty ? "" : "  — \(summary)")")
        }
        print("MIDI ports:")
        switch ALSADevices.midiPorts() {
        case .success(let ports):
            if ports.isEmpty { print("  (none)") }
            for port in ports { print("  \(port)") }
        case .failure(let error):
            print("  none: \(error)")
        }
    }
}
