import ArgumentParser
import Arrangement
import AudioIO
import MusicTheory
import Studio
import Synthesis

/// `sideman generate`: a chart in, accompaniment out, in every format asked for.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write the accompaniment of a chart to files: .mid .json .wav .flac .ogg.",
        discussion: "The format follows each --out file's extension. Several --out files come from one run."
    )

    enum KeysSound: String, ExpressibleByArgument, CaseIterable {
        case piano, guitar
    }

    @Option(help: "The chart file (.chart).")
    var chart: String

    @Option(name: .customLong("out"), help: "An output file; repeat for several.")
    var outputs: [String] = []

    @OptionGroup var generation: GenerationOptions

    @Flag(help: "Also write one audio file per track beside each audio output (NAME.bass.EXT, NAME.keys.EXT …).")
    var stems = false

    @Option(help: "Sample rate of audio files: 44100 or 48000.")
    var rate: Int = 48000

    @Option(help: "WAV sample format: pcm16, pcm24 or float32.")
    var wavEncoding: String = "pcm24"

    @Option(help: "What the keys track plays: piano (electric piano) or guitar (plucked).")
    var keys: KeysSound = .piano

    @Option(help: "Semitones to move the pitched tracks (-24…24).")
    var transpose: Int = 0

    func validate() throws {
        guard !outputs.isEmpty else { throw ValidationError("give at least one --out FILE") }
        guard [44100, 48000].contains(rate) else { throw ValidationError("--rate must be 44100 or 48000") }
        guard WAVEncoding(rawValue: wavEncoding) != nil else { throw ValidationError("--wav-encoding must be pcm16, pcm24 or float32") }
        guard (-24...24).contains(transpose) else { throw ValidationError("--transpose must be within -24…24") }
        for output in outputs where OutputKind(path: output) == nil {
            throw ValidationError("--out \(output): unknown format (use .mid .json .wav .flac .ogg)")
        }
    }

    func run() throws {
        let chart = try FileInput.chart(at: self.chart)
        var take = try generation.take(for: chart)
        if transpose != 0 { take = take.transposed(by: transpose) }
        var settings = SoundSettings()
        settings.sampleRate = rate
        settings.layout = BandLayout(keysPatch: keys == .guitar ? .guitar : .electricPiano)

        var mix: AudioBuffer?
        for output in outputs {
            guard let kind = OutputKind(path: output) else { continue }
            do {
                switch kind {
                case .midi: try take.midiFile.write(to: output)
                case .json: try writeFileAtomically(Array((TakeJSON.json(take).text + "\n").utf8), to: output)
                case .audio(var format):
                    if case .wav = format, let encoding = WAVEncoding(rawValue: wavEncoding) { format = .wav(encoding) }
                    let buffer = mix ?? Bounce.render(take, settings: settings)
                    mix = buffer
                    let metadata = AudioMetadata(title: chart.title, comment: "sideman generate --engine \(generation.engine.rawValue) --seed \(generation.seed)")
                    try SoundFile.write(buffer, to: output, format: format, metadata: metadata)
                    if stems {
                        for (instrument, stem) in Bounce.stems(take, settings: settings) {
                            try SoundFile.write(stem, to: Self.stemPath(output, instrument), format: format, metadata: metadata)
                        }
                    }
                }
            } catch let failure as CommandFailure {
                throw failure
            } catch {
                throw CommandFailure("\(error)")
            }
        }
    }

    /// `song.wav` → `song.bass.wav`.
    static func stemPath(_ path: String, _ instrument: Instrument) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return path + "." + instrument.rawValue }
        return path[..<dot] + "." + instrument.rawValue + path[dot...]
    }
}

/// What an output path asks for, by its extension.
enum OutputKind {
    case midi, json
    case audio(AudioFileFormat)

    init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        let pathExtension = path[path.index(after: dot)...].lowercased()
        switch pathExtension {
        case "mid", "midi": self = .midi
        case "json": self = .json
        default:
            guard let format = AudioFileFormat(pathExtension: pathExtension) else { return nil }
            self = .audio(format)
        }
    }
}

/// The take as JSON: tempo, meter, and each track's notes with start and length in quarter notes.
enum TakeJSON {
    static func json(_ take: Take) -> JSON {
        let quarter = Double(take.ticksPerQuarter)
        let tracks = take.tracks.map { track in
            JSON.object([
                ("name", .string(track.instrument.trackName)),
                ("notes", .array(track.notes.map { note in
                    .object([
                        ("start", .number(Double(note.start) / quarter)), ("length", .number(Double(note.duration) / quarter)),
                        ("velocity", .integer(note.velocity)), ("pitch", .integer(note.pitch)),
                    ])
                })),
            ])
        }
        var members: [(String, JSON)] = [("tempo", .number(take.tempo)), ("meter", .string(take.meter.description))]
        if let title = take.title { members.append(("title", .string(title))) }
        members.append(("tracks", .array(tracks)))
        return .object(members)
    }
}
