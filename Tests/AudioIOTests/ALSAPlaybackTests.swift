@testable import AudioIO
import CALSA
import Foundation
import Synchronization
import TestSupport
import Testing

// There is no sound card here, so the suite plays into alsa-lib's `file` plugin over a `null`
// slave: the file holds exactly the bytes `snd_pcm_writei` was given, and the null slave has no
// clock, so playback runs as fast as the writer. The PCMs are defined in one configuration file
// that ALSA_CONFIG_PATH adds to the system's, set once, before this suite's first ALSA call.

/// The suite's ALSA configuration: one PCM per test, each writing its own file.
enum TestPCMs {
    /// PCMs of `type file` over `null`, which take float32; each shows in the device hints.
    static let fileOutputs = ["float", "recovery", "failure", "lifecycle", "realtime", "probe"]

    /// The directory the PCMs write into; creating it writes the configuration and points
    /// ALSA_CONFIG_PATH at it (alsa-lib reads that variable on each open and reloads when it changes).
    static let directory: URL = {
        let directory = (try? makeTemporaryDirectory("sideman-alsa")) ?? URL(fileURLWithPath: NSTemporaryDirectory())
        let configuration = directory.appendingPathComponent("test.conf")
        try? configurationText(in: directory).write(to: configuration, atomically: true, encoding: .utf8)
        let system = ProcessInfo.processInfo.environment["ALSA_CONFIG_PATH"] ?? "/usr/share/alsa/alsa.conf"
        setenv("ALSA_CONFIG_PATH", "\(system):\(configuration.path)", 1)
        // alsa-lib rereads the configuration files when they change, so they stay until exit.
        atexit { try? FileManager.default.removeItem(at: TestPCMs.directory) }
        return directory
    }()

    static func configurationText(in directory: URL) -> String {
        let files = fileOutputs.map { name in
            """
            pcm.\(pcm(name)) {
                type file slave.pcm "null" file "\(directory.path)/\(name).raw" format "raw"
                hint { show on description "sideman test: \(name)" }
            }
            """
        }
        // The linear plugin takes integer formats only, so float32 is refused and int32 chosen.
        let int32 = """
            pcm.\(pcm("int32")) {
                type linear
                slave { pcm { type file slave.pcm "null" file "\(directory.path)/int32.raw" format "raw" } format S32_LE }
            }
            """
        return (files + [int32]).joined(separator: "\n")
    }

    static func pcm(_ name: String) -> String { "sidemantest_\(name)" }
    static func output(_ name: String) -> URL { directory.appendingPathComponent("\(name).raw") }
}

/// Left is a sine and right a ramp that overshoots -1...1, continuing across periods, so sample n
/// of the stream is known offline. Sleeps a little each period so the clock-less null slave does
/// not write megabytes before the test stops it.
final class KnownSignalRenderer: AudioRenderer, @unchecked Sendable {
    /// The next frame's index; touched only by the thread that renders.
    private var position = 0
    private let pauseMicroseconds: UInt32

    init(pauseMicroseconds: UInt32 = 200) { self.pauseMicroseconds = pauseMicroseconds }

    static func left(_ n: Int) -> Float { Float(sin(Double(n) * 0.0123)) * 0.9 }
    static func right(_ n: Int) -> Float { Float(n % 500) / 200 - 1.25 }

    func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, frames: Int) {
        for frame in 0..<frames {
            left[frame] = Self.left(position + frame)
            right[frame] = Self.right(position + frame)
        }
        position += frames
        if pauseMicroseconds > 0 { usleep(pauseMicroseconds) }
    }

    /// The first `frames` frames of the signal converted by `interleave`: what the device must get.
    static func expectedBytes(frames: Int, format: SampleFormat) -> [UInt8] {
        let left = (0..<frames).map(Self.left), right = (0..<frames).map(Self.right)
        var bytes = [UInt8](repeating: 0, count: frames * 2 * format.bytesPerSample)
        bytes.withUnsafeMutableBytes { destination in
            guard let base = destination.baseAddress else { return }
            ALSAPlayback.interleave(left: left, right: right, frames: frames, format: format, into: base)
        }
        return bytes
    }
}

/// What one run of `playKnownSignal` saw.
struct PlaybackRun {
    var format: SampleFormat
    var period: Int
    var frames: Int
    var underruns: Int
    var realtime: Bool
    var error: ALSAError?
}

/// Polls `condition` every millisecond for up to ten seconds.
func eventually(_ condition: () -> Bool) -> Bool {
    for _ in 0..<10_000 {
        if condition() { return true }
        usleep(1000)
    }
    return condition()
}

// The interposed counters of RealtimeProbe (Tests/RealtimeProbe), linked into this test executable
// because StudioTests depends on it. AudioIOTests does not list it as a dependency, so its C
// functions are bound by symbol name here; listing it in Package.swift would allow
// `import RealtimeProbe` instead. Used only by the tests that run alone in a child process.
@_silgen_name("probe_watch_this_thread") func probeWatchThisThread(_ watching: Int32)
@_silgen_name("probe_allocations") func probeAllocations() -> Int
@_silgen_name("probe_locks") func probeLocks() -> Int
@_silgen_name("probe_is_active") func probeIsActive() -> Int32

/// Renders silence and, on request, counts its own thread's allocations and locks between two
/// periods with RealtimeProbe. All of it runs on the audio thread and allocates nothing itself.
final class WatchingRenderer: AudioRenderer, @unchecked Sendable {
    enum Command: Int { case none, startWatching, stopWatching }
    let command = Atomic<Int>(Command.none.rawValue)
    /// Allocations and locks counted in the last finished window, or -1 while none has finished.
    let allocations = Atomic<Int>(-1)
    let locks = Atomic<Int>(-1)
    let periodsWatched = Atomic<Int>(0)
    /// Makes the renderer allocate every period, to show that the count catches it.
    let allocatesEveryPeriod: Bool
    private var baseline = (allocations: 0, locks: 0)
    private var watching = false

    init(allocatesEveryPeriod: Bool = false) { self.allocatesEveryPeriod = allocatesEveryPeriod }

    func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, frames: Int) {
        left.update(repeating: 0, count: frames)
        right.update(repeating: 0, count: frames)
        if watching { periodsWatched.add(1, ordering: .relaxed) }
        if allocatesEveryPeriod {
            let scratch = [Float](repeating: 1, count: 64 + frames % 2)
            precondition(!scratch.isEmpty)
        }
        switch Command(rawValue: command.exchange(Command.none.rawValue, ordering: .acquiring)) {
        case .startWatching:
            baseline = (probeAllocations(), probeLocks())
            watching = true
            probeWatchThisThread(1)
        case .stopWatching:
            probeWatchThisThread(0)
            watching = false
            locks.store(probeLocks() - baseline.locks, ordering: .relaxed)
            allocations.store(probeAllocations() - baseline.allocations, ordering: .releasing)
        default: break
        }
        // Paced, so that a real-time thread over the clock-less null slave does not hog a core.
        usleep(100)
    }

    /// Counts over about `periods` periods of the running loop: render, interleave and write.
    func watch(periods: Int) -> (allocations: Int, locks: Int)? {
        allocations.store(-1, ordering: .relaxed)
        periodsWatched.store(0, ordering: .relaxed)
        command.store(Command.startWatching.rawValue, ordering: .releasing)
        guard eventually({ periodsWatched.load(ordering: .relaxed) >= periods }) else { return nil }
        command.store(Command.stopWatching.rawValue, ordering: .releasing)
        guard eventually({ allocations.load(ordering: .acquiring) >= 0 }) else { return nil }
        return (allocations.load(ordering: .acquiring), locks.load(ordering: .relaxed))
    }
}

@Suite(.serialized) struct ALSAPlaybackTests {
    init() { _ = TestPCMs.directory }

    /// Plays the known signal into `name`'s PCM until `periods` periods are written, stops, and
    /// closes it (the file plugin flushes on close).
    func playKnownSignal(to name: String, periods: Int) throws -> PlaybackRun {
        let playback = try ALSAPlayback(configuration: PlaybackConfiguration(device: TestPCMs.pcm(name)),
                                        renderer: KnownSignalRenderer())
        try playback.start()
        try #require(eventually { playback.framesWritten >= periods * playback.actualPeriod })
        playback.stop()
        return PlaybackRun(format: playback.format, period: playback.actualPeriod, frames: playback.framesWritten,
                           underruns: playback.underrunCount, realtime: playback.hasRealtimePriority,
                           error: playback.lastError)
    }

    /// The file the PCM wrote, checked to be whole periods, at least `periods` of them, and exactly
    /// what `interleave` makes of the signal.
    func expectFileMatchesOfflineConversion(_ name: String, run: PlaybackRun, periods: Int) throws {
        let bytes = [UInt8](try Data(contentsOf: TestPCMs.output(name)))
        let frameBytes = 2 * run.format.bytesPerSample
        #expect(bytes.count == run.frames * frameBytes)
        #expect(bytes.count % (run.period * frameBytes) == 0)
        #expect(bytes.count >= periods * run.period * frameBytes)
        let expected = KnownSignalRenderer.expectedBytes(frames: bytes.count / frameBytes, format: run.format)
        #expect(bytes == expected, "the device got other bytes than the offline conversion")
        #expect(run.underruns == 0)
        #expect(run.error == nil)
    }

    @Test func theBytesALSAReceivedEqualTheOfflineFloatConversion() throws {
        let run = try playKnownSignal(to: "float", periods: 40)
        #expect(run.format == .float32)
        #expect(run.period == 256)
        try expectFileMatchesOfflineConversion("float", run: run, periods: 40)
    }

    @Test func aDeviceWithoutFloatGetsTheOfflineInt32ConversionClamped() throws {
        let run = try playKnownSignal(to: "int32", periods: 40)
        #expect(run.format == .int32)
        try expectFileMatchesOfflineConversion("int32", run: run, periods: 40)
    }

    @Test func theDeviceGrantsTheRequestedRatePeriodAndBuffer() throws {
        let configuration = PlaybackConfiguration(device: TestPCMs.pcm("lifecycle"), sampleRate: 44100, period: 128, periods: 4)
        let playback = try ALSAPlayback(configuration: configuration, renderer: KnownSignalRenderer())
        #expect(playback.actualSampleRate == 44100)
        #expect(playback.actualPeriod == 128)
        #expect(playback.actualBufferSize == 512)
    }

    @Test func anUnderrunIsCountedAndTheStreamPreparedToPlayOn() throws {
        let playback = try ALSAPlayback(configuration: PlaybackConfiguration(device: TestPCMs.pcm("recovery")),
                                        renderer: KnownSignalRenderer(pauseMicroseconds: 0))
        #expect(snd_pcm_state(playback.pcm) == SND_PCM_STATE_PREPARED)
        #expect(playback.playOnePeriod() == 0)
        #expect(snd_pcm_state(playback.pcm) == SND_PCM_STATE_RUNNING)
        #expect(playback.recover(from: -EPIPE) == 0)
        #expect(playback.underrunCount == 1)
        #expect(snd_pcm_state(playback.pcm) == SND_PCM_STATE_PREPARED)
        #expect(playback.playOnePeriod() == 0)
        #expect(snd_pcm_state(playback.pcm) == SND_PCM_STATE_RUNNING)
        #expect(playback.framesWritten == 2 * playback.actualPeriod)
        #expect(playback.lastError == nil)
    }

    @Test func aSuspendIsResumedWithoutCountingAnUnderrun() throws {
        let playback = try ALSAPlayback(configuration: PlaybackConfiguration(device: TestPCMs.pcm("recovery")),
                                        renderer: KnownSignalRenderer(pauseMicroseconds: 0))
        #expect(playback.playOnePeriod() == 0)
        // The null slave "resumes" at once (snd_pcm_resume returns 0), so the stream stays running.
        #expect(playback.recover(from: -ESTRPIPE) == 0)
        #expect(snd_pcm_state(playback.pcm) == SND_PCM_STATE_RUNNING)
        #expect(playback.playOnePeriod() == 0)
        #expect(playback.underrunCount == 0)
        #expect(playback.lastError == nil)
    }

    @Test func aWriteErrorThatCannotBeRecoveredEndsTheLoopAndIsReported() throws {
        let playback = try ALSAPlayback(configuration: PlaybackConfiguration(device: TestPCMs.pcm("failure")),
                                        renderer: KnownSignalRenderer())
        #expect(playback.recover(from: -EIO) == -EIO)
        // A dropped stream is in SETUP, where snd_pcm_writei fails with EBADFD.
        snd_pcm_drop(playback.pcm)
        playback.runAudioLoop()
        let error = try #require(playback.lastError)
        #expect(error.function == "snd_pcm_writei")
        #expect(error.code == -EBADFD)
        #expect(error.description == "playback failed on audio device 'sidemantest_failure': snd_pcm_writei: File descriptor in bad state")
        // start() prepares the stream again and clears the failure.
        try playback.start()
        #expect(eventually { playback.framesWritten >= 4 * playback.actualPeriod })
        playback.stop()
        #expect(playback.lastError == nil)
    }

    @Test(arguments: ["nosuchdevice", "hw:9"])
    func aMissingDeviceFailsWithOneLineNamingDeviceAndFunction(device: String) {
        let result = Result { () throws(ALSAError) in
            try ALSAPlayback(configuration: PlaybackConfiguration(device: device), renderer: KnownSignalRenderer())
        }
        guard case .failure(let error) = result else {
            Issue.record("opening \(device) succeeded")
            return
        }
        #expect(error.description == "cannot open audio device '\(device)': snd_pcm_open: No such file or directory")
        #expect(error.operation == .open)
        #expect(error.code == -ENOENT)
    }

    @Test func aRefusedSettingIsReportedBeforeAnyDeviceIsOpened() {
        let configurations = [
            PlaybackConfiguration(device: TestPCMs.pcm("lifecycle"), period: 0),
            PlaybackConfiguration(device: TestPCMs.pcm("lifecycle"), periods: 1),
            PlaybackConfiguration(device: TestPCMs.pcm("lifecycle"), sampleRate: -1),
        ]
        for configuration in configurations {
            #expect(throws: ALSAError.self) {
                try ALSAPlayback(configuration: configuration, renderer: KnownSignalRenderer())
            }
        }
    }

    @Test func playbackDevicesListTheConfiguredPCMsEachOnOneLine() {
        let devices = ALSADevices.playbackDevices()
        let test = devices.first { $0.name == TestPCMs.pcm("float") }
        #expect(test?.description == "sideman test: float")
        #expect(devices.allSatisfy { $0.isPlayback && !$0.name.isEmpty && !$0.description.contains("\n") })
    }

    @Test func midiPortsReportTheMissingSequencer() {
        let result = ALSADevices.midiPorts()
        // Where a sequencer exists, only that the call returns is checked.
        guard !FileManager.default.fileExists(atPath: "/dev/snd/seq") else { return }
        guard case .failure(let error) = result else {
            Issue.record("snd_seq_open succeeded without /dev/snd/seq")
            return
        }
        #expect(error.description == "cannot open MIDI sequencer 'default': snd_seq_open: No such file or directory")
    }

    @Test func stopIsIdempotentRestartPlaysOnAndDeinitWithoutStartIsFine() throws {
        let configuration = PlaybackConfiguration(device: TestPCMs.pcm("lifecycle"))
        _ = try ALSAPlayback(configuration: configuration, renderer: KnownSignalRenderer())
        let playback = try ALSAPlayback(configuration: configuration, renderer: KnownSignalRenderer())
        playback.stop()
        try playback.start()
        try playback.start()
        #expect(eventually { playback.framesWritten >= 4 * playback.actualPeriod })
        playback.stop()
        playback.stop()
        let stopped = playback.framesWritten
        usleep(20_000)
        #expect(playback.framesWritten == stopped)
        try playback.start()
        #expect(eventually { playback.framesWritten >= stopped + 4 * playback.actualPeriod })
        playback.stop(immediately: true)
        playback.stop(immediately: true)
        #expect(playback.lastError == nil)
    }

    @Test func playbackWorksWhetherOrNotRealtimePriorityIsGranted() throws {
        let run = try playKnownSignal(to: "realtime", periods: 20)
        // Granted as root or with RLIMIT_RTPRIO, refused in most containers: either is fine.
        _ = run.realtime
        #expect(run.frames >= 20 * run.period)
        #expect(run.underruns == 0)
        #expect(run.error == nil)
    }

    @Test func theAudioThreadAllocatesNothingWhilePlaying() throws {
        expectPassedAlone(try runAlone("watchAudioThreadAlone"), "watchAudioThreadAlone")
    }

    @Test func anAllocationOnTheAudioThreadWouldBeCaught() throws {
        expectPassedAlone(try runAlone("watchAllocatingAudioThreadAlone"), "watchAllocatingAudioThreadAlone")
    }

    @Test func alsaLibPrintsNothingWhenADeviceOrTheSequencerIsMissing() throws {
        for test in ["openMissingDevicesAlone", "openMissingSequencerAlone"] {
            let result = try runAlone(test)
            expectPassedAlone(result, test)
            #expect(!result.stderr.contains("ALSA lib"), "\(result.stderr)")
        }
    }

    // MARK: - Alone in a process of their own

    // RealtimeProbe's counters and alsa-lib's error handler belong to the whole process, and other
    // suites run beside this one: a watched window could count another suite's thread (and the
    // Studio suite's window ours), and an earlier test could have silenced alsa-lib already. So
    // these run in a new process of this test executable, each alone, and are skipped otherwise.

    /// Names, in a child's environment, the one test it runs.
    static let aloneVariable = "SIDEMAN_ALSA_TEST_ALONE"
    static func isAlone(_ test: String) -> Bool { ProcessInfo.processInfo.environment[aloneVariable] == test }

    /// Runs this suite's test `test` alone in a new process of this test executable.
    func runAlone(_ test: String) throws -> ProcessResult {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        return try runProcess(executable, ["--testing-library", "swift-testing", "--filter", "ALSAPlaybackTests/\(test)"],
                              environment: [Self.aloneVariable: test])
    }

    /// Checks that a child ran `test` (not skipped it) and that it passed.
    func expectPassedAlone(_ result: ProcessResult, _ test: String) {
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Test \(test)() passed"), "\(result.stderr)")
    }

    /// Plays into the probe PCM and counts the audio thread's allocations and locks over 200 periods.
    func watchAudioThread(allocating: Bool) throws -> (allocations: Int, locks: Int) {
        #expect(probeIsActive() == 1, "RealtimeProbe's malloc is not the process's")
        let renderer = WatchingRenderer(allocatesEveryPeriod: allocating)
        let playback = try ALSAPlayback(configuration: PlaybackConfiguration(device: TestPCMs.pcm("probe")), renderer: renderer)
        try playback.start()
        defer { playback.stop() }
        let counts = try #require(renderer.watch(periods: 200))
        #expect(playback.lastError == nil)
        print("audio thread over 200 periods: \(counts.allocations) allocations, \(counts.locks) locks")
        return counts
    }

    @Test(.enabled(if: isAlone("watchAudioThreadAlone")))
    func watchAudioThreadAlone() throws {
        // Locks are not asserted: alsa-lib takes each plugin PCM's own mutex in snd_pcm_writei
        // (uncontended, as no other thread touches the PCM while the thread runs).
        #expect(try watchAudioThread(allocating: false).allocations == 0)
    }

    @Test(.enabled(if: isAlone("watchAllocatingAudioThreadAlone")))
    func watchAllocatingAudioThreadAlone() throws {
        #expect(try watchAudioThread(allocating: true).allocations >= 200)
    }

    @Test(.enabled(if: isAlone("openMissingDevicesAlone")))
    func openMissingDevicesAlone() {
        for device in ["nosuchdevice", "hw:9"] {
            #expect(throws: ALSAError.self) {
                try ALSAPlayback(configuration: PlaybackConfiguration(device: device), renderer: KnownSignalRenderer())
            }
        }
    }

    @Test(.enabled(if: isAlone("openMissingSequencerAlone")))
    func openMissingSequencerAlone() {
        _ = ALSADevices.midiPorts()
    }

    // MARK: - Conversion

    func interleaved(_ left: [Float], _ right: [Float], _ format: SampleFormat) -> [UInt8] {
        var bytes = [UInt8](repeating: 0xAA, count: left.count * 2 * format.bytesPerSample)
        bytes.withUnsafeMutableBytes { destination in
            guard let base = destination.baseAddress else { return }
            ALSAPlayback.interleave(left: left, right: right, frames: left.count, format: format, into: base)
        }
        return bytes
    }

    func decode<T: FixedWidthInteger>(_ bytes: [UInt8], as type: T.Type) -> [T] {
        stride(from: 0, to: bytes.count, by: MemoryLayout<T>.size).map { offset in
            bytes[offset..<offset + MemoryLayout<T>.size].reversed().reduce(T.zero) { $0 << 8 | T(truncatingIfNeeded: $1) }
        }
    }

    @Test func interleavingFloatKeepsEverySampleBitForBit() {
        var generator = SplitMix64(seed: 7)
        let left = (0..<300).map { _ in Float.random(in: -4...4, using: &generator) } + [.leastNonzeroMagnitude, -0.0, .infinity]
        let right = (0..<300).map { _ in Float.random(in: -4...4, using: &generator) } + [1, -1, .greatestFiniteMagnitude]
        let words = decode(interleaved(left, right, .float32), as: UInt32.self)
        let expected = zip(left, right).flatMap { [$0.bitPattern, $1.bitPattern] }
        #expect(words == expected)
    }

    @Test func interleavingIntegersClampsScalesAndSilencesNaN() {
        let samples: [Float] = [-2, -1, -0.5, 0, 0.5, 1, 3, .nan, .infinity, -.infinity]
        let reversed = Array(samples.reversed())
        let shorts = decode(interleaved(samples, reversed, .int16), as: Int16.self)
        let expected16: [Int16] = [-32767, -32767, -16384, 0, 16384, 32767, 32767, 0, 32767, -32767]
        #expect(shorts == zip(expected16, expected16.reversed()).flatMap { [$0, $1] })
        let longs = decode(interleaved(samples, reversed, .int32), as: Int32.self)
        let expected32: [Int32] = [-2147483647, -2147483647, -1073741824, 0, 1073741824, 2147483647, 2147483647, 0, 2147483647, -2147483647]
        #expect(longs == zip(expected32, expected32.reversed()).flatMap { [$0, $1] })
    }

    @Test func interleavingNoFramesWritesNothing() {
        var bytes = [UInt8](repeating: 0xAA, count: 8)
        bytes.withUnsafeMutableBytes { destination in
            guard let base = destination.baseAddress else { return }
            ALSAPlayback.interleave(left: [1], right: [1], frames: 0, format: .float32, into: base)
        }
        #expect(bytes == [UInt8](repeating: 0xAA, count: 8))
    }
}
