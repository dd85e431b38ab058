import CSndFile

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed audio-file operation: the file, what was being done to it, and why, told on one line.
///
/// Every libsndfile and system failure in this module becomes one of these in exactly one place
/// (the `sndfile` and `system` constructors below), so the wording and the one-line promise hold
/// everywhere.
public struct AudioIOError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the caller asked for when it failed.
    public enum Operation: Sendable, Equatable, CustomStringConvertible {
        case write(AudioFileFormat, sampleRate: Int)
        case read
        case readMetadata

        public var description: String {
            switch self {
            case .write(let format, let sampleRate): "write \(format) at \(sampleRate) Hz"
            case .read: "read audio"
            case .readMetadata: "read metadata"
            }
        }
    }

    /// The path the caller gave (never a temporary name).
    public var path: String
    public var operation: Operation
    /// libsndfile's `sf_strerror` text, the system's `strerror` text, or a validation message.
    public var reason: String

    public init(path: String, operation: Operation, reason: String) {
        self.path = path
        self.operation = operation
        self.reason = AudioIOError.oneLine(reason)
    }

    public var description: String { "\(AudioIOError.oneLine(path)): cannot \(operation): \(reason)" }

    /// Folds newlines and runs of spaces, so a C library's message cannot break the one-line promise.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isNewline || $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}

extension AudioIOError {
    /// The error libsndfile holds for `handle`, through `sf_strerror`; a nil handle reads the global
    /// error of the last failed `sf_open`, so callers must still hold `SoundFile.openLock` then.
    static func sndfile(_ handle: OpaquePointer?, path: String, operation: Operation,
                        step: String? = nil) -> AudioIOError {
        let text = sf_strerror(handle).map { String(cString: $0) } ?? "unknown libsndfile error"
        return AudioIOError(path: path, operation: operation, reason: prefixed(step, text))
    }

    /// A libsndfile status code (as returned by `sf_close`, `sf_set_string`), through `sf_error_number`.
    static func sndfile(code: Int32, path: String, operation: Operation, step: String? = nil) -> AudioIOError {
        let text = sf_error_number(code).map { String(cString: $0) } ?? "libsndfile error \(code)"
        return AudioIOError(path: path, operation: operation, reason: prefixed(step, text))
    }

    /// A failed system call's `errno`, through `strerror`.
    static func system(_ code: Int32, path: String, operation: Operation, step: String? = nil) -> AudioIOError {
        let text = strerror(code).map { String(cString: $0) } ?? "error \(code)"
        return AudioIOError(path: path, operation: operation, reason: prefixed(step, text))
    }

    private static func prefixed(_ step: String?, _ text: String) -> String {
        guard let step else { return text }
        return "\(step): \(text)"
    }
}
