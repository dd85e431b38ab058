/// Why a safetensors file or archive was refused: which file, which part of it, and why.
///
/// `description` is one line, the parts joined by colons:
/// `model.safetensors: tensor 'blocks.0.qkv.weight': data_offsets [100, 260] end past the 200 bytes of data`.
/// Names from the file are quoted with their control characters escaped and long ones shortened,
/// so a hostile file cannot break the line.
public struct SafeTensorsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The part of the file at fault.
    public enum Subject: Equatable, Sendable {
        /// The file as a whole: its length, reading or writing it, the data buffer.
        case file
        /// The JSON header as a whole.
        case header
        /// One tensor's entry, by name.
        case tensor(String)
        /// One key of the `__metadata__` map (nil: the map itself).
        case metadata(String?)
    }

    /// The file's path or a name the caller gave the bytes; nil for an archive built in memory.
    public var source: String?
    public var subject: Subject
    /// What is wrong, without the file or the subject.
    public var reason: String

    public init(source: String?, subject: Subject, reason: String) {
        self.source = source
        self.subject = subject
        self.reason = reason
    }

    public var description: String {
        let place: String? =
            switch subject {
            case .file: nil
            case .header: "header"
            case .tensor(let name): "tensor \(quotedName(name))"
            case .metadata(let key?): "metadata \(quotedName(key))"
            case .metadata(nil): "__metadata__"
            }
        return [source, place, reason].compactMap { $0 }.joined(separator: ": ")
    }
}

/// `name` in single quotes, fit for a one-line message: control characters escaped as `\u{…}`,
/// and names longer than 120 characters cut with an ellipsis.
func quotedName(_ name: String) -> String {
    let limit = 120
    var text = ""
    for (index, scalar) in name.unicodeScalars.enumerated() {
        if index == limit {
            text += "…"
            break
        }
        if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
            || scalar == "\u{2028}" || scalar == "\u{2029}"
        {
            text += "\\u{\(String(scalar.value, radix: 16))}"
        } else {
            text.unicodeScalars.append(scalar)
        }
    }
    return "'\(text)'"
}
