extension MIDIFile {
    /// The Standard MIDI File: an MThd chunk, then one MTrk chunk per track.
    ///
    /// Events are written in stable tick order with running status for consecutive channel
    /// messages of one status; each track ends with one end of track, at the later of its last
    /// event and any end of track it held. Values the format cannot hold are brought into range
    /// rather than refused: channels and data bytes keep their low bits, ticks per quarter is
    /// clamped to 1...32767, negative ticks to 0, deltas to 0x0FFFFFFF, and more than 65535
    /// tracks are written but only 65535 declared. `text` and `other` meta events are written as
    /// given, so one with a known type (0x51, 0x58, 0x59) must hold what that type requires.
    public func bytes() -> [UInt8] {
        var out: [UInt8] = Array("MThd".utf8)
        appendBigEndian(6, count: 4, to: &out)
        appendBigEndian(format.rawValue, count: 2, to: &out)
        appendBigEndian(min(tracks.count, 0xFFFF), count: 2, to: &out)
        appendBigEndian(min(max(ticksPerQuarter, 1), 0x7FFF), count: 2, to: &out)
        for track in tracks {
            let body = MIDITrackEncoder.encode(track)
            out.append(contentsOf: "MTrk".utf8)
            appendBigEndian(body.count, count: 4, to: &out)
            out.append(contentsOf: body)
        }
        return out
    }

    /// Writes `bytes()` to `path` atomically (see `writeFileAtomically`).
    public func write(to path: String) throws(FileIOError) {
        try writeFileAtomically(bytes(), to: path)
    }
}

/// Appends the low `count` bytes of `value`, most significant first.
private func appendBigEndian(_ value: Int, count: Int, to out: inout [UInt8]) {
    for shift in stride(from: 8 * (count - 1), through: 0, by: -8) {
        out.append(UInt8(truncatingIfNeeded: value >> shift))
    }
}

/// The largest value a 4-byte variable-length quantity holds.
private let maximumVariableLength = 0x0FFF_FFFF

/// Appends `value` (clamped to 0...0x0FFFFFFF) as a variable-length quantity.
private func appendVariableLength(_ value: Int, to out: inout [UInt8]) {
    let value = min(max(value, 0), maximumVariableLength)
    var shift = 21
    while shift > 0 && value >> shift == 0 { shift -= 7 }
    while shift > 0 {
        out.append(UInt8(truncatingIfNeeded: value >> shift) | 0x80)
        shift -= 7
    }
    out.append(UInt8(truncatingIfNeeded: value) & 0x7F)
}

/// Builds the body of one MTrk chunk.
private struct MIDITrackEncoder {
    private var out: [UInt8] = []
    private var tick = 0
    private var runningStatus: UInt8?

    /// The chunk body for `track`, ending with exactly one end of track.
    static func encode(_ track: MIDITrack) -> [UInt8] {
        var encoder = MIDITrackEncoder()
        var endTick = 0
        for event in sortedByTick(track.events) {
            if case .meta(.endOfTrack) = event.message {
                endTick = max(endTick, event.tick)
            } else {
                encoder.append(event)
            }
        }
        encoder.append(MIDIEvent(tick: max(endTick, encoder.tick), .meta(.endOfTrack)))
        return encoder.out
    }

    /// `events` in nondecreasing tick order, equal ticks kept in their given order.
    private static func sortedByTick(_ events: [MIDIEvent]) -> [MIDIEvent] {
        let inOrder = zip(events, events.dropFirst()).allSatisfy { $0.tick <= $1.tick }
        if inOrder { return events }
        return events.enumerated()
            .sorted { ($0.element.tick, $0.offset) < ($1.element.tick, $1.offset) }
            .map(\.element)
    }

    private mutating func append(_ event: MIDIEvent) {
        let delta = event.tick <= tick ? 0 : min(event.tick - tick, maximumVariableLength)
        tick += delta
        appendVariableLength(delta, to: &out)
        switch event.message {
        case .sysex(let escape, let data):
            runningStatus = nil
            out.append(escape ? 0xF7 : 0xF0)
            appendSized(data)
        case .meta(let meta):
            runningStatus = nil
            let (type, data) = Self.payload(meta)
            out.append(0xFF)
            out.append(type)
            appendSized(data)
        case .noteOff(let channel, let key, let velocity):
            appendChannelMessage(0x80, channel, [key, velocity])
        case .noteOn(let channel, let key, let velocity):
            appendChannelMessage(0x90, channel, [key, velocity])
        case .polyPressure(let channel, let key, let pressure):
            appendChannelMessage(0xA0, channel, [key, pressure])
        case .controlChange(let channel, let controller, let value):
            appendChannelMessage(0xB0, channel, [controller, value])
        case .programChange(let channel, let program):
            appendChannelMessage(0xC0, channel, [program])
        case .channelPressure(let channel, let pressure):
            appendChannelMessage(0xD0, channel, [pressure])
        case .pitchBend(let channel, let value):
            let value = min(value, 0x3FFF)
            appendChannelMessage(0xE0, channel, [UInt8(value & 0x7F), UInt8(value >> 7)])
        }
    }

    /// A length (as a variable-length quantity) and up to 0x0FFFFFFF bytes of `data`.
    private mutating func appendSized(_ data: [UInt8]) {
        let count = min(data.count, maximumVariableLength)
        appendVariableLength(count, to: &out)
        out.append(contentsOf: data.prefix(count))
    }

    /// A channel message of `kind` (0x80...0xE0), leaving out the status byte when running
    /// status allows; the channel and data keep only the bits the format has room for.
    private mutating func appendChannelMessage(_ kind: UInt8, _ channel: UInt8, _ data: [UInt8]) {
        let status = kind | channel & 0x0F
        if status != runningStatus { out.append(status) }
        runningStatus = status
        out.append(contentsOf: data.map { $0 & 0x7F })
    }

    /// The meta type byte and payload, with values clamped to what the reader accepts.
    private static func payload(_ meta: MIDIMeta) -> (UInt8, [UInt8]) {
        switch meta {
        case .sequenceNumber(let number): (0x00, [UInt8(number >> 8), UInt8(number & 0xFF)])
        case .text(let type, let bytes): (type, bytes)
        case .trackName(let name): (0x03, Array(name.utf8))
        case .channelPrefix(let channel): (0x20, [channel])
        case .endOfTrack: (0x2F, [])
        case .tempo(let microseconds):
            (0x51, bigEndianBytes(min(max(microseconds, 1), 0xFF_FFFF), count: 3))
        case .smpteOffset(let bytes): (0x54, bytes)
        case .timeSignature(let numerator, let denominator, let clocks, let thirtySeconds):
            (0x58, [byte(clamping: max(numerator, 1)), powerOfTwo(denominator),
                    byte(clamping: clocks), byte(clamping: thirtySeconds)])
        case .keySignature(let sharps, let minor):
            (0x59, [UInt8(bitPattern: Int8(min(max(sharps, -7), 7))), minor ? 1 : 0])
        case .other(let type, let data): (type, data)
        }
    }
}

/// The low `count` bytes of `value`, most significant first.
private func bigEndianBytes(_ value: Int, count: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    appendBigEndian(value, count: count, to: &bytes)
    return bytes
}

private func byte(clamping value: Int) -> UInt8 { UInt8(min(max(value, 0), 255)) }

/// The time signature's stored denominator: the power of two at or below `value`, 0...7.
private func powerOfTwo(_ value: Int) -> UInt8 {
    guard value > 1 else { return 0 }
    return UInt8(min(Int.bitWidth - 1 - value.leadingZeroBitCount, 7))
}
