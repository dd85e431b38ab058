// A strict JSON reader and a compact writer, just enough for the safetensors header.
//
// Written here rather than taken from Foundation because the reader must see what Foundation
// hides: a key given twice, and where in the header a problem is. It follows RFC 8259 to the
// letter (no comments, no trailing commas, no NaN, no leading zeros, no lone surrogates), limits
// nesting so a hostile header cannot exhaust the stack, and never traps on its input.

/// A parsed JSON value. Objects keep their members in order, duplicates included.
enum JSONValue {
    case null
    case bool(Bool)
    /// A number written without fraction or exponent that fits an `Int`.
    case integer(Int)
    /// Any other number, as written.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// The kind of value with its article, for messages: `a string`, `an array`.
    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer, .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The value as JSON text, for messages (numbers as written, strings quoted).
    var text: String { String(decoding: JSONWriter.encoded(self), as: UTF8.self) }
}

struct JSONMember {
    var key: String
    var value: JSONValue
}

/// Where and why text is not JSON; `offset` counts bytes from the start of the text.
struct JSONSyntaxError: Error {
    var offset: Int
    var reason: String
}

/// Reads one JSON value from UTF-8 bytes, allowing whitespace around it and nothing else.
struct JSONParser {
    /// Deeper than any safetensors header (which nests three levels).
    static let depthLimit = 32

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    private func error(_ reason: String) -> JSONSyntaxError { JSONSyntaxError(offset: position, reason: reason) }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    private mutating func value() throws(JSONSyntaxError) -> JSONValue {
        guard let byte = current else { throw error("the header ends where a value should start") }
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < Self.depthLimit else { throw error("nesting deeper than \(Self.depthLimit) levels") }
            depth += 1
            defer { depth -= 1 }
            return byte == UInt8(ascii: "{") ? try object() : try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: throw error("unexpected character \(describe(byte))")
        }
    }

    private mutating func object() throws(JSONSyntaxError) -> JSONValue {
        position += 1  // {
        var members: [JSONMember] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let key = try string()
            skipWhitespace()
            try expect(":", "after an object key")
            skipWhitespace()
            members.append(JSONMember(key: key, value: try value()))
            skipWhitespace()
            if try endOfList("}") { return .object(members) }
        }
    }

    private mutating func array() throws(JSONSyntaxError) -> JSONValue {
        position += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try value())
            skipWhitespace()
            if try endOfList("]") { return .array(elements) }
        }
    }

    /// Consumes `,` (more to come: false) or `closing` (done: true).
    private mutating func endOfList(_ closing: Unicode.Scalar) throws(JSONSyntaxError) -> Bool {
        if current == UInt8(ascii: ",") {
            position += 1
            return false
        }
        try expect(closing, "or ',' after a value")
        return true
    }

    private mutating func expect(_ scalar: Unicode.Scalar, _ context: String) throws(JSONSyntaxError) {
        guard current == UInt8(ascii: scalar) else {
            throw error("expected '\(scalar)' \(context), found \(current.map(describe) ?? "the end of the header")")
        }
        position += 1
    }

    private mutating func literal(_ word: String, _ result: JSONValue) throws(JSONSyntaxError) -> JSONValue {
        for expected in word.utf8 {
            guard current == expected else { throw error("invalid literal (expected \(word))") }
            position += 1
        }
        return result
    }

    private func describe(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Unicode.Scalar(byte))'" : "byte 0x\(String(byte, radix: 16))"
    }
}

// MARK: - Strings and numbers

extension JSONParser {
    /// A string from its opening quote; the caller has checked the quote is there.
    private mutating func string() throws(JSONSyntaxError) -> String {
        let start = position
        position += 1  // "
        var utf8: [UInt8] = []
        while true {
            guard let byte = current else {
                position = start
                throw error("a string is not closed")
            }
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return try decoded(utf8, start: start)
            case UInt8(ascii: "\\"):
                try escape(into: &utf8)
            case 0..<0x20:
                position -= 1
                throw error("a control character (byte 0x\(String(byte, radix: 16))) inside a string must be escaped")
            default:
                utf8.append(byte)
            }
        }
    }

    private func decoded(_ utf8: [UInt8], start: Int) throws(JSONSyntaxError) -> String {
        guard let text = String(validating: utf8, as: UTF8.self) else {
            throw JSONSyntaxError(offset: start, reason: "a string is not valid UTF-8")
        }
        return text
    }

    /// One escape sequence after its backslash, appended as UTF-8.
    private mutating func escape(into utf8: inout [UInt8]) throws(JSONSyntaxError) {
        guard let byte = current else { throw error("a string ends inside an escape") }
        position += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"): UTF8.encode(try unicodeEscape()) { utf8.append($0) }
        default:
            position -= 1
            throw error("invalid escape \\\(describe(byte))")
        }
    }

    /// The scalar of `\uXXXX` (the `\u` consumed), joining a surrogate pair written as two escapes.
    private mutating func unicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let first = try hexQuad()
        var value = UInt32(first)
        if (0xD800..<0xDC00).contains(first) {
            guard current == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u")
            else { throw error("a high surrogate \\u\(String(first, radix: 16)) is not followed by a low one") }
            position += 2
            let second = try hexQuad()
            guard (0xDC00..<0xE000).contains(second) else { throw error("\\u\(String(second, radix: 16)) is not a low surrogate") }
            value = 0x10000 + ((UInt32(first) - 0xD800) << 10) + (UInt32(second) - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(value) else { throw error("a lone low surrogate \\u\(String(first, radix: 16))") }
        return scalar
    }

    private mutating func hexQuad() throws(JSONSyntaxError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = hexDigit(byte) else { throw error("\\u needs four hex digits") }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    private func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A number by the JSON grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func number() throws(JSONSyntaxError) -> JSONValue {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        guard try digits() > 0 else { throw error("a number needs a digit") }
        if bytes[integerStart] == UInt8(ascii: "0") && position - integerStart > 1 {
            position = integerStart
            throw error("a number must not start with 0")
        }
        var whole = true
        if current == UInt8(ascii: ".") {
            position += 1
            guard try digits() > 0 else { throw error("a number needs a digit after '.'") }
            whole = false
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard try digits() > 0 else { throw error("a number needs a digit in its exponent") }
            whole = false
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if whole, let value = Int(text) { return .integer(value) }
        return .number(text)
    }

    /// Skips a run of decimal digits and says how many there were.
    private mutating func digits() throws(JSONSyntaxError) -> Int {
        let start = position
        while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { position += 1 }
        return position - start
    }
}

// MARK: - Writing

/// Writes JSON compactly, as Rust's serde_json does (the Python safetensors package's writer), so
/// our headers and theirs are byte for byte the same.
enum JSONWriter {
    static func encoded(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        write(value, to: &out)
        return out
    }

    static func write(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .null: out += Array("null".utf8)
        case .bool(let flag): out += Array((flag ? "true" : "false").utf8)
        case .integer(let number): out += Array(String(number).utf8)
        case .number(let text): out += Array(text.utf8)
        case .string(let text): writeString(text, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A quoted string, escaping what serde_json escapes: the quote, the backslash, and control
    /// characters (the usual short forms, else `\u00XX` in lowercase hex); all else verbatim UTF-8.
    static func writeString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x08: out += [0x5C, UInt8(ascii: "b")]
            case 0x0C: out += [0x5C, UInt8(ascii: "f")]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
