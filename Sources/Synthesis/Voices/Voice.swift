/// A track's sound controls, each 0...1: how bright (filter opening, FM index), how slow the
/// attack and the release, and how hard the track is driven into its saturator.
public struct Timbre: Sendable, Equatable, BitwiseCopyable {
    public var brightness: Float
    public var attack: Float
    public var release: Float
    public var drive: Float

    public init(brightness: Float = 0.5, attack: Float = 0.1, release: Float = 0.3, drive: Float = 0) {
        self.brightness = brightness
        self.attack = attack
        self.release = release
        self.drive = drive
    }

    /// Every control kept inside 0...1 (NaN reads as 0), so no setting can take a voice unstable.
    public var clamped: Timbre {
        func unit(_ x: Float) -> Float { x.isNaN ? 0 : min(max(x, 0), 1) }
        return Timbre(brightness: unit(brightness), attack: unit(attack), release: unit(release), drive: unit(drive))
    }
}

/// What a voice reads while it renders: the sample rate, the engine's sine table, and its
/// track's timbre (already smoothed).
struct VoiceContext {
    let sampleRate: Float
    let sine: SineLookup
    var timbre: Timbre
}

/// One sounding note of an instrument, as a value stored in a preallocated bank.
///
/// Audio thread only. `start`, `release`, `control` and `render` must not allocate or lock;
/// any buffer a voice needs (a plucked string's delay line) is allocated in `init` and freed
/// in `deallocate`.
protocol Voice {
    init(sampleRate: Float, seed: UInt32)
    /// The most voices of this kind a track plays at once.
    static var polyphony: Int { get }

    var isActive: Bool { get }
    /// The MIDI note the voice is playing.
    var key: Int { get }
    /// How loud the voice is now (its envelope), to pick the quietest when one must be stolen.
    var loudness: Float { get }

    /// Begins a note; velocity is 0...1.
    mutating func start(key: Int, velocity: Float, context: VoiceContext)
    /// Begins the release (note off).
    mutating func release(context: VoiceContext)
    /// Recomputes what depends on the timbre (filter coefficients, envelope times). The engine
    /// calls this on fixed sample boundaries, so a render does not depend on how it was split.
    mutating func control(context: VoiceContext)
    /// Adds `count` samples of the voice to `left` and `right`.
    mutating func render(left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, count: Int, context: VoiceContext)
    /// Silences the voice at once and clears its state (envelopes, filters, phases, delay lines)
    /// without allocating, so a stolen voice starts its next note from silence.
    mutating func reset()
    /// Whether a new note on `key` silences this voice (a closed hi-hat chokes the open one).
    func isChoked(by key: Int) -> Bool
    /// Frees what `init` allocated.
    mutating func deallocate()
}

extension Voice {
    func isChoked(by key: Int) -> Bool { false }
    mutating func deallocate() {}
}
