import CALSA

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed ALSA operation: what was being done, to which device, by which ALSA function, and why,
/// told on one line: "cannot open audio device 'default': snd_pcm_open: No such file or directory".
///
/// Every negative ALSA return code in this module becomes one of these in exactly one place,
/// `init(code:function:operation:device:)`, with `snd_strerror`'s text; `check` is the guard in
/// front of it that every wrapper calls.
public struct ALSAError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the caller asked for when it failed.
    public enum Operation: Sendable, Equatable, CustomStringConvertible {
        case open, configure, start, play
        case openSequencer, listPorts

        public var description: String {
            switch self {
            case .open: "cannot open audio device"
            case .configure: "cannot configure audio device"
            case .start: "cannot start playback on audio device"
            case .play: "playback failed on audio device"
            case .openSequencer: "cannot open MIDI sequencer"
            case .listPorts: "cannot list MIDI ports of sequencer"
            }
        }
    }

    public var operation: Operation
    /// The device (or sequencer) name the caller gave.
    public var device: String
    /// The C function that failed (`snd_pcm_open`, `pthread_create`), or the setting that was refused.
    public var function: String
    /// The negative error code as ALSA returns it (`-ENOENT`); `-EINVAL` for a refused setting.
    public var code: Int32
    /// `snd_strerror`'s text, or what was wrong with a setting.
    public var reason: String

    /// An error with its reason given in words (for settings refused before any ALSA call).
    public init(operation: Operation, device: String, function: String, code: Int32 = -EINVAL, reason: String) {
        self.operation = operation
        self.device = AudioIOError.oneLine(device)
        self.function = function
        self.code = code
        self.reason = AudioIOError.oneLine(reason)
    }

    /// The error for ALSA return code `code` (either sign; a positive `errno` from pthreads works too),
    /// worded by `snd_strerror`. This is the one place codes become text.
    init(code: Int32, function: String, operation: Operation, device: String) {
        let negative = code > 0 ? -code : code
        let text = snd_strerror(negative).map { String(cString: $0) } ?? "ALSA error \(negative)"
        self.init(operation: operation, device: device, function: function, code: negative, reason: text)
    }

    public var description: String { "\(operation) '\(device)': \(function): \(reason)" }

    /// Returns `result` when it is not negative and throws the error it stands for when it is;
    /// every ALSA call made off the audio thread goes through here.
    @discardableResult
    static func check<Result: BinaryInteger>(_ result: Result, _ function: String, _ operation: Operation,
                                             device: String) throws(ALSAError) -> Result {
        guard result < 0 else { return result }
        throw ALSAError(code: Int32(clamping: result), function: function, operation: operation, device: device)
    }
}

/// Process-wide alsa-lib setup shared by playback and device listing.
enum ALSALibrary {
    /// Replaces alsa-lib's default error handler (which prints "ALSA lib pcm.c:…" lines to stderr)
    /// with the shim's silent one, once per process, through `snd_lib_error_set_handler`: a failure
    /// then reaches the user once, as an `ALSAError`.
    static let errorsSilenced: Bool = sideman_alsa_silence_errors() == 0

    /// Makes sure `errorsSilenced` has run; call before the first ALSA call of any public entry point.
    static func silenceErrors() { _ = errorsSilenced }
}
