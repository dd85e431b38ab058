// The reader trusts nothing in the file: every length is checked against the bytes left before
// it is used, no allocation is sized by a number read from the file, and every problem is a
// `MIDIFileError` naming the byte offset and the track.

extension MIDIFile {
    /// Reads a Standard MIDI File, format 0 or 1 with metrical (ticks per quarter) time.
    ///
    /// Unknown chunk types are skipped; MTrk chunks beyond the header's count are read too; fewer
    /// than 8 bytes after the last declared track are ignored as padding. A track chunk without an
    /// end of track gets one at its last event's tick, and events after an end of track are
    /// ignored. Running status applies to channel messages and is cancelled by sysex and meta
    /// events. Time: O(bytes).
    public init(bytes: [UInt8]) throws(MIDIFileError) {
        let header = try MIDIHeader(bytes)
        var tracks: [MIDITrack] = []
        var offset = header.chunksStart
        while offset < bytes.count {
            let left = bytes.count - offset
            if left < 8 {
                if tracks.count >= header.declaredTracks { break }
                throw MIDIFileError(
                    offset: offset, track: tracks.count,
                    reason: "the file ends inside a chunk header (\(bytesLeft(left)))")
            }
            let chunk = try MIDIChunk(bytes, at: offset, trackIndex: tracks.count)
            if chunk.isTrack {
                var parser = MIDITrackParser(bytes, body: chunk.body, track: tracks.count)
                tracks.append(try parser.parse())
            }
            offset = chunk.body.upperBound
        }
        guard tracks.count >= header.declaredTracks else {
            throw MIDIFileError(
                offset: bytes.count,
                reason: "the header declares \(header.declaredTracks) tracks but the file has \(tracks.count)")
        }
        self.init(format: header.format, ticksPerQuarter: header.ticksPerQuarter, tracks: tracks)
    }

    /// The largest MIDI file read: far beyond any song (an hour of dense playing is a few MB),
    /// and small enough that its events (up to about 24 bytes in memory per byte of file) fit.
    public static let sizeLimit = 32 << 20

    /// Reads the MIDI file at `path`.
    ///
    /// Throws `MIDIFileReadError`, whose description starts with the path.
    public static func read(contentsOf path: String) throws(MIDIFileReadError) -> MIDIFile {
        let bytes: [UInt8]
        do {
            bytes = try readFileBytes(path, limit: sizeLimit)
        } catch {
            throw MIDIFileReadError(path: path, cause: .unreadable(error))
        }
        do {
            return try MIDIFile(bytes: bytes)
        } catch {
            throw MIDIFileReadError(path: path, cause: .malformed(error))
        }
    }
}

/// The big-endian unsigned integer in `bytes[offset..<offset + count]`; the caller checks bounds.
private func bigEndian(_ bytes: [UInt8], at offset: Int, count: Int) -> Int {
    bytes[offset..<offset + count].reduce(0) { $0 << 8 | Int($1) }
}

/// The MThd chunk, checked.
private struct MIDIHeader {
    var format: MIDIFile.Format
    var declaredTracks: Int
    var ticksPerQuarter: Int
    /// Offset of the first chunk after the header.
    var chunksStart: Int

    init(_ bytes: [UInt8]) throws(MIDIFileError) {
        guard !bytes.isEmpty else { throw MIDIFileError(offset: 0, reason: "the file is empty") }
        guard bytes.starts(with: Array("MThd".utf8)) else {
            throw MIDIFileError(offset: 0, reason: "not a Standard MIDI File: it does not start with MThd")
        }
        guard bytes.count >= 8 else {
            throw MIDIFileError(offset: 4, reason: "the file ends inside the header chunk's length")
        }
        let length = bigEndian(bytes, at: 4, count: 4)
        guard length >= 6 else {
            throw MIDIFileError(offset: 4, reason: "header chunk length \(length) is shorter than 6")
        }
        guard length <= bytes.count - 8 else {
            throw MIDIFileError(
                offset: 4,
                reason: "header chunk length \(length) runs past the end of the file (\(bytesLeft(bytes.count - 8)))")
        }
        format = try Self.format(bigEndian(bytes, at: 8, count: 2))
        declaredTracks = bigEndian(bytes, at: 10, count: 2)
        ticksPerQuarter = try Self.ticksPerQuarter(division: bigEndian(bytes, at: 12, count: 2))
        chunksStart = 8 + length
    }

    /// The format word, refusing format 2 and unknown formats.
    private static func format(_ value: Int) throws(MIDIFileError) -> MIDIFile.Format {
        if let format = MIDIFile.Format(rawValue: value) { return format }
        if value == 2 {
            throw MIDIFileError(offset: 8, reason: "format 2 (independent sequences) is not supported")
        }
        throw MIDIFileError(offset: 8, reason: "format \(value) is not a Standard MIDI File format (expected 0 or 1)")
    }

    /// The division word as ticks per quarter note, refusing SMPTE time and 0.
    private static func ticksPerQuarter(division: Int) throws(MIDIFileError) -> Int {
        if division & 0x8000 != 0 {
            throw MIDIFileError(offset: 12, reason: "SMPTE time division is not supported")
        }
        if division == 0 { throw MIDIFileError(offset: 12, reason: "division is 0 ticks per quarter note") }
        return division
    }
}

/// A chunk's type and the range of its body, checked against the end of the file.
private struct MIDIChunk {
    var isTrack: Bool
    var body: Range<Int>

    /// Reads the 8-byte chunk header at `offset`; the caller has checked 8 bytes are there.
    init(_ bytes: [UInt8], at offset: Int, trackIndex: Int) throws(MIDIFileError) {
        let type = bytes[offset..<offset + 4]
        isTrack = type.elementsEqual("MTrk".utf8)
        let length = bigEndian(bytes, at: offset + 4, count: 4)
        let left = bytes.count - offset - 8
        guard length <= left else {
            let what = isTrack ? "chunk" : "chunk \(Self.name(type))"
            throw MIDIFileError(
                offset: offset, track: isTrack ? trackIndex : nil,
                reason: "\(what) length \(length) runs past the end of the file (\(bytesLeft(left)))")
        }
        body = offset + 8..<offset + 8 + length
    }

    /// A chunk type for messages: quoted when printable ASCII, else in hex.
    private static func name(_ type: ArraySlice<UInt8>) -> String {
        if type.allSatisfy({ (0x20...0x7E).contains($0) }) {
            return "\"" + String(decoding: type, as: UTF8.self) + "\""
        }
        return "0x" + type.map { hex($0, digits: 2) }.joined()
    }
}

/// Uppercase hexadecimal, zero-padded to `digits`.
private func hex(_ value: UInt8, digits: Int) -> String {
    let text = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, digits - text.count)) + text
}

/// `1 byte left`, `5 bytes left`.
private func bytesLeft(_ count: Int) -> String { count == 1 ? "1 byte left" : "\(count) bytes left" }

/// `0x9C`, as messages print a byte.
private func hexByte(_ value: UInt8) -> String { "0x" + hex(value, digits: 2) }

/// Reads the events of one MTrk chunk body.
private struct MIDITrackParser {
    private let bytes: [UInt8]
    private let track: Int
    private let end: Int
    private var position: Int
    /// Where the event being read starts, for messages.
    private var eventStart: Int
    private var tick = 0
    private var runningStatus: UInt8?

    init(_ bytes: [UInt8], body: Range<Int>, track: Int) {
        self.bytes = bytes
        self.track = track
        self.end = body.upperBound
        self.position = body.lowerBound
        self.eventStart = body.lowerBound
    }

    /// Reads events up to the end of track, or the end of the chunk when it has none.
    mutating func parse() throws(MIDIFileError) -> MIDITrack {
        var events: [MIDIEvent] = []
        while position < end {
            eventStart = position
            try advanceTick(by: try variableLength())
            let message = try message()
            events.append(MIDIEvent(tick: tick, message))
            if message == .meta(.endOfTrack) { return MIDITrack(events: events) }
        }
        events.append(MIDIEvent(tick: tick, .meta(.endOfTrack)))
        return MIDITrack(events: events)
    }

    private func error(_ reason: String, at offset: Int? = nil) -> MIDIFileError {
        MIDIFileError(offset: offset ?? eventStart, track: track, reason: reason)
    }

    private mutating func advanceTick(by delta: Int) throws(MIDIFileError) {
        tick += delta
        guard tick <= Int(Int32.max) else { throw error("tick \(tick) is past the largest tick, \(Int32.max)") }
    }

    /// The next byte of the chunk; `what` names the item for the message when there is none.
    private mutating func byte(_ what: String) throws(MIDIFileError) -> UInt8 {
        guard position < end else { throw error("\(what) runs past the end of the track chunk") }
        defer { position += 1 }
        return bytes[position]
    }

    /// A variable-length quantity: 1 to 4 bytes of 7 bits, most significant first.
    private mutating func variableLength() throws(MIDIFileError) -> Int {
        let start = position
        var value = 0
        for _ in 0..<4 {
            let byte = try byte("variable-length quantity")
            value = value << 7 | Int(byte & 0x7F)
            if byte & 0x80 == 0 { return value }
        }
        throw error("variable-length quantity is longer than 4 bytes", at: start)
    }

    /// A length-prefixed payload of a sysex or meta event, checked against the chunk's end.
    private mutating func sizedData(_ what: String) throws(MIDIFileError) -> [UInt8] {
        let length = try variableLength()
        let left = end - position
        guard length <= left else {
            throw error("\(what) length \(length) runs past the end of the track chunk (\(bytesLeft(left)))")
        }
        defer { position += length }
        return Array(bytes[position..<position + length])
    }

    /// The event after the delta time: a channel, sysex or meta message.
    private mutating func message() throws(MIDIFileError) -> MIDIMessage {
        let first = try byte("event")
        switch first {
        case 0xFF:
            runningStatus = nil
            let type = try byte("meta event")
            return .meta(try metaEvent(type: type, data: sizedData("meta event")))
        case 0xF0, 0xF7:
            runningStatus = nil
            return .sysex(escape: first == 0xF7, data: try sizedData("sysex event"))
        case 0xF1...0xFE:
            throw error("status byte \(hexByte(first)) is a system common or real-time message, which a file cannot hold")
        case 0x80...0xEF:
            runningStatus = first
            return try channelMessage(status: first, firstData: try dataByte())
        default:
            guard let status = runningStatus else {
                throw error("data byte \(hexByte(first)) with no running status")
            }
            return try channelMessage(status: status, firstData: first)
        }
    }

    /// A byte that must be below 0x80.
    private mutating func dataByte() throws(MIDIFileError) -> UInt8 {
        let offset = position
        let value = try byte("channel message")
        guard value < 0x80 else {
            throw error("expected a data byte (below 0x80) but found \(hexByte(value))", at: offset)
        }
        return value
    }

    /// The channel message for `status` (0x80...0xEF) whose first data byte has been read.
    private mutating func channelMessage(status: UInt8, firstData: UInt8) throws(MIDIFileError) -> MIDIMessage {
        let channel = status & 0x0F
        switch status & 0xF0 {
        case 0x80: return .noteOff(channel: channel, key: firstData, velocity: try dataByte())
        case 0x90: return .noteOn(channel: channel, key: firstData, velocity: try dataByte())
        case 0xA0: return .polyPressure(channel: channel, key: firstData, pressure: try dataByte())
        case 0xB0: return .controlChange(channel: channel, controller: firstData, value: try dataByte())
        case 0xC0: return .programChange(channel: channel, program: firstData)
        case 0xD0: return .channelPressure(channel: channel, pressure: firstData)
        default: return .pitchBend(channel: channel, value: UInt16(firstData) | UInt16(try dataByte()) << 7)
        }
    }

    /// The meta event of `type` with payload `data`.
    private func metaEvent(type: UInt8, data: [UInt8]) throws(MIDIFileError) -> MIDIMeta {
        switch type {
        case 0x00 where data.count == 2: .sequenceNumber(UInt16(data[0]) << 8 | UInt16(data[1]))
        case 0x03: .trackName(decodeText(data))
        case 0x01...0x0F: .text(type: type, bytes: data)
        case 0x20 where data.count == 1: .channelPrefix(data[0])
        case 0x2F: .endOfTrack
        case 0x51: try tempo(data)
        case 0x54 where data.count == 5: .smpteOffset(data)
        case 0x58: try timeSignature(data)
        case 0x59: try keySignature(data)
        default: .other(type: type, data: data)
        }
    }

    private func tempo(_ data: [UInt8]) throws(MIDIFileError) -> MIDIMeta {
        guard data.count == 3 else { throw error("tempo meta event has length \(data.count) (expected 3)") }
        let microseconds = bigEndian(data, at: 0, count: 3)
        guard microseconds > 0 else { throw error("tempo is 0 microseconds per quarter note") }
        return .tempo(microsecondsPerQuarter: microseconds)
    }

    private func timeSignature(_ data: [UInt8]) throws(MIDIFileError) -> MIDIMeta {
        guard data.count >= 4 else {
            throw error("time signature meta event has length \(data.count) (expected 4)")
        }
        guard data[0] > 0 else { throw error("time signature numerator is 0") }
        guard data[1] < 8 else {
            throw error("time signature denominator 2^\(data[1]) is too large (the power must be below 8)")
        }
        return .timeSignature(
            numerator: Int(data[0]), denominator: 1 << Int(data[1]),
            clocksPerClick: Int(data[2]), thirtySecondsPerQuarter: Int(data[3]))
    }

    private func keySignature(_ data: [UInt8]) throws(MIDIFileError) -> MIDIMeta {
        guard data.count >= 2 else {
            throw error("key signature meta event has length \(data.count) (expected 2)")
        }
        let sharps = Int(Int8(bitPattern: data[0]))
        guard (-7...7).contains(sharps) else { throw error("key signature has \(sharps) sharps (expected -7...7)") }
        guard data[1] <= 1 else { throw error("key signature mode \(data[1]) is neither major (0) nor minor (1)") }
        return .keySignature(sharps: sharps, minor: data[1] == 1)
    }
}

/// Text as UTF-8 when it is valid UTF-8, else as Latin-1 (which any bytes are).
private func decodeText(_ bytes: [UInt8]) -> String {
    if let text = String(validating: bytes, as: UTF8.self) { return text }
    return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
}
