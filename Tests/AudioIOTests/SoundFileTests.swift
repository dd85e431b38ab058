import AudioIO
import Foundation
import TestSupport
import Testing

/// The formats `SoundFile` writes, with how far a sample may move on the way through.
private enum LosslessCase: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case wav16, wav24, wavFloat, flac16, flac24

    var format: AudioFileFormat {
        switch self {
        case .wav16: .wav(.pcm16)
        case .wav24: .wav(.pcm24)
        case .wavFloat: .wav(.float32)
        case .flac16: .flac(bits: 16)
        case .flac24: .flac(bits: 24)
        }
    }

    /// One quantisation step (plus float rounding); zero for float, which must come back bit for bit.
    var tolerance: Float {
        switch self {
        case .wav16, .flac16: 1 / 32768 + 1e-7
        case .wav24, .flac24: 1 / 8_388_608 + 1e-8
        case .wavFloat: 0
        }
    }

    var fileExtension: String { self == .flac16 || self == .flac24 ? "flac" : "wav" }
    var testDescription: String { rawValue }
}

/// Every written format, as another program should describe it.
private enum ExportCase: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case wav16, wav24, wavFloat, flac16, flac24, oggVorbis

    var format: AudioFileFormat {
        switch self {
        case .oggVorbis: .oggVorbis(quality: 0.6)
        default: LosslessCase(rawValue: rawValue)!.format
        }
    }

    var fileExtension: String { self == .oggVorbis ? "ogg" : LosslessCase(rawValue: rawValue)!.fileExtension }
    /// `soxi -e` and `soxi -b` (Vorbis has no fixed sample size; soxi says 0).
    var soxEncoding: (name: String, bits: Int) {
        switch self {
        case .wav16: ("Signed Integer PCM", 16)
        case .wav24: ("Signed Integer PCM", 24)
        case .wavFloat: ("Floating Point PCM", 32)
        case .flac16: ("FLAC", 16)
        case .flac24: ("FLAC", 24)
        case .oggVorbis: ("Vorbis", 0)
        }
    }

    var testDescription: String { rawValue }
}

/// -6 dBFS as a linear amplitude.
private let toneAmplitude = Float(pow(10, -6.0 / 20))
private let toneSeconds = 1.0, silenceSeconds = 0.25

/// One second of 1 kHz (left) and 1.5 kHz (right) at -6 dBFS, then a quarter second of silence.
private func toneBuffer(sampleRate: Int) -> AudioBuffer {
    let toneFrames = Int(toneSeconds * Double(sampleRate))
    let silence = [Float](repeating: 0, count: Int(silenceSeconds * Double(sampleRate)))
    func sine(_ hertz: Double) -> [Float] {
        (0..<toneFrames).map { toneAmplitude * Float(sin(2 * .pi * hertz * Double($0) / Double(sampleRate))) } + silence
    }
    return AudioBuffer(sampleRate: sampleRate, channels: [sine(1000), sine(1500)])
}

/// The RMS of `toneBuffer` over all its samples: a sine's A/√2, diluted by the silence.
private let expectedToneRMS = Double(toneAmplitude) / 2.0.squareRoot() * (toneSeconds / (toneSeconds + silenceSeconds)).squareRoot()

/// A fresh directory, removed when `body` returns.
private func withDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = try makeTemporaryDirectory("sideman-soundfile")
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

private func listing(_ directory: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
}

private func largestDifference(_ a: AudioBuffer, _ b: AudioBuffer) -> Float {
    zip(a.channels, b.channels).map { zip($0, $1).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
}

/// Normalised cross-correlation at lag zero: 1 for identical shapes.
private func correlation(_ x: [Float], _ y: [Float]) -> Double {
    var xy = 0.0, xx = 0.0, yy = 0.0
    for (a, b) in zip(x, y) { xy += Double(a * b); xx += Double(a * a); yy += Double(b * b) }
    return xy / (xx * yy).squareRoot()
}

private func rms(_ samples: [Float]) -> Double {
    (samples.reduce(0.0) { $0 + Double($1 * $1) } / Double(max(samples.count, 1))).squareRoot()
}

private let soxPresent = findExecutable("sox") != nil && findExecutable("soxi") != nil

/// `soxi -<flag> file`, trimmed; fails the test if soxi is missing or refuses.
private func soxi(_ flag: String, _ file: URL) throws -> String {
    let soxi = try #require(findExecutable("soxi"), "soxi is not installed (apt-get install sox)")
    let result = try runProcess(soxi, ["-\(flag)", file.path])
    #expect(result.status == 0, "soxi -\(flag) failed: \(result.stderr)")
    return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// Checks an error message keeps to one line and names the path.
private func expectOneLine(_ error: AudioIOError?, naming path: String, containing reason: String? = nil) {
    guard let error else { return }
    let text = error.description
    #expect(!text.contains("\n"), "not one line: \(text)")
    #expect(text.contains(path), "does not name \(path): \(text)")
    #expect(!error.reason.isEmpty)
    if let reason { #expect(text.contains(reason), "expected \"\(reason)\" in: \(text)") }
}

@Suite struct SoundFileTests {
    // MARK: Round trips through libsndfile

    @Test(arguments: LosslessCase.allCases, [44100, 48000])
    fileprivate func losslessFormatsRoundTripWithinOneQuantisationStep(_ kind: LosslessCase, sampleRate: Int) throws {
        try withDirectory { directory in
            let path = directory.appendingPathComponent("tone.\(kind.fileExtension)").path
            let original = toneBuffer(sampleRate: sampleRate)
            try SoundFile.write(original, to: path, format: kind.format)
            let back = try SoundFile.read(path)
            #expect(back.sampleRate == sampleRate)
            #expect(back.channels.count == 2)
            #expect(back.frameCount == original.frameCount)
            if kind == .wavFloat {
                #expect(back == original, "float32 WAV must come back bit for bit")
            } else {
                #expect(largestDifference(back, original) <= kind.tolerance)
            }
        }
    }

    @Test(arguments: [44100, 48000])
    func oggVorbisKeepsExactLengthAndCorrelatesWithTheOriginal(sampleRate: Int) throws {
        try withDirectory { directory in
            let path = directory.appendingPathComponent("tone.ogg").path
            let original = toneBuffer(sampleRate: sampleRate)
            try SoundFile.write(original, to: path, format: .oggVorbis(quality: 0.6))
            let back = try SoundFile.read(path)
            #expect(back.sampleRate == sampleRate)
            // libsndfile takes the length from the last page's granule position: exact, not rounded to a block.
            #expect(back.frameCount == original.frameCount)
            for (decoded, source) in zip(back.channels, original.channels) {
                #expect(correlation(decoded, source) >= 0.99)
                let error = zip(decoded, source).map { $0 - $1 }
                // Quality 0.6 measures about -42 dB here (libvorbis 1.3.7); allow -34 dB.
                #expect(rms(error) < 0.02 * Double(toneAmplitude), "RMS error \(rms(error)) above -34 dB of the tone")
            }
        }
    }

    @Test func monoBufferRoundTripsAsOneChannel() throws {
        try withDirectory { directory in
            let path = directory.appendingPathComponent("mono.wav").path
            let mono = AudioBuffer(sampleRate: 44100, channels: [toneBuffer(sampleRate: 44100).channels[0]])
            try SoundFile.write(mono, to: path, format: .wav(.float32))
            #expect(try SoundFile.read(path) == mono)
        }
    }

    @Test(arguments: ["wav", "ogg"])
    func channelsOfNoFramesWriteAFileOfNoFrames(fileExtension: String) throws {
        try withDirectory { directory in
            let path = directory.appendingPathComponent("empty.\(fileExtension)").path
            let format = try #require(AudioFileFormat(pathExtension: fileExtension))
            try SoundFile.write(AudioBuffer(sampleRate: 48000, channels: [[], []]), to: path, format: format)
            let back = try SoundFile.read(path)
            #expect(back.channels.count == 2)
            #expect(back.frameCount == 0)
        }
    }

    // MARK: Other programs read the files

    @Test(.enabled(if: soxPresent || externalToolsRequired, "needs sox"), arguments: ExportCase.allCases)
    fileprivate func soxiReportsChannelsRateLengthAndEncoding(_ kind: ExportCase) throws {
        try withDirectory { directory in
            let file = directory.appendingPathComponent("tone.\(kind.fileExtension)")
            let buffer = toneBuffer(sampleRate: 48000)
            try SoundFile.write(buffer, to: file.path, format: kind.format)
            #expect(try soxi("c", file) == "2")
            #expect(try soxi("r", file) == "48000")
            #expect(try soxi("s", file) == "\(buffer.frameCount)")
            #expect(try soxi("e", file) == kind.soxEncoding.name)
            #expect(try soxi("b", file) == "\(kind.soxEncoding.bits)")
        }
    }

    @Test(.enabled(if: soxPresent || externalToolsRequired, "needs sox"), arguments: ExportCase.allCases)
    fileprivate func soxStatMeasuresTheSineRMS(_ kind: ExportCase) throws {
        let sox = try #require(findExecutable("sox"), "sox is not installed (apt-get install sox)")
        try withDirectory { directory in
            let file = directory.appendingPathComponent("tone.\(kind.fileExtension)")
            try SoundFile.write(toneBuffer(sampleRate: 44100), to: file.path, format: kind.format)
            let result = try runProcess(sox, [file.path, "-n", "stat"])
            #expect(result.status == 0, "sox failed: \(result.stderr)")
            // `stat` reports on stderr, over all channels' samples together.
            let line = try #require(result.stderr.split(separator: "\n").first { $0.hasPrefix("RMS") && $0.contains("amplitude") })
            let measured = try #require(line.split(separator: " ").last.flatMap { Double($0) })
            let margin = kind == .oggVorbis ? 0.02 : 0.002
            #expect(abs(measured - expectedToneRMS) <= margin * expectedToneRMS, "sox RMS \(measured), expected \(expectedToneRMS)")
        }
    }

    // MARK: Metadata

    @Test(arguments: ["wav", "flac", "ogg"])
    func metadataReadsBackTitleSoftwareAndComment(fileExtension: String) throws {
        try withDirectory { directory in
            let path = directory.appendingPathComponent("tagged.\(fileExtension)").path
            let format = try #require(AudioFileFormat(pathExtension: fileExtension))
            let tags = AudioMetadata(title: "Autumn Leaves", comment: "take 3, swing 62%")
            try SoundFile.write(toneBuffer(sampleRate: 44100), to: path, format: format, metadata: tags)
            let back = try SoundFile.metadata(of: path)
            #expect(back.title == "Autumn Leaves")
            #expect(back.comment == "take 3, swing 62%")
            // libsndfile appends " (libsndfile-<version>)" to the software tag it writes.
            #expect(back.software?.hasPrefix("sideman") == true, "software: \(back.software ?? "nil")")
        }
    }

    @Test func absentTagsReadBackAsNil() throws {
        try withDirectory { directory in
            let path = directory.appendingPathComponent("plain.wav").path
            let tags = AudioMetadata(title: nil, software: nil, comment: nil)
            try SoundFile.write(toneBuffer(sampleRate: 44100), to: path, format: .wav(.pcm16), metadata: tags)
            let back = try SoundFile.metadata(of: path)
            #expect(back.title == nil)
            #expect(back.comment == nil)
        }
    }

    // MARK: Clipping

    @Test(arguments: [LosslessCase.wav16, .wav24, .flac16, .flac24])
    fileprivate func outOfRangeSamplesClipToFullScaleRatherThanWrap(_ kind: LosslessCase) throws {
        try withDirectory { directory in
            let path = directory.appendingPathComponent("loud.\(kind.fileExtension)").path
            let loud: [Float] = [1.5, -1.5, 3, -3, 100, -100, 1.0001, -1.0001]
            try SoundFile.write(AudioBuffer(sampleRate: 48000, channels: [loud]), to: path, format: kind.format)
            let back = try SoundFile.read(path).channels[0]
            for (written, read) in zip(loud, back) {
                // Full scale is 32767/32768 on the positive side: one step short of 1.
                #expect(abs(read - (written > 0 ? 1 : -1)) <= 1 / 32768 + 1e-7, "\(written) read back as \(read)")
            }
        }
    }

    // MARK: Errors

    @Test func writingIntoAMissingDirectoryFailsOnOneLineNamingThePath() throws {
        try withDirectory { directory in
            let path = directory.appendingPathComponent("no/such/dir/out.wav").path
            let error = #expect(throws: AudioIOError.self) {
                try SoundFile.write(toneBuffer(sampleRate: 44100), to: path, format: .wav(.pcm24))
            }
            expectOneLine(error, naming: path, containing: "No such file or directory")
        }
    }

    @Test func writingUnderAPlainFileFailsOnOneLineNamingThePath() throws {
        try withDirectory { directory in
            let blocker = directory.appendingPathComponent("notes.txt")
            try "not a directory".write(to: blocker, atomically: false, encoding: .utf8)
            let path = blocker.appendingPathComponent("out.flac").path
            let error = #expect(throws: AudioIOError.self) {
                try SoundFile.write(toneBuffer(sampleRate: 44100), to: path, format: .flac(bits: 24))
            }
            expectOneLine(error, naming: path, containing: "Not a directory")
        }
    }

    @Test func readingATextFileFailsOnOneLineNamingThePath() throws {
        try withDirectory { directory in
            let file = directory.appendingPathComponent("chart.txt")
            try "| Dm7 | G7 | Cmaj7 | % |\n".write(to: file, atomically: false, encoding: .utf8)
            let error = #expect(throws: AudioIOError.self) { try SoundFile.read(file.path) }
            expectOneLine(error, naming: file.path)
            let metadataError = #expect(throws: AudioIOError.self) { try SoundFile.metadata(of: file.path) }
            expectOneLine(metadataError, naming: file.path)
        }
    }

    @Test func readingAMissingFileFailsOnOneLineNamingThePath() throws {
        try withDirectory { directory in
            let path = directory.appendingPathComponent("missing.wav").path
            let error = #expect(throws: AudioIOError.self) { try SoundFile.read(path) }
            expectOneLine(error, naming: path, containing: "No such file or directory")
        }
    }

    /// Vorbis above libvorbis's 200 kHz fails at the first write; FLAC above its limit fails at open.
    @Test(arguments: [(AudioFileFormat.oggVorbis(quality: 0.6), 500_000), (.flac(bits: 16), 1_000_000)])
    func unsupportedSampleRateFailsAndLeavesOnlyTheOldFile(format: AudioFileFormat, sampleRate: Int) throws {
        try withDirectory { directory in
            let path = directory.appendingPathComponent("song.audio").path
            let old = toneBuffer(sampleRate: 44100)
            try SoundFile.write(old, to: path, format: .wav(.float32))
            let tone = toneBuffer(sampleRate: 44100).channels
            let error = #expect(throws: AudioIOError.self) {
                try SoundFile.write(AudioBuffer(sampleRate: sampleRate, channels: tone), to: path, format: format)
            }
            expectOneLine(error, naming: path, containing: "\(sampleRate) Hz")
            #expect(try listing(directory) == ["song.audio"], "a temporary file was left behind")
            #expect(try SoundFile.read(path) == old)
        }
    }

    @Test(arguments: [
        ("no channels", AudioBuffer(sampleRate: 44100, channels: []), AudioFileFormat.wav(.pcm16)),
        ("unequal channels", AudioBuffer(sampleRate: 44100, channels: [[0, 0, 0], [0, 0]]), .wav(.pcm16)),
        ("zero sample rate", AudioBuffer(sampleRate: 0, channels: [[0]]), .wav(.pcm16)),
        ("FLAC at 8 bits", AudioBuffer(sampleRate: 44100, channels: [[0]]), .flac(bits: 8)),
        ("Vorbis quality 2", AudioBuffer(sampleRate: 44100, channels: [[0]]), .oggVorbis(quality: 2)),
        ("FLAC of no frames", AudioBuffer(sampleRate: 44100, channels: [[], []]), .flac(bits: 16)),
    ])
    func invalidBuffersAndFormatsAreRefusedWithoutWritingAnything(
        _ problem: String, buffer: AudioBuffer, format: AudioFileFormat
    ) throws {
        try withDirectory { directory in
            let path = directory.appendingPathComponent("out.wav").path
            let error = #expect(throws: AudioIOError.self) { try SoundFile.write(buffer, to: path, format: format) }
            expectOneLine(error, naming: path)
            let files = try listing(directory)
            #expect(files.isEmpty)
        }
    }

    // MARK: Atomic replacement

    @Test func writeReplacesAnExistingFileAndLeavesNoTemporary() throws {
        try withDirectory { directory in
            let path = directory.appendingPathComponent("mix.wav").path
            try SoundFile.write(toneBuffer(sampleRate: 48000), to: path, format: .wav(.pcm16))
            let replacement = AudioBuffer(sampleRate: 44100, channels: [[0.25, -0.25, 0.125], [0, 0.5, -0.5]])
            try SoundFile.write(replacement, to: path, format: .wav(.float32))
            #expect(try SoundFile.read(path) == replacement)
            #expect(try listing(directory) == ["mix.wav"])
        }
    }

    // MARK: Formats by name

    @Test func formatFollowsThePathExtension() {
        #expect(AudioFileFormat(pathExtension: "wav") == .wav(.pcm24))
        #expect(AudioFileFormat(pathExtension: ".FLAC") == .flac(bits: 24))
        #expect(AudioFileFormat(pathExtension: "ogg") == .oggVorbis(quality: 0.6))
        #expect(AudioFileFormat(pathExtension: "mp3") == nil)
        #expect(AudioFileFormat(pathExtension: "") == nil)
    }
}
