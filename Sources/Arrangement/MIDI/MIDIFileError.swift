/// Why bytes are not a Standard MIDI File this reader accepts, and where.
///
/// `description` is one line, `byte 22, track 2: chunk length 5000 runs past ...`; callers put
/// the file name in front. Tracks are printed 1-based (track 2 is the second MTrk chunk) while
/// `track` holds the 0-based index.
public struct MIDIFileError: Error, CustomStringConvertible, Equatable {
    /// Byte offset in the file of the item at fault.
    public var offset: Int
    /// 0-based index of the MTrk chunk at fault, nil for the header and alien chunks.
    public var track: Int?
    /// What is wrong, without the position.
    public var reason: String

    public init(offset: Int, track: Int? = nil, reason: String) {
        self.offset = offset
        self.track = track
        self.reason = reason
    }

    public var description: String {
        guard let track else { return "byte \(offset): \(reason)" }
        return "byte \(offset), track \(track + 1): \(reason)"
    }
}

/// A MIDI file that could not be read from disk, named by its path.
///
/// `description` is one line: `PATH: byte 14, track 1: ...` for a malformed file, or
/// `PATH: cannot read: No such file or directory` when the bytes could not be read.
public struct MIDIFileReadError: Error, CustomStringConvertible {
    /// What went wrong: the file system, or the bytes.
    public enum Cause: Sendable {
        case unreadable(FileIOError)
        case malformed(MIDIFileError)
    }

    public var path: String
    public var cause: Cause

    public init(path: String, cause: Cause) {
        self.path = path
        self.cause = cause
    }

    public var description: String {
        switch cause {
        case .unreadable(let error): "\(path): cannot \(error.operation.rawValue): \(error.detail)"
        case .malformed(let error): "\(path): \(error)"
        }
    }
}
