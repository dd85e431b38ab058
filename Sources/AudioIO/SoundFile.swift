import CSndFile
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The sample encoding of a WAV file.
public enum WAVEncoding: String, Sendable, CaseIterable {
    case pcm16, pcm24, float32
}

/// A file format `SoundFile.write` can produce.
public enum AudioFileFormat: Sendable, Equatable, CustomStringConvertible {
    case wav(WAVEncoding)
    /// Lossless FLAC at 16 or 24 bits.
    case flac(bits: Int)
    /// Lossy Ogg Vorbis; quality 0...1 is libsndfile's `SFC_SET_VBR_ENCODING_QUALITY` (0.6 is a good default).
    case oggVorbis(quality: Double)

    /// The format for a path's extension (with or without the dot, any case): wav → `.wav(.pcm24)`,
    /// flac → `.flac(bits: 24)`, ogg → `.oggVorbis(quality: 0.6)`; nil otherwise.
    public init?(pathExtension: String) {
        var name = pathExtension.lowercased()
        if name.hasPrefix(".") { name.removeFirst() }
        switch name {
        case "wav": self = .wav(.pcm24)
        case "flac": self = .flac(bits: 24)
        case "ogg": self = .oggVorbis(quality: 0.6)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .wav(.pcm16): "16-bit WAV"
        case .wav(.pcm24): "24-bit WAV"
        case .wav(.float32): "32-bit float WAV"
        case .flac(let bits): "\(bits)-bit FLAC"
        case .oggVorbis(let quality): "Ogg Vorbis (quality \(quality))"
        }
    }

    /// The `SF_FORMAT_*` major|subtype word, or why this format cannot be written.
    func sndfileFormat() -> Result<Int32, FormatProblem> {
        switch self {
        case .wav(.pcm16): return .success(Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16))
        case .wav(.pcm24): return .success(Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_24))
        case .wav(.float32): return .success(Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT))
        case .flac(16): return .success(Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16))
        case .flac(24): return .success(Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_24))
        case .flac(let bits): return .failure(FormatProblem("FLAC is written at 16 or 24 bits, not \(bits)"))
        case .oggVorbis(let quality) where (0...1).contains(quality):
            return .success(Int32(SF_FORMAT_OGG | SF_FORMAT_VORBIS))
        case .oggVorbis(let quality): return .failure(FormatProblem("Vorbis quality must be in 0...1, not \(quality)"))
        }
    }

    struct FormatProblem: Error { let message: String; init(_ message: String) { self.message = message } }
}

/// Audio in memory: planar Float32 channels (usually two) at a sample rate in Hz.
public struct AudioBuffer: Sendable, Equatable {
    public var sampleRate: Int
    /// One array per channel, all the same length; full scale is -1...1.
    public var channels: [[Float]]

    public init(sampleRate: Int, channels: [[Float]]) {
        self.sampleRate = sampleRate
        self.channels = channels
    }

    /// Frames (samples per channel): the length of the first channel.
    public var frameCount: Int { channels.first?.count ?? 0 }
}

/// The text tags a file carries, written with `sf_set_string` and read with `sf_get_string`.
public struct AudioMetadata: Sendable, Equatable {
    public var title: String?
    /// libsndfile appends its own version when writing, so this reads back as "sideman (libsndfile-…)".
    public var software: String?
    public var comment: String?

    public init(title: String? = nil, software: String? = "sideman", comment: String? = nil) {
        self.title = title
        self.software = software
        self.comment = comment
    }
}

/// Reading and writing audio files through libsndfile.
///
/// Thread: any; calls on different files may run at once (failed opens are serialised so that
/// libsndfile's global error text belongs to the right call).
public enum SoundFile {
    /// Frames moved per `sf_writef_float`/`sf_readf_float` call, through one reused interleaved buffer.
    static let framesPerChunk = 4096

    /// Guards `sf_open`/`sf_open_fd` together with `sf_strerror(NULL)`: a failed open leaves its
    /// reason in a process-wide variable that another thread's failed open would overwrite.
    static let openLock = Mutex<Void>(())

    /// Writes `buffer` to `path` atomically, replacing any file there.
    ///
    /// Encodes into a new temporary file beside `path` (`open` with `O_EXCL`, then `sf_open_fd`),
    /// `sf_writef_float` in chunks, `sf_close`, `fsync`, checks that libsndfile reads it back at the
    /// right length, then `rename`s it over `path`; on any failure the temporary is removed and `path`
    /// is untouched. Integer formats clip samples outside -1...1 (`SFC_SET_CLIPPING`) rather than wrap.
    public static func write(_ buffer: AudioBuffer, to path: String, format: AudioFileFormat,
                             metadata: AudioMetadata = .init()) throws(AudioIOError) {
        let operation = AudioIOError.Operation.write(format, sampleRate: buffer.sampleRate)
        var info = try fileInfo(for: buffer, format: format, path: path, operation: operation)
        var temporary = try TemporaryFile.create(beside: path, operation: operation)
        var replaced = false
        defer { if !replaced { temporary.discard() } }
        try encode(buffer, into: temporary.descriptor, info: &info, metadata: metadata, format: format,
                   path: path, operation: operation)
        try temporary.syncAndClose(path: path, operation: operation)
        try verifyLength(of: temporary.path, expected: buffer, path: path, operation: operation)
        try temporary.replace(path, operation: operation)
        replaced = true
    }

    /// Reads any file libsndfile can read (WAV, FLAC, Ogg, AIFF…) into planar Float32 at -1...1.
    ///
    /// Reads in chunks with `sf_readf_float`; the frame count in the header is only a hint.
    public static func read(_ path: String) throws(AudioIOError) -> AudioBuffer {
        var info = SF_INFO()
        let handle = try open(path, mode: Int32(SFM_READ), info: &info, naming: path, operation: .read)
        defer { sf_close(handle) }
        let channels = try readFrames(handle, info: info, path: path)
        return AudioBuffer(sampleRate: Int(info.samplerate), channels: channels)
    }

    /// Reads the title, software and comment tags of `path` with `sf_get_string`; absent tags are nil.
    public static func metadata(of path: String) throws(AudioIOError) -> AudioMetadata {
        var info = SF_INFO()
        let handle = try open(path, mode: Int32(SFM_READ), info: &info, naming: path, operation: .readMetadata)
        defer { sf_close(handle) }
        func tag(_ kind: Int) -> String? { sf_get_string(handle, Int32(kind)).map { String(cString: $0) } }
        return AudioMetadata(title: tag(SF_STR_TITLE), software: tag(SF_STR_SOFTWARE), comment: tag(SF_STR_COMMENT))
    }
}

// MARK: - Writing

extension SoundFile {
    /// Checks the buffer and format and builds the `SF_INFO` to open with.
    static func fileInfo(for buffer: AudioBuffer, format: AudioFileFormat, path: String,
                         operation: AudioIOError.Operation) throws(AudioIOError) -> SF_INFO {
        func refuse(_ reason: String) -> AudioIOError { AudioIOError(path: path, operation: operation, reason: reason) }
        guard !buffer.channels.isEmpty else { throw refuse("the buffer has no channels") }
        let lengths = Set(buffer.channels.map(\.count))
        guard lengths.count == 1 else {
            throw refuse("channels differ in length (\(buffer.channels.map(\.count).map(String.init).joined(separator: ", ")) frames)")
        }
        guard buffer.sampleRate > 0, let rate = Int32(exactly: buffer.sampleRate) else {
            throw refuse("sample rate \(buffer.sampleRate) Hz is not a positive 32-bit number")
        }
        guard let channelCount = Int32(exactly: buffer.channels.count) else { throw refuse("too many channels") }
        // libsndfile starts the FLAC stream at the first write, so no frames leave an empty, unreadable file.
        if case .flac = format, buffer.frameCount == 0 { throw refuse("libsndfile cannot write a FLAC file of no frames") }
        let sndfileFormat: Int32
        switch format.sndfileFormat() {
        case .success(let word): sndfileFormat = word
        case .failure(let problem): throw refuse(problem.message)
        }
        var info = SF_INFO()
        info.samplerate = rate
        info.channels = channelCount
        info.format = sndfileFormat
        return info
    }

    /// Encodes the whole buffer into the open descriptor `fd` (left open): `sf_open_fd`, settings,
    /// tags, chunked `sf_writef_float`, `sf_close`.
    static func encode(_ buffer: AudioBuffer, into fd: Int32, info: inout SF_INFO, metadata: AudioMetadata,
                       format: AudioFileFormat, path: String,
                       operation: AudioIOError.Operation) throws(AudioIOError) {
        let handle = try open(descriptor: fd, info: &info, naming: path, operation: operation)
        var closed = false
        defer { if !closed { sf_close(handle) } }
        try configure(handle, format: format, path: path, operation: operation)
        try tag(handle, with: metadata, path: path, operation: operation)
        try writeFrames(buffer, to: handle, path: path, operation: operation)
        closed = true
        let status = sf_close(handle)
        guard status == 0 else { throw .sndfile(code: status, path: path, operation: operation, step: "close") }
    }

    /// Turns on clipping (`SFC_SET_CLIPPING`) and, for Vorbis, sets the quality
    /// (`SFC_SET_VBR_ENCODING_QUALITY`); both must come before the first write.
    static func configure(_ handle: OpaquePointer, format: AudioFileFormat, path: String,
                          operation: AudioIOError.Operation) throws(AudioIOError) {
        // Returns the new clipping state, not a status.
        sf_command(handle, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE))
        guard case .oggVorbis(var quality) = format else { return }
        let accepted = sf_command(handle, Int32(SFC_SET_VBR_ENCODING_QUALITY), &quality,
                                  Int32(MemoryLayout<Double>.size))
        guard accepted == Int32(SF_TRUE) else {
            throw .sndfile(handle, path: path, operation: operation, step: "set Vorbis quality")
        }
    }

    /// Stores the non-nil tags with `sf_set_string` (before any audio, as FLAC and Ogg require).
    static func tag(_ handle: OpaquePointer, with metadata: AudioMetadata, path: String,
                    operation: AudioIOError.Operation) throws(AudioIOError) {
        let tags: [(Int, String, String?)] = [
            (SF_STR_TITLE, "title", metadata.title),
            (SF_STR_SOFTWARE, "software", metadata.software),
            (SF_STR_COMMENT, "comment", metadata.comment),
        ]
        for case let (kind, name, value?) in tags {
            let status = sf_set_string(handle, Int32(kind), value)
            guard status == 0 else { throw .sndfile(code: status, path: path, operation: operation, step: "set \(name)") }
        }
    }

    /// Interleaves `framesPerChunk` frames at a time into one reused buffer and `sf_writef_float`s them.
    static func writeFrames(_ buffer: AudioBuffer, to handle: OpaquePointer, path: String,
                            operation: AudioIOError.Operation) throws(AudioIOError) {
        let channelCount = buffer.channels.count
        var scratch = [Float](repeating: 0, count: framesPerChunk * channelCount)
        var start = 0
        while start < buffer.frameCount {
            let count = min(framesPerChunk, buffer.frameCount - start)
            interleave(buffer.channels, from: start, count: count, into: &scratch)
            let written = scratch.withUnsafeBufferPointer { sf_writef_float(handle, $0.baseAddress, sf_count_t(count)) }
            guard written == sf_count_t(count) else { throw .sndfile(handle, path: path, operation: operation) }
            start += count
        }
    }

    /// Copies `count` frames starting at `start` from planar `channels` into interleaved `scratch`.
    static func interleave(_ channels: [[Float]], from start: Int, count: Int, into scratch: inout [Float]) {
        let stride = channels.count
        scratch.withUnsafeMutableBufferPointer { out in
            for (index, channel) in channels.enumerated() {
                channel.withUnsafeBufferPointer { samples in
                    for frame in 0..<count { out[frame * stride + index] = samples[start + frame] }
                }
            }
        }
    }

    /// Opens the finished temporary file and checks its channels, rate and frame count: libsndfile's
    /// Vorbis encoder can fail without a write error (a rate libvorbis refuses) and leave a file
    /// nothing can read.
    static func verifyLength(of temporaryPath: String, expected: AudioBuffer, path: String,
                             operation: AudioIOError.Operation) throws(AudioIOError) {
        var info = SF_INFO()
        let handle = try open(temporaryPath, mode: Int32(SFM_READ), info: &info, naming: path,
                              operation: operation, step: "read back")
        sf_close(handle)
        let expectedShape = (expected.channels.count, expected.sampleRate, expected.frameCount)
        let actualShape = (Int(info.channels), Int(info.samplerate), Int(info.frames))
        guard actualShape == expectedShape else {
            throw AudioIOError(path: path, operation: operation, reason:
                "read back \(actualShape.0) channels at \(actualShape.1) Hz and \(actualShape.2) frames, "
                + "wrote \(expectedShape.0) at \(expectedShape.1) Hz and \(expectedShape.2)")
        }
    }
}

// MARK: - Reading

extension SoundFile {
    /// Reads every frame with `sf_readf_float` in chunks and splits them into planar channels.
    static func readFrames(_ handle: OpaquePointer, info: SF_INFO, path: String) throws(AudioIOError) -> [[Float]] {
        let channelCount = Int(info.channels)
        guard channelCount > 0, info.samplerate > 0 else {
            throw AudioIOError(path: path, operation: .read, reason: "header gives \(channelCount) channels at \(info.samplerate) Hz")
        }
        // The header's frame count is untrusted: reserve at most about a minute up front.
        let reserve = Int(max(0, min(info.frames, 1 << 22)))
        var channels = [[Float]](repeating: [], count: channelCount)
        for index in channels.indices { channels[index].reserveCapacity(reserve) }
        var scratch = [Float](repeating: 0, count: framesPerChunk * channelCount)
        while true {
            let count = scratch.withUnsafeMutableBufferPointer {
                Int(sf_readf_float(handle, $0.baseAddress, sf_count_t(framesPerChunk)))
            }
            guard count > 0 else { break }
            deinterleave(scratch, count: count, into: &channels)
        }
        guard sf_error(handle) == 0 else { throw .sndfile(handle, path: path, operation: .read) }
        return channels
    }

    /// Appends `count` interleaved frames from `scratch` to the planar `channels`.
    static func deinterleave(_ scratch: [Float], count: Int, into channels: inout [[Float]]) {
        let stride = channels.count
        scratch.withUnsafeBufferPointer { samples in
            for index in channels.indices {
                for frame in 0..<count { channels[index].append(samples[frame * stride + index]) }
            }
        }
    }
}

// MARK: - Opening

extension SoundFile {
    /// Opens `file` with `sf_open`; errors name `path` (the caller's path, even when `file` is a temporary).
    static func open(_ file: String, mode: Int32, info: inout SF_INFO, naming path: String,
                     operation: AudioIOError.Operation, step: String? = nil) throws(AudioIOError) -> OpaquePointer {
        let opened: Result<OpaquePointer, AudioIOError> = openLock.withLock { _ in
            guard let handle = sf_open(file, mode, &info) else {
                return .failure(.sndfile(nil, path: path, operation: operation, step: step))
            }
            return .success(handle)
        }
        return try opened.get()
    }

    /// Opens the descriptor `fd` for writing with `sf_open_fd`, leaving `fd` open after `sf_close`.
    static func open(descriptor fd: Int32, info: inout SF_INFO, naming path: String,
                     operation: AudioIOError.Operation) throws(AudioIOError) -> OpaquePointer {
        let opened: Result<OpaquePointer, AudioIOError> = openLock.withLock { _ in
            guard let handle = sf_open_fd(fd, Int32(SFM_WRITE), &info, Int32(SF_FALSE)) else {
                return .failure(.sndfile(nil, path: path, operation: operation))
            }
            return .success(handle)
        }
        return try opened.get()
    }
}

// MARK: - The temporary file behind an atomic write

/// A new file beside the destination, created exclusively, that becomes the destination by `rename`.
struct TemporaryFile {
    let path: String
    /// The open descriptor, or -1 once closed (so `discard` never closes a reused number).
    private(set) var descriptor: Int32

    /// Creates `.<name>.<random>.tmp` in the destination's directory with `open(O_CREAT | O_EXCL)`,
    /// mode 0666 less the umask, as a plain file at `path` would get.
    static func create(beside destination: String,
                       operation: AudioIOError.Operation) throws(AudioIOError) -> TemporaryFile {
        let (directory, name) = split(destination)
        var lastError: Int32 = EEXIST
        for _ in 0..<16 {
            let candidate = "\(directory).\(name).\(String(UInt32.random(in: .min ... .max), radix: 16)).tmp"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 { return TemporaryFile(path: candidate, descriptor: fd) }
            lastError = errno
            if lastError != EEXIST { break }
        }
        throw .system(lastError, path: destination, operation: operation, step: "create temporary file")
    }

    /// The directory part (with its trailing slash, or empty) and the last component of `path`.
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }

    /// Flushes the file to disk with `fsync` and closes it with `close`.
    mutating func syncAndClose(path destination: String, operation: AudioIOError.Operation) throws(AudioIOError) {
        let synced = fsync(descriptor) == 0 ? 0 : errno
        let closed = close(descriptor) == 0 ? 0 : errno
        descriptor = -1
        if synced != 0 { throw .system(synced, path: destination, operation: operation, step: "fsync") }
        if closed != 0 { throw .system(closed, path: destination, operation: operation, step: "close") }
    }

    /// Moves the file over `destination` with `rename`, then `fsync`s the directory so the new name lasts.
    func replace(_ destination: String, operation: AudioIOError.Operation) throws(AudioIOError) {
        guard rename(path, destination) == 0 else {
            throw .system(errno, path: destination, operation: operation, step: "rename")
        }
        let directory = TemporaryFile.split(destination).directory
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        // Best effort: the data is already safe; only the name could be lost to a crash here.
        _ = fsync(fd)
        close(fd)
    }

    /// Removes the file (`close` if still open, then `unlink`), ignoring errors: used on failure paths.
    func discard() {
        if descriptor >= 0 { close(descriptor) }
        unlink(path)
    }
}
