import Arrangement
import Glibc
import Tensor

/// A model that predicts the clean roll into a workspace: the denoiser, or a stand-in in tests.
public protocol DenoisingModel: AnyObject {
    var configuration: DenoiserConfiguration { get }
    func forward(_ workspace: DenoiserWorkspace<Float>)
}

extension Denoiser: DenoisingModel where T == Float {}

/// What to keep when regenerating part of a take: its notes, and the bars and tracks to write
/// anew (nil for all). Everything outside stays exactly as it was.
public struct Inpainting: Sendable, Equatable {
    public var tracks: [Track]
    public var bars: Set<Int>?
    public var instruments: Set<Instrument>?

    public init(tracks: [Track], bars: Set<Int>? = nil, instruments: Set<Instrument>? = nil) {
        self.tracks = tracks
        self.bars = bars
        self.instruments = instruments
    }

    func regenerates(_ instrument: Instrument, bar: Int) -> Bool {
        (instruments?.contains(instrument) ?? true) && (bars?.contains(bar) ?? true)
    }
}

public struct GenerationRequest: Sendable, Equatable {
    public var sheet: LeadSheet
    public var controls: GenerationControls
    public var settings: SamplerSettings
    public var inpainting: Inpainting?

    public init(sheet: LeadSheet, controls: GenerationControls = GenerationControls(), settings: SamplerSettings = SamplerSettings(),
                inpainting: Inpainting? = nil) {
        self.sheet = sheet
        self.controls = controls
        self.settings = settings
        self.inpainting = inpainting
    }
}

/// Why the model played a note: how sure it was, and how much the chords moved it.
public struct NoteExplanation: Sendable, Equatable {
    public let instrument: Instrument
    public let note: Note
    /// 0...1: the final clean-roll prediction at the note's lane, from silence (−1) to a full strike (1).
    public let confidence: Float
    /// The conditional minus the unconditional prediction at the last step, on the roll's scale:
    /// positive when the chords called for the note, negative when it came despite them.
    public let chordInfluence: Float
}

public struct GenerationResult: Sendable, Equatable {
    /// bass, keys, pad, drums, timed at 12 ticks per quarter note.
    public let tracks: [Track]
    /// One per newly written note.
    public let explanations: [NoteExplanation]
}

public struct GenerationCancelled: Error, Equatable {}

/// Writes takes with a denoising model: noise in, a piano roll out through DDIM or
/// DPM-Solver++(2M), with classifier-free guidance on the chords and inpainting.
///
/// The conditional and unconditional predictions run as one batch of two. The same request
/// and seed give the same notes, bit for bit (with the same BLAS thread count). Buffers are
/// made once per roll length and reused for every step. One generation at a time.
public final class Sampler {
    public let model: DenoisingModel
    private var workspace: DenoiserWorkspace<Float>?
    /// The final roll of the last generation (for tests and the piano-roll view).
    public private(set) var lastRoll: [Float]?

    public init(model: DenoisingModel) { self.model = model }

    /// Samples a take. `progress` hears (step, steps) after each step; `isCancelled` is asked
    /// before each step, and a true answer ends the generation by throwing `GenerationCancelled`.
    public func generate(_ request: GenerationRequest, progress: ((Int, Int) -> Void)? = nil,
                         isCancelled: () -> Bool = { false }) throws(GenerationCancelled) -> GenerationResult {
        let sheet = request.sheet, settings = request.settings
        precondition(sheet.tokens > 0, "Sampler: a lead sheet without bars")
        let w = prepare(request)
        let count = sheet.tokens * RollLayout.valuesPerToken
        var random = RandomSource(seed: settings.seed)
        var x = (0..<count).map { _ in Float(random.nextNormal()) }
        let known = request.inpainting.map { KnownRegion($0, sheet: sheet, random: &random) }
        var clean = [Float](repeating: 0, count: count), previousClean = [Float](repeating: 0, count: count)
        var conditional = [Float](repeating: 0, count: count), unconditional = [Float](repeating: 0, count: count)
        var previousStep = 0.0
        let steps = settings.steps
        let times = NoiseSchedule.times(steps: steps)
        for i in 0..<steps {
            if isCancelled() { throw GenerationCancelled() }
            let (t, s) = (times[i], times[i + 1])
            for row in 0..<2 { (w.roll.data + row * count).update(from: x, count: count) }
            w.times = [t, t]
            model.forward(w)
            let guidance = settings.guidance
            for j in 0..<count {
                let c = w.output.data[j], u = w.output.data[count + j]
                clean[j] = min(1, max(-1, u + guidance * (c - u)))
            }
            if i == steps - 1 {
                // The last step's two predictions explain the notes (see `finish`).
                conditional.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: w.output.data, count: count) }
                unconditional.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: w.output.data + count, count: count) }
            }
            known?.impose(on: &clean)
            let (alphaT, sigmaT) = NoiseSchedule.signalAndNoise(t), (alphaS, sigmaS) = NoiseSchedule.signalAndNoise(s)
            if s == 0 {
                x = clean
            } else if settings.method == .ddim {
                // x_s = α_s x̂₀ + σ_s ε̂ with ε̂ = (x_t − α_t x̂₀) / σ_t, gathered per value.
                let keep = Float(sigmaS / sigmaT), fromClean = Float(alphaS - sigmaS * alphaT / sigmaT)
                for j in 0..<count { x[j] = keep * x[j] + fromClean * clean[j] }
            } else {
                let h = NoiseSchedule.lambda(s) - NoiseSchedule.lambda(t)
                // Second order from the second step on: extrapolate from the last two predictions.
                let r = i == 0 ? 0 : previousStep / h
                let (a, b) = i == 0 ? (1.0, 0.0) : (1 + 1 / (2 * r), -1 / (2 * r))
                let decay = Float(sigmaS / sigmaT), gain = -alphaS * (Glibc.exp(-h) - 1)
                let (fromClean, fromPrevious) = (Float(gain * a), Float(gain * b))
                for j in 0..<count { x[j] = decay * x[j] + fromClean * clean[j] + fromPrevious * previousClean[j] }
                previousStep = h
                swap(&clean, &previousClean)
            }
            if s > 0 { known?.renoise(&x, alpha: alphaS, sigma: sigmaS) }
            progress?(i + 1, steps)
        }
        lastRoll = x
        return finish(x, conditional: conditional, unconditional: unconditional, request: request)
    }

    /// The workspace for this length, filled with everything but the roll and the time: row 0
    /// conditional, row 1 with the chords dropped.
    private func prepare(_ request: GenerationRequest) -> DenoiserWorkspace<Float> {
        let sheet = request.sheet, configuration = model.configuration
        if workspace?.tokens != sheet.tokens {
            workspace = DenoiserWorkspace(configuration: configuration, batch: 2, tokens: sheet.tokens)
        }
        let w = workspace!
        let features = sheet.tokens * configuration.features
        TokenFeatures.write(sheet, into: w.features.data)
        (w.features.data + features).update(from: w.features.data, count: features)
        TokenFeatures.dropChords(w.features.data + features, tokens: sheet.tokens)
        let controls = request.controls, style = configuration.styleIndex(controls.style)
        w.styles = [style, style]
        for row in 0..<2 {
            w.controls[row * 3] = controls.density
            w.controls[row * 3 + 1] = controls.complexity
            w.controls[row * 3 + 2] = controls.swing
        }
        w.lengths = nil
        return w
    }

    /// Decodes the final roll, keeps the notes outside an inpainted region, and explains each new note.
    private func finish(_ roll: [Float], conditional: [Float], unconditional: [Float], request: GenerationRequest) -> GenerationResult {
        let sheet = request.sheet
        let strikes = roll.withUnsafeBufferPointer { PianoRollCodec.strikes($0.baseAddress!, sheet: sheet, threshold: request.settings.threshold) }
        var written: [Instrument: [Note]] = [:]
        // Where each strike was read, by instrument, tick and pitch packed into one integer.
        func key(_ instrument: Instrument, _ note: Note) -> Int {
            (Instrument.allCases.firstIndex(of: instrument)! << 40) | (note.start << 8) | note.pitch
        }
        var sources: [Int: Int] = [:]
        sources.reserveCapacity(strikes.count)
        for strike in strikes {
            written[strike.instrument, default: []].append(strike.note)
            sources[key(strike.instrument, strike.note)] = strike.index
        }
        let bar = { (note: Note) in note.start / sheet.ticksPerBar }
        var tracks: [Track] = []
        var explanations: [NoteExplanation] = []
        for instrument in Instrument.allCases {
            let regenerates = { (note: Note) in request.inpainting?.regenerates(instrument, bar: bar(note)) ?? true }
            let new = PianoRollCodec.mergeOverlaps((written[instrument] ?? []).filter(regenerates))
            let kept = (request.inpainting?.tracks.first { $0.instrument == instrument }?.notes ?? []).filter { !regenerates($0) }
            tracks.append(Track(instrument, notes: kept + new))
            for note in new {
                guard let index = sources[key(instrument, note)] else { continue }
                explanations.append(NoteExplanation(instrument: instrument, note: note,
                                                    confidence: min(1, max(0, (roll[index] + 1) / 2)),
                                                    chordInfluence: conditional[index] - unconditional[index]))
            }
        }
        return GenerationResult(tracks: tracks, explanations: explanations)
    }
}

/// The part of the roll an inpainting keeps: its clean values, a mask over the roll, and one
/// fixed draw of noise to bring it to each step's noise level.
struct KnownRegion {
    let clean: [Float]
    let mask: [Bool]
    let noise: [Float]

    init(_ inpainting: Inpainting, sheet: LeadSheet, random: inout RandomSource) {
        let count = sheet.tokens * RollLayout.valuesPerToken
        var clean = [Float](repeating: 0, count: count)
        clean.withUnsafeMutableBufferPointer { PianoRollCodec.encode(inpainting.tracks, sheet: sheet, into: $0.baseAddress!) }
        var mask = [Bool](repeating: false, count: count)
        let channels: [(Instrument, Range<Int>)] = RollLayout.pitched.map { ($0.instrument, $0.offset..<($0.lengthChannel + 1)) }
            + [(.drums, RollLayout.drumOffset..<RollLayout.channelsPerTick)]
        for tick in 0..<sheet.ticks {
            let bar = tick / sheet.ticksPerBar
            for (instrument, range) in channels where !inpainting.regenerates(instrument, bar: bar) {
                for channel in range { mask[tick * RollLayout.channelsPerTick + channel] = true }
            }
        }
        self.clean = clean
        self.mask = mask
        noise = (0..<count).map { _ in Float(random.nextNormal()) }
    }

    /// The known values in place of the model's prediction.
    func impose(on prediction: inout [Float]) {
        for j in mask.indices where mask[j] { prediction[j] = clean[j] }
    }

    /// The known values, noised to the next step's level, in place of the solver's.
    func renoise(_ x: inout [Float], alpha: Double, sigma: Double) {
        for j in mask.indices where mask[j] { x[j] = Float(alpha * Double(clean[j]) + sigma * Double(noise[j])) }
    }
}
