import CALSA
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The source of the sound `ALSAPlayback` plays.
public protocol AudioRenderer: AnyObject, Sendable {
    /// Fills `frames` samples of `left` and `right` (planar Float32, full scale -1...1).
    ///
    /// Audio thread only, once per period: must not allocate, lock, log or do I/O.
    func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, frames: Int)
}

/// What `ALSAPlayback` asks of the device; the device may grant something near it (see
/// `ALSAPlayback.actualSampleRate`, `actualPeriod`, `actualBufferSize`).
public struct PlaybackConfiguration: Sendable, Equatable {
    /// An ALSA PCM name: "default", "hw:0", "plughw:1,0", or one defined in the ALSA configuration.
    public var device: String
    /// Frames per second; 44100 or 48000 usually, others if the device takes them.
    public var sampleRate: Int
    /// Frames per period: how much is rendered and written at a time.
    public var period: Int
    /// Periods in the device buffer (at least 2): the latency is about `period * periods` frames.
    public var periods: Int

    public init(device: String = "default", sampleRate: Int = 48000, period: Int = 256, periods: Int = 3) {
        self.device = device
        self.sampleRate = sampleRate
        self.period = period
        self.periods = periods
    }

    /// The requested sizes in ALSA's types, or the setting that cannot be asked for.
    func validatedSizes() throws(ALSAError) -> (rate: UInt32, period: snd_pcm_uframes_t, buffer: snd_pcm_uframes_t) {
        func refuse(_ setting: String, _ reason: String) -> ALSAError {
            ALSAError(operation: .configure, device: device, function: setting, reason: reason)
        }
        guard sampleRate > 0, let rate = UInt32(exactly: sampleRate) else {
            throw refuse("sample rate", "\(sampleRate) Hz is not a positive 32-bit number")
        }
        guard period > 0 else { throw refuse("period", "\(period) frames is not positive") }
        guard periods >= 2 else { throw refuse("periods", "\(periods) is fewer than the 2 a device buffer needs") }
        let (buffer, overflow) = period.multipliedReportingOverflow(by: periods)
        guard !overflow, let bufferFrames = UInt32(exactly: buffer) else {
            throw refuse("periods", "\(periods) periods of \(period) frames is too large a buffer")
        }
        return (rate, snd_pcm_uframes_t(period), snd_pcm_uframes_t(bufferFrames))
    }
}

/// A sample encoding a device takes, in the order `ALSAPlayback` asks for them.
public enum SampleFormat: String, Sendable, CaseIterable {
    /// 32-bit float, little-endian (`SND_PCM_FORMAT_FLOAT_LE`): passes samples through unchanged.
    case float32
    /// 32-bit signed integer, little-endian (`SND_PCM_FORMAT_S32_LE`).
    case int32
    /// 16-bit signed integer, little-endian (`SND_PCM_FORMAT_S16_LE`).
    case int16

    public var bytesPerSample: Int {
        switch self {
        case .float32, .int32: 4
        case .int16: 2
        }
    }

    var alsaFormat: snd_pcm_format_t {
        switch self {
        case .float32: SND_PCM_FORMAT_FLOAT_LE
        case .int32: SND_PCM_FORMAT_S32_LE
        case .int16: SND_PCM_FORMAT_S16_LE
        }
    }
}

/// Stereo playback to an ALSA PCM from a thread of its own, which asks `AudioRenderer` for one
/// period at a time, converts it to the device format and writes it with `snd_pcm_writei`.
///
/// Thread: `start`, `stop` and `deinit` from any one thread at a time (they are serialised by a
/// lock the audio thread never takes); the counters and `lastError` from any thread. Everything
/// the audio thread touches is allocated in `init` and freed in `deinit`, after the thread is joined.
public final class ALSAPlayback: @unchecked Sendable {
    public let configuration: PlaybackConfiguration
    /// The rate the device accepted (`snd_pcm_hw_params_set_rate_near`).
    public let actualSampleRate: Int
    /// The period the device accepted, in frames: what `render` is asked for each time.
    public let actualPeriod: Int
    /// The device buffer the device accepted, in frames.
    public let actualBufferSize: Int
    /// The sample encoding the device accepted: float32 if it takes it, else int32, else int16.
    public let format: SampleFormat

    /// The open PCM (`snd_pcm_t *`), opened non-blocking.
    let pcm: OpaquePointer
    private let renderer: any AudioRenderer
    private let left: UnsafeMutablePointer<Float>
    private let right: UnsafeMutablePointer<Float>
    /// One period in the device format, interleaved left/right.
    private let interleaved: UnsafeMutableRawPointer
    private let bytesPerFrame: Int

    // Shared with the audio thread: lock-free atomics from the standard library's Synchronization
    // module (no package dependency needed; swift-atomics is not a dependency of AudioIO).
    private let stopRequested = Atomic<Bool>(false)
    private let underruns = Atomic<Int>(0)
    private let written = Atomic<Int>(0)
    /// The negative code that ended playback (0 while none); published after `failedCall`.
    private let failureCode = Atomic<Int32>(0)
    private let failedCall = Atomic<Int>(AudioThreadCall.writei.rawValue)

    /// The owner's side: the running thread, if any, and what `pthread_setschedparam` granted.
    private struct Control {
        var thread: pthread_t?
        var realtime = false
    }
    private let control = Mutex(Control())

    /// Bytes of stack for the audio thread; the renderer's DSP needs little.
    static let audioThreadStackSize = 1 << 20
    /// The SCHED_FIFO priority asked for: modest, below the kernel's and sound servers' own threads.
    static let realtimePriority: Int32 = 10
    /// How long one `snd_pcm_wait` may block, so that a stalled device still lets `stop` through.
    static let waitMilliseconds: Int32 = 100
    /// Recoveries in a row without a frame written, after which the audio thread sleeps a
    /// millisecond before each further try.
    static let retriesBeforeBackoff = 8

    /// Opens `configuration.device` for playback and sets it up; allocates every buffer the audio
    /// thread will use.
    ///
    /// `snd_pcm_open` (non-blocking), then hardware parameters (interleaved access; float32, else
    /// int32, else int16; 2 channels; rate, period and buffer near those asked), software parameters
    /// (start threshold and avail_min one period) and `snd_pcm_prepare`. Nothing plays until `start`.
    public init(configuration: PlaybackConfiguration, renderer: any AudioRenderer) throws(ALSAError) {
        ALSALibrary.silenceErrors()
        let sizes = try configuration.validatedSizes()
        let pcm = try Self.open(configuration.device)
        let setup: HardwareSetup
        do throws(ALSAError) {
            setup = try Self.configure(pcm, sizes: sizes, device: configuration.device)
        } catch {
            snd_pcm_close(pcm)
            throw error
        }
        self.configuration = configuration
        self.pcm = pcm
        self.renderer = renderer
        actualSampleRate = setup.rate
        actualPeriod = setup.period
        actualBufferSize = setup.bufferSize
        format = setup.format
        bytesPerFrame = 2 * setup.format.bytesPerSample
        left = .allocate(capacity: setup.period)
        left.initialize(repeating: 0, count: setup.period)
        right = .allocate(capacity: setup.period)
        right.initialize(repeating: 0, count: setup.period)
        interleaved = .allocate(byteCount: setup.period * bytesPerFrame, alignment: 16)
        interleaved.initializeMemory(as: UInt8.self, repeating: 0, count: setup.period * bytesPerFrame)
    }

    deinit {
        stop()
        snd_pcm_close(pcm)
        left.deallocate()
        right.deallocate()
        interleaved.deallocate()
    }

    /// Underruns the audio thread has recovered from (`snd_pcm_writei` returned -EPIPE).
    public var underrunCount: Int { underruns.load(ordering: .relaxed) }

    /// Frames `snd_pcm_writei` has accepted since `init`.
    public var framesWritten: Int { written.load(ordering: .relaxed) }

    /// Whether the running (or last) audio thread got SCHED_FIFO; playback works either way.
    public var hasRealtimePriority: Bool { control.withLock { $0.realtime } }

    /// The failure that ended the audio thread's loop, if one did; `stop` still has to be called.
    public var lastError: ALSAError? {
        let code = failureCode.load(ordering: .acquiring)
        guard code < 0 else { return nil }
        let call = AudioThreadCall(rawValue: failedCall.load(ordering: .relaxed)) ?? .writei
        return ALSAError(code: code, function: call.functionName, operation: .play, device: configuration.device)
    }

    /// Starts the audio thread (`pthread_create` with a set stack size), then asks for SCHED_FIFO
    /// (`pthread_setschedparam`) and carries on without it if refused. Does nothing if started and
    /// not stopped (even when the thread has ended on `lastError`: `stop` first); after a `stop` it
    /// prepares the PCM again (`snd_pcm_prepare`) and plays on. Never call it from the renderer.
    public func start() throws(ALSAError) {
        try control.withLock { (state: inout Control) throws(ALSAError) in
            guard state.thread == nil else { return }
            if snd_pcm_state(pcm) != SND_PCM_STATE_PREPARED {
                try ALSAError.check(snd_pcm_prepare(pcm), "snd_pcm_prepare", .start, device: configuration.device)
            }
            stopRequested.store(false, ordering: .relaxed)
            failureCode.store(0, ordering: .relaxed)
            let thread = try spawnAudioThread()
            state.thread = thread
            state.realtime = Self.requestRealtime(for: thread)
        }
    }

    /// Stops: sets the stop flag, joins the audio thread, then lets what is buffered play out
    /// (`snd_pcm_drain`) or discards it (`snd_pcm_drop`) if `immediately`. Does nothing when not
    /// running, so calling it twice is fine.
    ///
    /// The audio thread notices the flag between periods, or within `waitMilliseconds` while
    /// waiting for room, so the join is bounded even on a stalled device. Never call it from the
    /// renderer: the thread would wait for itself.
    public func stop(immediately: Bool = false) {
        control.withLock { state in
            guard let thread = state.thread else { return }
            stopRequested.store(true, ordering: .releasing)
            pthread_join(thread, nil)
            state.thread = nil
            finishStream(immediately: immediately)
        }
    }
}

// MARK: - Opening and configuring (owner's thread)

extension ALSAPlayback {
    /// What the device granted.
    struct HardwareSetup {
        var rate: Int
        var period: Int
        var bufferSize: Int
        var format: SampleFormat
    }

    /// Opens `device` for playback with `snd_pcm_open`, non-blocking so that the audio thread waits
    /// with a timeout (`snd_pcm_wait`) and so that a busy device fails at once instead of hanging.
    static func open(_ device: String) throws(ALSAError) -> OpaquePointer {
        var handle: OpaquePointer?
        try ALSAError.check(snd_pcm_open(&handle, device, SND_PCM_STREAM_PLAYBACK, SND_PCM_NONBLOCK),
                            "snd_pcm_open", .open, device: device)
        guard let handle else {
            throw ALSAError(operation: .open, device: device, function: "snd_pcm_open", reason: "no handle returned")
        }
        return handle
    }

    /// Sets hardware and software parameters and prepares the stream (`snd_pcm_prepare`).
    static func configure(_ pcm: OpaquePointer, sizes: (rate: UInt32, period: snd_pcm_uframes_t, buffer: snd_pcm_uframes_t),
                          device: String) throws(ALSAError) -> HardwareSetup {
        let setup = try negotiateHardware(pcm, sizes: sizes, device: device)
        try applySoftwareParameters(pcm, period: setup.period, device: device)
        try ALSAError.check(snd_pcm_prepare(pcm), "snd_pcm_prepare", .configure, device: device)
        return setup
    }

    /// Sets and installs hardware parameters through `snd_pcm_hw_params_malloc`, `_any`,
    /// `_set_access`, `_set_format`, `_set_channels`, `_set_rate_near`, `_set_period_size_near`,
    /// `_set_buffer_size_near` and `snd_pcm_hw_params`, then reads back what was granted.
    static func negotiateHardware(_ pcm: OpaquePointer, sizes: (rate: UInt32, period: snd_pcm_uframes_t, buffer: snd_pcm_uframes_t),
                                  device: String) throws(ALSAError) -> HardwareSetup {
        func check(_ code: Int32, _ function: String) throws(ALSAError) {
            try ALSAError.check(code, function, .configure, device: device)
        }
        var allocated: OpaquePointer?
        try check(snd_pcm_hw_params_malloc(&allocated), "snd_pcm_hw_params_malloc")
        guard let params = allocated else { throw ALSAError(code: -ENOMEM, function: "snd_pcm_hw_params_malloc", operation: .configure, device: device) }
        defer { snd_pcm_hw_params_free(params) }
        try check(snd_pcm_hw_params_any(pcm, params), "snd_pcm_hw_params_any")
        try check(snd_pcm_hw_params_set_access(pcm, params, SND_PCM_ACCESS_RW_INTERLEAVED), "snd_pcm_hw_params_set_access")
        let format = try chooseFormat(pcm, params, device: device)
        try check(snd_pcm_hw_params_set_format(pcm, params, format.alsaFormat), "snd_pcm_hw_params_set_format")
        try check(snd_pcm_hw_params_set_channels(pcm, params, 2), "snd_pcm_hw_params_set_channels")
        var rate = sizes.rate, period = sizes.period, buffer = sizes.buffer, direction: Int32 = 0
        try check(snd_pcm_hw_params_set_rate_near(pcm, params, &rate, &direction), "snd_pcm_hw_params_set_rate_near")
        try check(snd_pcm_hw_params_set_period_size_near(pcm, params, &period, &direction), "snd_pcm_hw_params_set_period_size_near")
        try check(snd_pcm_hw_params_set_buffer_size_near(pcm, params, &buffer), "snd_pcm_hw_params_set_buffer_size_near")
        try check(snd_pcm_hw_params(pcm, params), "snd_pcm_hw_params")
        try check(snd_pcm_hw_params_get_period_size(params, &period, &direction), "snd_pcm_hw_params_get_period_size")
        try check(snd_pcm_hw_params_get_buffer_size(params, &buffer), "snd_pcm_hw_params_get_buffer_size")
        guard period > 0, period <= buffer, let periodFrames = Int(exactly: period), let bufferFrames = Int(exactly: buffer) else {
            throw ALSAError(operation: .configure, device: device, function: "snd_pcm_hw_params",
                            reason: "the device granted a period of \(period) frames in a buffer of \(buffer)")
        }
        return HardwareSetup(rate: Int(rate), period: periodFrames, bufferSize: bufferFrames, format: format)
    }

    /// The first of float32, int32, int16 the device takes, asked with `snd_pcm_hw_params_test_format`.
    static func chooseFormat(_ pcm: OpaquePointer, _ params: OpaquePointer, device: String) throws(ALSAError) -> SampleFormat {
        for format in SampleFormat.allCases where snd_pcm_hw_params_test_format(pcm, params, format.alsaFormat) == 0 {
            return format
        }
        throw ALSAError(operation: .configure, device: device, function: "snd_pcm_hw_params_test_format",
                        reason: "the device takes none of float32, int32, int16")
    }

    /// Starts the device once one period is written and wakes the writer when a period is free,
    /// through `snd_pcm_sw_params_malloc`, `_current`, `_set_start_threshold`, `_set_avail_min`
    /// and `snd_pcm_sw_params`.
    static func applySoftwareParameters(_ pcm: OpaquePointer, period: Int, device: String) throws(ALSAError) {
        func check(_ code: Int32, _ function: String) throws(ALSAError) {
            try ALSAError.check(code, function, .configure, device: device)
        }
        var allocated: OpaquePointer?
        try check(snd_pcm_sw_params_malloc(&allocated), "snd_pcm_sw_params_malloc")
        guard let params = allocated else { throw ALSAError(code: -ENOMEM, function: "snd_pcm_sw_params_malloc", operation: .configure, device: device) }
        defer { snd_pcm_sw_params_free(params) }
        let frames = snd_pcm_uframes_t(period)
        try check(snd_pcm_sw_params_current(pcm, params), "snd_pcm_sw_params_current")
        try check(snd_pcm_sw_params_set_start_threshold(pcm, params, frames), "snd_pcm_sw_params_set_start_threshold")
        try check(snd_pcm_sw_params_set_avail_min(pcm, params, frames), "snd_pcm_sw_params_set_avail_min")
        try check(snd_pcm_sw_params(pcm, params), "snd_pcm_sw_params")
    }
}

// MARK: - Starting and stopping the thread (owner's thread)

extension ALSAPlayback {
    /// Creates the audio thread with `pthread_create` and an explicit stack size. The thread gets this object unretained: `stop` (also called by `deinit`)
    /// joins it before anything it uses is freed.
    private func spawnAudioThread() throws(ALSAError) -> pthread_t {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, Self.audioThreadStackSize)
        var thread = pthread_t()
        let context = Unmanaged.passUnretained(self).toOpaque()
        let status = pthread_create(&thread, &attributes, { context in
            guard let context else { return nil }
            // Guaranteed reference: no retain or release of the owner on the audio thread.
            Unmanaged<ALSAPlayback>.fromOpaque(context)._withUnsafeGuaranteedRef { $0.runAudioLoop() }
            return nil
        }, context)
        guard status == 0 else {
            throw ALSAError(code: status, function: "pthread_create", operation: .start, device: configuration.device)
        }
        return thread
    }

    /// Asks for SCHED_FIFO at `realtimePriority` with `pthread_setschedparam`; false when refused
    /// (no CAP_SYS_NICE and no RLIMIT_RTPRIO), and the thread carries on at normal priority.
    static func requestRealtime(for thread: pthread_t) -> Bool {
        let lowest = sched_get_priority_min(SCHED_FIFO), highest = sched_get_priority_max(SCHED_FIFO)
        var parameters = sched_param()
        parameters.sched_priority = min(max(realtimePriority, lowest), highest)
        return pthread_setschedparam(thread, SCHED_FIFO, &parameters) == 0
    }

    /// Ends the stream once the thread has gone: `snd_pcm_drop`, or `snd_pcm_drain` in blocking mode
    /// (`snd_pcm_nonblock`), since a non-blocking drain returns -EAGAIN at once. Their results are
    /// not checked: the stream is over either way, and `snd_pcm_prepare` in `start` begins afresh.
    private func finishStream(immediately: Bool) {
        if immediately {
            snd_pcm_drop(pcm)
            return
        }
        snd_pcm_nonblock(pcm, 0)
        snd_pcm_drain(pcm)
        snd_pcm_nonblock(pcm, 1)
    }
}

// MARK: - The audio thread (everything below runs there, and only there once started)

/// The ALSA call that ended the audio thread's loop, kept as an atomic integer.
enum AudioThreadCall: Int {
    case writei = 1, prepare, resume, wait

    var functionName: String {
        switch self {
        case .writei: "snd_pcm_writei"
        case .prepare: "snd_pcm_prepare"
        case .resume: "snd_pcm_resume"
        case .wait: "snd_pcm_wait"
        }
    }
}

extension ALSAPlayback {
    /// Plays periods until `stop` sets the flag or a write fails for good. Audio thread only.
    func runAudioLoop() {
        while !stopRequested.load(ordering: .acquiring) {
            if playOnePeriod() < 0 { return }
        }
    }

    /// Renders one period, converts it to the device format and writes it; returns 0, or the
    /// negative code that ended playback (recorded for `lastError`). Audio thread only (tests call
    /// it while no thread runs).
    func playOnePeriod() -> Int32 {
        renderer.render(left: left, right: right, frames: actualPeriod)
        Self.interleave(left: left, right: right, frames: actualPeriod, format: format, into: interleaved)
        return writePeriod()
    }

    /// Writes the converted period with `snd_pcm_writei`, going on after partial writes and
    /// recoverable errors; gives up the rest of the period if `stop` is asked meanwhile.
    private func writePeriod() -> Int32 {
        var done = 0, fruitless = 0
        while done < actualPeriod {
            let result = snd_pcm_writei(pcm, interleaved + done * bytesPerFrame, snd_pcm_uframes_t(actualPeriod - done))
            if result >= 0 {
                done += result
                fruitless = 0
                written.add(result, ordering: .relaxed)
                continue
            }
            let status = recover(from: Int32(clamping: result))
            if status < 0 { return status }
            if stopRequested.load(ordering: .acquiring) { return 0 }
            // A device that fails again straight after each recovery must not spin a real-time thread.
            fruitless += 1
            if fruitless > Self.retriesBeforeBackoff { usleep(1000) }
        }
        return 0
    }

    /// Brings the stream back after a failed write: an underrun (-EPIPE) is counted and
    /// `snd_pcm_prepare`d, a suspend (-ESTRPIPE) resumed, a full buffer (-EAGAIN) waited on.
    /// Returns 0 to write again, or the negative code to give up on (recorded for `lastError`).
    func recover(from code: Int32) -> Int32 {
        switch -code {
        case EPIPE:
            underruns.add(1, ordering: .relaxed)
            return fail(snd_pcm_prepare(pcm), .prepare)
        case ESTRPIPE: return resumeAfterSuspend()
        case EAGAIN: return waitForRoom()
        default: return fail(code, .writei)
        }
    }

    /// Resumes a suspended stream with `snd_pcm_resume`; prepares it (`snd_pcm_prepare`) when the
    /// device cannot resume, and sleeps briefly while a resume is still under way (-EAGAIN).
    private func resumeAfterSuspend() -> Int32 {
        let resumed = snd_pcm_resume(pcm)
        if resumed == 0 { return 0 }
        if resumed == -EAGAIN {
            usleep(10_000)
            return 0
        }
        return fail(snd_pcm_prepare(pcm), .prepare)
    }

    /// Waits up to `waitMilliseconds` for room with `snd_pcm_wait`; an underrun or suspend it
    /// reports is recovered like one the write reported.
    private func waitForRoom() -> Int32 {
        let ready = snd_pcm_wait(pcm, Self.waitMilliseconds)
        if ready >= 0 { return 0 }
        if ready == -EPIPE || ready == -ESTRPIPE { return recover(from: ready) }
        return fail(ready, .wait)
    }

    /// Records `code` as the failure that ends playback when it is negative; returns it, or 0.
    private func fail(_ code: Int32, _ call: AudioThreadCall) -> Int32 {
        guard code < 0 else { return 0 }
        failedCall.store(call.rawValue, ordering: .relaxed)
        failureCode.store(code, ordering: .releasing)
        return code
    }
}

// MARK: - Conversion to the device format

extension ALSAPlayback {
    /// Converts `frames` planar samples to interleaved left/right frames in `format`, little-endian,
    /// as the device gets them: float32 bit for bit; integers clamped to -1...1 (NaN as 0) and
    /// scaled symmetrically (±1 to ±32767 or ±2147483647), rounded to nearest.
    ///
    /// `destination` needs `frames * 2 * format.bytesPerSample` bytes. Allocates nothing: the audio
    /// thread calls it every period.
    public static func interleave(left: UnsafePointer<Float>, right: UnsafePointer<Float>, frames: Int,
                                  format: SampleFormat, into destination: UnsafeMutableRawPointer) {
        guard frames > 0 else { return }
        switch format {
        case .float32:
            for frame in 0..<frames {
                destination.storeBytes(of: left[frame].bitPattern.littleEndian, toByteOffset: frame * 8, as: UInt32.self)
                destination.storeBytes(of: right[frame].bitPattern.littleEndian, toByteOffset: frame * 8 + 4, as: UInt32.self)
            }
        case .int32:
            for frame in 0..<frames {
                destination.storeBytes(of: int32Sample(left[frame]).littleEndian, toByteOffset: frame * 8, as: Int32.self)
                destination.storeBytes(of: int32Sample(right[frame]).littleEndian, toByteOffset: frame * 8 + 4, as: Int32.self)
            }
        case .int16:
            for frame in 0..<frames {
                destination.storeBytes(of: int16Sample(left[frame]).littleEndian, toByteOffset: frame * 4, as: Int16.self)
                destination.storeBytes(of: int16Sample(right[frame]).littleEndian, toByteOffset: frame * 4 + 2, as: Int16.self)
            }
        }
    }

    /// `sample` limited to -1...1, NaN as silence (converting NaN to an integer would trap).
    @inline(__always)
    static func clamped(_ sample: Float) -> Float {
        sample.isNaN ? 0 : Swift.min(Swift.max(sample, -1), 1)
    }

    /// A sample as 16-bit PCM.
    @inline(__always)
    static func int16Sample(_ sample: Float) -> Int16 { Int16((clamped(sample) * 32767).rounded()) }

    /// A sample as 32-bit PCM, scaled in Double: Float cannot hold 2147483647, and its nearest value overflows Int32.
    @inline(__always)
    static func int32Sample(_ sample: Float) -> Int32 { Int32((Double(clamped(sample)) * 2_147_483_647).rounded()) }
}
