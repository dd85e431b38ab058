import Arrangement
import Foundation
import PropertyBased
import TestSupport
import Testing

// MARK: - Building files by hand

/// An 8-byte chunk header and its body.
private func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
    Array(type.utf8) + bigEndian(body.count, 4) + body
}

private func bigEndian(_ value: Int, _ count: Int) -> [UInt8] {
    (0..<count).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
}

/// A Standard MIDI File with the given track bodies (an MThd chunk of 6 bytes, then MTrk chunks).
private func smf(format: Int = 1, declaring declared: Int? = nil, division: Int = 96, _ bodies: [UInt8]...) -> [UInt8] {
    let header = bigEndian(format, 2) + bigEndian(declared ?? bodies.count, 2) + bigEndian(division, 2)
    return chunk("MThd", header) + bodies.flatMap { chunk("MTrk", $0) }
}

private let endOfTrack: [UInt8] = [0x00, 0xFF, 0x2F, 0x00]

/// The error reading `bytes` throws, or nil when they read.
private func readError(_ bytes: [UInt8]) -> MIDIFileError? {
    do {
        _ = try MIDIFile(bytes: bytes)
        return nil
    } catch {
        return error
    }
}

/// What a track reads back as once written: tick order, one end of track at the end.
private func normalised(_ track: MIDITrack) -> MIDITrack {
    let ordered = track.events.enumerated()
        .sorted { ($0.element.tick, $0.offset) < ($1.element.tick, $1.offset) }
        .map(\.element)
    var events = ordered.filter { $0.message != .meta(.endOfTrack) }
    events.append(MIDIEvent(tick: ordered.last?.tick ?? 0, .meta(.endOfTrack)))
    return MIDITrack(events: events)
}

private func normalised(_ file: MIDIFile) -> MIDIFile {
    var file = file
    file.tracks = file.tracks.map(normalised)
    return file
}

/// A file that uses every kind of event.
private let everyKindOfEvent = MIDIFile(format: .multiTrack, ticksPerQuarter: 480, tracks: [
    MIDITrack(events: [
        MIDIEvent(tick: 0, .meta(.sequenceNumber(7))),
        MIDIEvent(tick: 0, .meta(.trackName("Keys ♭"))),
        MIDIEvent(tick: 0, .meta(.text(type: 0x01, bytes: Array("comment".utf8)))),
        MIDIEvent(tick: 0, .meta(.channelPrefix(2))),
        MIDIEvent(tick: 0, .meta(.tempo(microsecondsPerQuarter: 500_000))),
        MIDIEvent(tick: 0, .meta(.smpteOffset([96, 0, 3, 0, 0]))),
        MIDIEvent(tick: 0, .meta(.timeSignature(numerator: 6, denominator: 8, clocksPerClick: 36, thirtySecondsPerQuarter: 8))),
        MIDIEvent(tick: 0, .meta(.keySignature(sharps: -3, minor: true))),
        MIDIEvent(tick: 0, .meta(.other(type: 0x7F, data: [0x00, 0x20, 0x29]))),
        MIDIEvent(tick: 0, .sysex(escape: false, data: [0x7E, 0x7F, 0x09, 0x01, 0xF7])),
        MIDIEvent(tick: 10, .sysex(escape: true, data: [0xF3, 0x01])),
        MIDIEvent(tick: 10, .programChange(channel: 2, program: 33)),
        MIDIEvent(tick: 10, .controlChange(channel: 2, controller: 7, value: 100)),
        MIDIEvent(tick: 20, .noteOn(channel: 2, key: 60, velocity: 90)),
        MIDIEvent(tick: 20, .noteOn(channel: 2, key: 64, velocity: 90)),
        MIDIEvent(tick: 30, .polyPressure(channel: 2, key: 60, pressure: 50)),
        MIDIEvent(tick: 40, .channelPressure(channel: 2, pressure: 40)),
        MIDIEvent(tick: 50, .pitchBend(channel: 2, value: 16383)),
        MIDIEvent(tick: 60, .pitchBend(channel: 2, value: 0)),
        MIDIEvent(tick: 480, .noteOff(channel: 2, key: 60, velocity: 64)),
        MIDIEvent(tick: 480, .noteOn(channel: 2, key: 64, velocity: 0)),
        MIDIEvent(tick: 960, .meta(.endOfTrack)),
    ]),
    MIDITrack(events: [
        MIDIEvent(tick: 0, .meta(.trackName("Drums"))),
        MIDIEvent(tick: 0, .noteOn(channel: 9, key: 36, velocity: 127)),
        MIDIEvent(tick: 120, .noteOff(channel: 9, key: 36, velocity: 0)),
        MIDIEvent(tick: 120, .meta(.endOfTrack)),
    ]),
])

// MARK: - Writing and reading back

@Suite struct MIDIFileRoundTripTests {
    @Test func writtenFileReadsBackEqual() throws {
        let read = try MIDIFile(bytes: everyKindOfEvent.bytes())
        #expect(read == everyKindOfEvent)
    }

    @Test func writerUsesRunningStatusForRepeatedChannelStatus() {
        let file = MIDIFile(format: .single, ticksPerQuarter: 96, tracks: [MIDITrack(events: [
            MIDIEvent(tick: 0, .noteOn(channel: 0, key: 60, velocity: 100)),
            MIDIEvent(tick: 0, .noteOn(channel: 0, key: 64, velocity: 100)),
            MIDIEvent(tick: 96, .noteOn(channel: 0, key: 60, velocity: 0)),
            MIDIEvent(tick: 96, .meta(.text(type: 1, bytes: []))),
            MIDIEvent(tick: 96, .noteOn(channel: 0, key: 64, velocity: 0)),
        ])])
        let body: [UInt8] = [
            0x00, 0x90, 60, 100, 0x00, 64, 100, 0x60, 60, 0,
            0x00, 0xFF, 0x01, 0x00,
            0x00, 0x90, 64, 0,  // a meta event cancels running status
        ] + endOfTrack
        #expect(file.bytes() == smf(format: 0, division: 96, body))
    }

    @Test func writerSortsEventsStablyByTick() throws {
        let file = MIDIFile(tracks: [MIDITrack(events: [
            MIDIEvent(tick: 20, .noteOn(channel: 0, key: 2, velocity: 1)),
            MIDIEvent(tick: 10, .noteOn(channel: 0, key: 1, velocity: 1)),
            MIDIEvent(tick: 20, .noteOn(channel: 0, key: 3, velocity: 1)),
            MIDIEvent(tick: 10, .noteOn(channel: 0, key: 0, velocity: 1)),
        ])])
        let read = try MIDIFile(bytes: file.bytes())
        let keys = read.tracks[0].events.compactMap { event -> UInt8? in
            if case .noteOn(_, let key, _) = event.message { return key }
            return nil
        }
        #expect(keys == [1, 0, 2, 3])
        #expect(read == normalised(file))
    }

    @Test func writerEndsEachTrackWithOneEndOfTrackAtTheLatestTick() throws {
        let file = MIDIFile(tracks: [
            MIDITrack(events: [
                MIDIEvent(tick: 0, .meta(.endOfTrack)),
                MIDIEvent(tick: 5, .noteOn(channel: 0, key: 60, velocity: 1)),
                MIDIEvent(tick: 900, .meta(.endOfTrack)),
            ]),
            MIDITrack(events: [MIDIEvent(tick: 7, .noteOn(channel: 0, key: 60, velocity: 1))]),
            MIDITrack(),
        ])
        let read = try MIDIFile(bytes: file.bytes())
        #expect(read.tracks.map(\.events.last) == [
            MIDIEvent(tick: 900, .meta(.endOfTrack)),
            MIDIEvent(tick: 7, .meta(.endOfTrack)),
            MIDIEvent(tick: 0, .meta(.endOfTrack)),
        ])
        #expect(read.tracks[0].events.count == 2)
    }

    @Test(arguments: [
        (0, [0x00]), (0x7F, [0x7F]), (0x80, [0x81, 0x00]), (0x3FFF, [0xFF, 0x7F]),
        (0x4000, [0x81, 0x80, 0x00]), (0x0FFF_FFFF, [0xFF, 0xFF, 0xFF, 0x7F]),
    ] as [(Int, [UInt8])])
    func variableLengthQuantityEdgeValuesRoundTrip(value: Int, encoding: [UInt8]) throws {
        let file = MIDIFile(format: .single, ticksPerQuarter: 96, tracks: [
            MIDITrack(events: [MIDIEvent(tick: value, .noteOn(channel: 0, key: 60, velocity: 1))]),
        ])
        let body = encoding + [0x90, 60, 1] + endOfTrack
        #expect(file.bytes() == smf(format: 0, division: 96, body))
        #expect(try MIDIFile(bytes: file.bytes()) == normalised(file))
    }

    @Test func randomFilesRoundTrip() async {
        await propertyCheck(count: 300, input: randomFile) { file in
            let read = try MIDIFile(bytes: file.bytes())
            #expect(read == normalised(file))
        }
    }
}

// MARK: - Reading

@Suite struct MIDIFileReadingTests {
    @Test func handMadeType0FileReads() throws {
        let body: [UInt8] = [
            0x00, 0xFF, 0x51, 0x03, 0x07, 0xA1, 0x20,  // tempo 500000
            0x00, 0xFF, 0x58, 0x04, 0x03, 0x02, 0x18, 0x08,  // 3/4
            0x00, 0xFF, 0x59, 0x02, 0x02, 0x00,  // D major
            0x00, 0xC0, 0x05,
            0x00, 0x90, 0x3C, 0x40,
            0x83, 0x60, 0x80, 0x3C, 0x00,  // delta 480
            0x00, 0xFF, 0x2F, 0x00,
        ]
        let file = try MIDIFile(bytes: smf(format: 0, division: 480, body))
        #expect(file.format == .single)
        #expect(file.ticksPerQuarter == 480)
        #expect(file.tracks == [MIDITrack(events: [
            MIDIEvent(tick: 0, .meta(.tempo(microsecondsPerQuarter: 500_000))),
            MIDIEvent(tick: 0, .meta(.timeSignature(numerator: 3, denominator: 4, clocksPerClick: 24, thirtySecondsPerQuarter: 8))),
            MIDIEvent(tick: 0, .meta(.keySignature(sharps: 2, minor: false))),
            MIDIEvent(tick: 0, .programChange(channel: 0, program: 5)),
            MIDIEvent(tick: 0, .noteOn(channel: 0, key: 60, velocity: 64)),
            MIDIEvent(tick: 480, .noteOff(channel: 0, key: 60, velocity: 0)),
            MIDIEvent(tick: 480, .meta(.endOfTrack)),
        ])])
    }

    @Test func runningStatusCarriesAcrossNoteEvents() throws {
        let body: [UInt8] = [0x00, 0x91, 60, 100, 0x10, 62, 100, 0x10, 60, 0, 0x00, 0xB1, 64, 127, 0x00, 64, 0] + endOfTrack
        let events = try MIDIFile(bytes: smf(body)).tracks[0].events
        #expect(events.map(\.message) == [
            .noteOn(channel: 1, key: 60, velocity: 100),
            .noteOn(channel: 1, key: 62, velocity: 100),
            .noteOn(channel: 1, key: 60, velocity: 0),
            .controlChange(channel: 1, controller: 64, value: 127),
            .controlChange(channel: 1, controller: 64, value: 0),
            .meta(.endOfTrack),
        ])
        #expect(events.map(\.tick) == [0, 16, 32, 32, 32, 32])
    }

    @Test func runningStatusCarriesAcrossOneByteMessages() throws {
        let body: [UInt8] = [0x00, 0xC3, 1, 0x00, 2, 0x00, 0xD3, 9, 0x00, 10] + endOfTrack
        let messages = try MIDIFile(bytes: smf(body)).tracks[0].events.map(\.message)
        #expect(messages == [
            .programChange(channel: 3, program: 1), .programChange(channel: 3, program: 2),
            .channelPressure(channel: 3, pressure: 9), .channelPressure(channel: 3, pressure: 10),
            .meta(.endOfTrack),
        ])
    }

    @Test func pitchBendJoinsSevenBitHalvesLeastSignificantFirst() throws {
        let body: [UInt8] = [0x00, 0xE0, 0x00, 0x40, 0x00, 0x7F, 0x7F] + endOfTrack
        let messages = try MIDIFile(bytes: smf(body)).tracks[0].events.map(\.message)
        #expect(messages.prefix(2) == [.pitchBend(channel: 0, value: 8192), .pitchBend(channel: 0, value: 16383)])
    }

    @Test func sysexF0AndF7EventsKeepTheirData() throws {
        let body: [UInt8] = [
            0x00, 0xF0, 0x05, 0x43, 0x12, 0x00, 0x07, 0xF7,  // a complete F0 message
            0x00, 0xF0, 0x03, 0x43, 0x12, 0x00,  // the first packet of a divided one
            0x81, 0x48, 0xF7, 0x02, 0x07, 0xF7,  // and its continuation, 200 ticks later
            0x00, 0xF7, 0x02, 0xF3, 0x01,  // an escape: any bytes
        ] + endOfTrack
        let events = try MIDIFile(bytes: smf(body)).tracks[0].events
        #expect(events.map(\.message) == [
            .sysex(escape: false, data: [0x43, 0x12, 0x00, 0x07, 0xF7]),
            .sysex(escape: false, data: [0x43, 0x12, 0x00]),
            .sysex(escape: true, data: [0x07, 0xF7]),
            .sysex(escape: true, data: [0xF3, 0x01]),
            .meta(.endOfTrack),
        ])
        #expect(events[2].tick == 200)
    }

    @Test func noteOnWithVelocityZeroIsKeptButReadAsNoteOff() throws {
        let message = try MIDIFile(bytes: smf([0x00, 0x95, 60, 0] + endOfTrack)).tracks[0].events[0].message
        #expect(message == .noteOn(channel: 5, key: 60, velocity: 0))
        #expect(message.isNoteOff)
        #expect(message.channel == 5)
        #expect(MIDIMessage.noteOff(channel: 1, key: 60, velocity: 30).isNoteOff)
        #expect(!MIDIMessage.noteOn(channel: 1, key: 60, velocity: 1).isNoteOff)
        #expect(MIDIMessage.meta(.endOfTrack).channel == nil)
        #expect(MIDIMessage.sysex(escape: false, data: []).channel == nil)
    }

    @Test func trackNameIsUTF8WithLatin1Fallback() throws {
        let utf8 = Array("Été ♭".utf8)
        let latin1: [UInt8] = [0xC9, 0x74, 0xE9]  // "Été" in Latin-1, invalid as UTF-8
        let body = [0x00, 0xFF, 0x03, UInt8(utf8.count)] + utf8 + [0x00, 0xFF, 0x03, 0x03] + latin1 + endOfTrack
        let track = try MIDIFile(bytes: smf(body)).tracks[0]
        #expect(track.events.prefix(2).map(\.message) == [.meta(.trackName("Été ♭")), .meta(.trackName("Été"))])
        #expect(track.name == "Été ♭")
    }

    @Test func unknownChunksAreSkipped() throws {
        let file = smf([0x00, 0x90, 60, 1] + endOfTrack)
        let withAlien = Array(file[0..<14]) + chunk("XFIH", [1, 2, 3]) + Array(file[14...]) + chunk("XFIT", [])
        #expect(try MIDIFile(bytes: withAlien) == MIDIFile(bytes: file))
    }

    @Test func tracksBeyondTheDeclaredCountAreRead() throws {
        let file = try MIDIFile(bytes: smf(declaring: 1, endOfTrack, endOfTrack, endOfTrack))
        #expect(file.tracks.count == 3)
    }

    @Test func eventsAfterEndOfTrackAreIgnored() throws {
        let body = endOfTrack + [0x00, 0x90, 60, 1, 0xFF, 0xFF]
        #expect(try MIDIFile(bytes: smf(body)).tracks[0].events == [MIDIEvent(tick: 0, .meta(.endOfTrack))])
    }

    @Test func trackWithoutEndOfTrackGetsOneAtItsLastTick() throws {
        let events = try MIDIFile(bytes: smf([0x00, 0x90, 60, 1, 0x30, 0x80, 60, 0])).tracks[0].events
        #expect(events.last == MIDIEvent(tick: 0x30, .meta(.endOfTrack)))
        #expect(events.count == 3)
    }

    @Test func paddingShorterThanAChunkHeaderAfterTheTracksIsIgnored() throws {
        #expect(try MIDIFile(bytes: smf(endOfTrack) + [0, 0, 0]).tracks.count == 1)
    }

    @Test func headerLongerThanSixBytesIsSkipped() throws {
        let header = chunk("MThd", [0, 1, 0, 1, 0, 96, 0xAA, 0xBB])
        let file = try MIDIFile(bytes: header + chunk("MTrk", endOfTrack))
        #expect(file.ticksPerQuarter == 96 && file.tracks.count == 1)
    }

    @Test func metaEventsWithUnusualLengthsAreKeptAsOther() throws {
        let body: [UInt8] = [0x00, 0xFF, 0x00, 0x00, 0x00, 0xFF, 0x20, 0x02, 1, 2, 0x00, 0xFF, 0x54, 0x01, 9] + endOfTrack
        let messages = try MIDIFile(bytes: smf(body)).tracks[0].events.map(\.message)
        #expect(messages.prefix(3) == [
            .meta(.other(type: 0x00, data: [])), .meta(.other(type: 0x20, data: [1, 2])),
            .meta(.other(type: 0x54, data: [9])),
        ])
    }
}

// MARK: - Malformed files

/// Bytes that must be refused, and the reason the refusal must give.
private struct MalformedCase: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var reason: String
    var offset: Int
    var track: Int?

    var testDescription: String { name }
}

/// A malformed track body in an otherwise good file; offsets count from the body's start.
private func badTrack(_ name: String, _ body: [UInt8], _ reason: String, at offset: Int) -> MalformedCase {
    MalformedCase(name: name, bytes: smf(body), reason: reason, offset: 22 + offset, track: 0)
}

private let header: [UInt8] = Array("MThd".utf8) + [0, 0, 0, 6]

private let malformedCases: [MalformedCase] = [
    MalformedCase(name: "empty", bytes: [], reason: "the file is empty", offset: 0),
    MalformedCase(
        name: "RIFF", bytes: Array("RIFF".utf8) + [0, 0, 0, 4],
        reason: "not a Standard MIDI File: it does not start with MThd", offset: 0),
    MalformedCase(
        name: "short MThd", bytes: Array("MTh".utf8),
        reason: "not a Standard MIDI File: it does not start with MThd", offset: 0),
    MalformedCase(
        name: "header cut in its length", bytes: Array("MThd".utf8) + [0, 0],
        reason: "the file ends inside the header chunk's length", offset: 4),
    MalformedCase(
        name: "header length 4", bytes: Array("MThd".utf8) + [0, 0, 0, 4, 0, 0, 0, 1],
        reason: "header chunk length 4 is shorter than 6", offset: 4),
    MalformedCase(
        name: "header length past the end", bytes: Array("MThd".utf8) + [0, 0, 0, 100, 0, 0, 0, 1, 0, 96],
        reason: "header chunk length 100 runs past the end of the file (6 bytes left)", offset: 4),
    MalformedCase(
        name: "format 2", bytes: smf(format: 2, endOfTrack),
        reason: "format 2 (independent sequences) is not supported", offset: 8),
    MalformedCase(
        name: "format 3", bytes: smf(format: 3, endOfTrack),
        reason: "format 3 is not a Standard MIDI File format (expected 0 or 1)", offset: 8),
    MalformedCase(
        name: "division 0", bytes: smf(division: 0, endOfTrack),
        reason: "division is 0 ticks per quarter note", offset: 12),
    MalformedCase(
        name: "SMPTE division", bytes: smf(division: 0xE728, endOfTrack),
        reason: "SMPTE time division is not supported", offset: 12),
    MalformedCase(
        name: "track chunk length past the end", bytes: header + [0, 1, 0, 1, 0, 96] + Array("MTrk".utf8) + [0, 0, 0x13, 0x88] + endOfTrack,
        reason: "chunk length 5000 runs past the end of the file (4 bytes left)", offset: 14, track: 0),
    MalformedCase(
        name: "alien chunk length past the end", bytes: smf(endOfTrack) + Array("XFIH".utf8) + [0, 0, 0, 9, 1],
        reason: "chunk \"XFIH\" length 9 runs past the end of the file (1 byte left)", offset: 26),
    MalformedCase(
        name: "unprintable chunk type", bytes: smf(endOfTrack) + [0, 0xFF, 1, 2, 0, 0, 0, 9],
        reason: "chunk 0x00FF0102 length 9 runs past the end of the file (0 bytes left)", offset: 26),
    MalformedCase(
        name: "fewer tracks than declared", bytes: smf(declaring: 2, endOfTrack),
        reason: "the header declares 2 tracks but the file has 1", offset: 26),
    MalformedCase(
        name: "cut inside a chunk header", bytes: smf(declaring: 2, endOfTrack) + Array("MTr".utf8),
        reason: "the file ends inside a chunk header (3 bytes left)", offset: 26, track: 1),
    badTrack("variable-length quantity of 5 bytes", [0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x90, 60, 1],
             "variable-length quantity is longer than 4 bytes", at: 0),
    badTrack("variable-length quantity cut off", [0x81],
             "variable-length quantity runs past the end of the track chunk", at: 0),
    badTrack("delta time with no event", [0x00], "event runs past the end of the track chunk", at: 0),
    badTrack("channel message cut off", [0x00, 0x90, 60], "channel message runs past the end of the track chunk", at: 0),
    badTrack("data byte first", [0x00, 60, 1] + endOfTrack, "data byte 0x3C with no running status", at: 0),
    badTrack("running status after meta", [0x00, 0x90, 60, 1, 0x00, 0xFF, 0x01, 0x00, 0x00, 60, 0],
             "data byte 0x3C with no running status", at: 8),
    badTrack("running status after sysex", [0x00, 0x90, 60, 1, 0x00, 0xF0, 0x01, 0xF7, 0x00, 60, 0],
             "data byte 0x3C with no running status", at: 8),
    badTrack("status byte where data belongs", [0x00, 0x90, 60, 0x90, 60, 1],
             "expected a data byte (below 0x80) but found 0x90", at: 3),
    badTrack("timing clock in a track", [0x00, 0xF8] + endOfTrack,
             "status byte 0xF8 is a system common or real-time message, which a file cannot hold", at: 0),
    badTrack("song position in a track", [0x00, 0xF2, 0, 0] + endOfTrack,
             "status byte 0xF2 is a system common or real-time message, which a file cannot hold", at: 0),
    badTrack("meta length past the chunk", [0x00, 0xFF, 0x01, 0x10, 0x41],
             "meta event length 16 runs past the end of the track chunk (1 byte left)", at: 0),
    badTrack("meta with no type", [0x00, 0xFF], "meta event runs past the end of the track chunk", at: 0),
    badTrack("sysex length past the chunk", [0x00, 0xF0, 0x81, 0x00, 0x41, 0xF7],
             "sysex event length 128 runs past the end of the track chunk (2 bytes left)", at: 0),
    badTrack("tempo of 2 bytes", [0x00, 0xFF, 0x51, 0x02, 0x07, 0xA1] + endOfTrack,
             "tempo meta event has length 2 (expected 3)", at: 0),
    badTrack("tempo of 4 bytes", [0x00, 0xFF, 0x51, 0x04, 0x00, 0x07, 0xA1, 0x20] + endOfTrack,
             "tempo meta event has length 4 (expected 3)", at: 0),
    badTrack("tempo 0", [0x00, 0xFF, 0x51, 0x03, 0, 0, 0] + endOfTrack,
             "tempo is 0 microseconds per quarter note", at: 0),
    badTrack("time signature of 3 bytes", [0x00, 0xFF, 0x58, 0x03, 4, 2, 24] + endOfTrack,
             "time signature meta event has length 3 (expected 4)", at: 0),
    badTrack("time signature denominator 2^8", [0x00, 0xFF, 0x58, 0x04, 4, 8, 24, 8] + endOfTrack,
             "time signature denominator 2^8 is too large (the power must be below 8)", at: 0),
    badTrack("time signature numerator 0", [0x00, 0xFF, 0x58, 0x04, 0, 2, 24, 8] + endOfTrack,
             "time signature numerator is 0", at: 0),
    badTrack("key signature of 1 byte", [0x00, 0xFF, 0x59, 0x01, 0] + endOfTrack,
             "key signature meta event has length 1 (expected 2)", at: 0),
    badTrack("key signature of 8 flats", [0x00, 0xFF, 0x59, 0x02, 0xF8, 0] + endOfTrack,
             "key signature has -8 sharps (expected -7...7)", at: 0),
    badTrack("key signature mode 2", [0x00, 0xFF, 0x59, 0x02, 1, 2] + endOfTrack,
             "key signature mode 2 is neither major (0) nor minor (1)", at: 0),
    badTrack("tick past Int32.max", Array(repeating: [0xFF, 0xFF, 0xFF, 0x7F, 0xFF, 0x01, 0x00], count: 9).flatMap { $0 },
             "tick 2415919095 is past the largest tick, 2147483647", at: 56),
]

@Suite struct MIDIFileMalformedTests {
    @Test(arguments: malformedCases)
    fileprivate func malformedFileIsRefusedWithItsReason(_ malformed: MalformedCase) {
        let error = readError(malformed.bytes)
        #expect(error == MIDIFileError(offset: malformed.offset, track: malformed.track, reason: malformed.reason))
    }

    @Test func errorDescriptionIsOneLineNamingByteAndOneBasedTrack() {
        let lying = Array("MTrk".utf8) + bigEndian(5000, 4) + Array(repeating: 0, count: 1000)
        let bytes = smf(declaring: 2, []) + lying
        let error = readError(bytes)
        #expect(error?.description == "byte 22, track 2: chunk length 5000 runs past the end of the file (1000 bytes left)")
        #expect(readError([])?.description == "byte 0: the file is empty")
    }
}

// MARK: - Robustness

/// A valid file with a little of everything, for truncation and mutation.
private let sampleBytes = everyKindOfEvent.bytes()

@Suite struct MIDIFileRobustnessTests {
    @Test func fileCutAtEveryByteIsRefused() {
        for length in 0..<sampleBytes.count {
            #expect(readError(Array(sampleBytes.prefix(length))) != nil, "cut to \(length) bytes")
        }
    }

    @Test func randomByteMutationsNeverCrashAndReadableResultsRoundTrip() async {
        let mutated = Generator<[UInt8], Shrink.None<[UInt8]>> { rng in
            var bytes = sampleBytes
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            if Bool.random(using: &rng) { bytes.removeLast(Int.random(in: 0..<bytes.count, using: &rng)) }
            return bytes
        }
        await propertyCheck(count: 3000, input: mutated) { bytes in
            guard let file = try? MIDIFile(bytes: bytes) else { return }
            #expect((try? MIDIFile(bytes: file.bytes())) == file)
        }
    }

    @Test func randomBytesAfterAHeaderNeverCrash() async {
        let noise = Generator<[UInt8], Shrink.None<[UInt8]>> { rng in
            let count = Int.random(in: 0...64, using: &rng)
            let body = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            return smf(body)
        }
        await propertyCheck(count: 2000, input: noise) { bytes in
            guard let file = try? MIDIFile(bytes: bytes) else { return }
            #expect((try? MIDIFile(bytes: file.bytes())) == file)
        }
    }
}

// MARK: - Files on disk

@Suite struct MIDIFileDiskTests {
    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("sideman-\(UUID().uuidString)-\(name)").path
    }

    @Test func fileWrittenToDiskReadsBackEqual() throws {
        let path = temporaryPath("song.mid")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try everyKindOfEvent.write(to: path)
        try everyKindOfEvent.write(to: path)  // replacing an existing file
        #expect(try MIDIFile.read(contentsOf: path) == everyKindOfEvent)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        #expect(!leftovers.contains { $0.hasPrefix(".\((path as NSString).lastPathComponent).") })
    }

    @Test func missingFileErrorNamesThePathAndTheCause() {
        let path = temporaryPath("missing.mid")
        #expect(throws: MIDIFileReadError.self) { try MIDIFile.read(contentsOf: path) }
        do {
            _ = try MIDIFile.read(contentsOf: path)
        } catch {
            #expect(error.description == "\(path): cannot read: No such file or directory")
        }
        do {
            _ = try readFileBytes(path)
        } catch {
            #expect(error.description == "cannot read \(path): No such file or directory")
        }
    }

    @Test func malformedFileErrorStartsWithThePath() throws {
        let path = temporaryPath("empty.mid")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeFileAtomically([], to: path)
        do {
            _ = try MIDIFile.read(contentsOf: path)
            Issue.record("an empty file read")
        } catch {
            #expect(error.description == "\(path): byte 0: the file is empty")
        }
    }

    @Test func readFileBytesRefusesFilesOverTheLimit() throws {
        let path = temporaryPath("big.mid")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writeFileAtomically(Array(repeating: 7, count: 100), to: path)
        #expect(try readFileBytes(path, limit: 100).count == 100)
        do {
            _ = try readFileBytes(path, limit: 99)
            Issue.record("a file over the limit was read")
        } catch {
            #expect(error.description == "cannot read \(path): the file has 100 bytes, more than the limit of 99")
        }
    }

    @Test func writingIntoAMissingDirectoryFailsWithOneLine() {
        let path = temporaryPath("no-such-dir") + "/song.mid"
        do {
            try writeFileAtomically([1], to: path)
            Issue.record("wrote into a missing directory")
        } catch {
            #expect(error.description == "cannot write \(path): No such file or directory")
        }
    }
}

// MARK: - An independent reader and writer: Python's mido

/// Whether Python scripts can use mido.
private enum Mido {
    static let isAvailable = pythonCanImport("mido")
    static var isRequired: Bool { externalToolsRequired }
    static let missing: Comment = "pip install mido (make test installs it)"
}

@Suite(.enabled(if: Mido.isAvailable || Mido.isRequired, Mido.missing))
struct MIDIFileMidoTests {
    private let path = FileManager.default.temporaryDirectory.appendingPathComponent("sideman-mido-\(UUID().uuidString).mid").path

    @Test func fileWrittenByMidoReadsWithTheSameNotesTempoAndMeter() throws {
        try #require(Mido.isAvailable, Mido.missing)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try runPython("""
            import mido, sys
            f = mido.MidiFile(type=1, ticks_per_beat=480)
            meta = mido.MidiTrack(); f.tracks.append(meta)
            meta.append(mido.MetaMessage('set_tempo', tempo=600000, time=0))
            meta.append(mido.MetaMessage('time_signature', numerator=3, denominator=4, time=0))
            bass = mido.MidiTrack(); f.tracks.append(bass)
            bass.append(mido.MetaMessage('track_name', name='Bass', time=0))
            for key, at in [(36, 0), (43, 240), (40, 240)]:
                bass.append(mido.Message('note_on', channel=1, note=key, velocity=90, time=at))
                bass.append(mido.Message('note_off', channel=1, note=key, velocity=0, time=200))
            f.save(sys.argv[1])
            """, [path])
        let file = try MIDIFile.read(contentsOf: path)
        #expect(file.ticksPerQuarter == 480 && file.format == .multiTrack && file.tracks.count == 2)
        let meta = file.tracks[0].events.map(\.message)
        #expect(meta.contains(.meta(.tempo(microsecondsPerQuarter: 600_000))))
        #expect(meta.contains(.meta(.timeSignature(numerator: 3, denominator: 4, clocksPerClick: 24, thirtySecondsPerQuarter: 8))))
        #expect(file.tracks[1].name == "Bass")
        let notes = file.tracks[1].events.filter { $0.message.channel != nil }
        #expect(notes == [
            MIDIEvent(tick: 0, .noteOn(channel: 1, key: 36, velocity: 90)),
            MIDIEvent(tick: 200, .noteOff(channel: 1, key: 36, velocity: 0)),
            MIDIEvent(tick: 440, .noteOn(channel: 1, key: 43, velocity: 90)),
            MIDIEvent(tick: 640, .noteOff(channel: 1, key: 43, velocity: 0)),
            MIDIEvent(tick: 880, .noteOn(channel: 1, key: 40, velocity: 90)),
            MIDIEvent(tick: 1080, .noteOff(channel: 1, key: 40, velocity: 0)),
        ])
    }

    @Test func fileWeWriteIsReadByMidoWithTheSameNotes() throws {
        try #require(Mido.isAvailable, Mido.missing)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var file = everyKindOfEvent  // less the escaped sysex, whose bytes above 0x7F mido refuses
        file.tracks[0].events.removeAll { $0.message == .sysex(escape: true, data: [0xF3, 0x01]) }
        try file.write(to: path)
        let printed = try runPython("""
            import mido, sys
            f = mido.MidiFile(sys.argv[1])
            print(f.type, f.ticks_per_beat, len(f.tracks))
            for i, track in enumerate(f.tracks):
                tick = 0
                for m in track:
                    tick += m.time
                    if m.type in ('note_on', 'note_off'):
                        print(i, tick, m.type, m.channel, m.note, m.velocity)
                    elif m.type == 'set_tempo':
                        print(i, tick, 'tempo', m.tempo)
                    elif m.type == 'time_signature':
                        print(i, tick, 'meter', m.numerator, m.denominator)
            """, [path])
        var expected = ["1 480 2"]
        for (index, track) in file.tracks.enumerated() {
            for event in track.events {
                switch event.message {
                case .noteOn(let channel, let key, let velocity):
                    expected.append("\(index) \(event.tick) note_on \(channel) \(key) \(velocity)")
                case .noteOff(let channel, let key, let velocity):
                    expected.append("\(index) \(event.tick) note_off \(channel) \(key) \(velocity)")
                case .meta(.tempo(let microseconds)):
                    expected.append("\(index) \(event.tick) tempo \(microseconds)")
                case .meta(.timeSignature(let numerator, let denominator, _, _)):
                    expected.append("\(index) \(event.tick) meter \(numerator) \(denominator)")
                default:
                    break
                }
            }
        }
        #expect(printed.split(separator: "\n").map(String.init) == expected)
    }
}

// MARK: - Random files

/// Random files of canonical values (those that survive a write and a read unchanged).
private let randomFile = Generator<MIDIFile, Shrink.None<MIDIFile>> { rng in
    let tracks = (0..<Int.random(in: 0...4, using: &rng)).map { _ in randomTrack(using: &rng) }
    let format: MIDIFile.Format = Bool.random(using: &rng) ? .single : .multiTrack
    return MIDIFile(format: format, ticksPerQuarter: Int.random(in: 1...0x7FFF, using: &rng), tracks: tracks)
}

private func randomTrack(using rng: inout any SeededRandomNumberGenerator) -> MIDITrack {
    var tick = 0
    let events = (0..<Int.random(in: 0...40, using: &rng)).map { _ in
        tick += Int.random(in: 0...9, using: &rng) == 0 ? Int.random(in: 0...0x3F_FFFF, using: &rng) : Int.random(in: 0...200, using: &rng)
        return MIDIEvent(tick: tick, randomMessage(using: &rng))
    }
    return MIDITrack(events: events)
}

private func randomMessage(using rng: inout any SeededRandomNumberGenerator) -> MIDIMessage {
    func data() -> UInt8 { UInt8.random(in: 0...127, using: &rng) }
    func bytes(_ range: ClosedRange<Int>) -> [UInt8] {
        (0..<Int.random(in: range, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }
    let channel = UInt8.random(in: 0...15, using: &rng)
    switch Int.random(in: 0...9, using: &rng) {
    case 0: return .noteOff(channel: channel, key: data(), velocity: data())
    case 1, 2: return .noteOn(channel: channel, key: data(), velocity: data())
    case 3: return .polyPressure(channel: channel, key: data(), pressure: data())
    case 4: return .controlChange(channel: channel, controller: data(), value: data())
    case 5: return .programChange(channel: channel, program: data())
    case 6: return .channelPressure(channel: channel, pressure: data())
    case 7: return .pitchBend(channel: channel, value: UInt16.random(in: 0...16383, using: &rng))
    case 8: return .sysex(escape: Bool.random(using: &rng), data: bytes(0...20))
    default: return .meta(randomMeta(using: &rng))
    }
}

private func randomMeta(using rng: inout any SeededRandomNumberGenerator) -> MIDIMeta {
    func byte() -> Int { Int.random(in: 0...255, using: &rng) }
    func bytes(_ range: ClosedRange<Int>) -> [UInt8] {
        (0..<Int.random(in: range, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }
    switch Int.random(in: 0...9, using: &rng) {
    case 0: return .sequenceNumber(UInt16.random(in: 0...UInt16.max, using: &rng))
    case 1: return .text(type: [1, 2, 4, 5, 6, 7, 8, 9, 0x0F].randomElement(using: &rng) ?? 1, bytes: bytes(0...30))
    case 2:
        let scalars = (0..<Int.random(in: 0...12, using: &rng)).compactMap { _ in
            Unicode.Scalar(UInt32.random(in: 0...0x2FFF, using: &rng))
        }
        return .trackName(String(String.UnicodeScalarView(scalars)))
    case 3: return .channelPrefix(UInt8.random(in: 0...255, using: &rng))
    case 4: return .tempo(microsecondsPerQuarter: Int.random(in: 1...0xFF_FFFF, using: &rng))
    case 5: return .smpteOffset(bytes(5...5))
    case 6:
        return .timeSignature(
            numerator: Int.random(in: 1...255, using: &rng), denominator: 1 << Int.random(in: 0...7, using: &rng),
            clocksPerClick: byte(), thirtySecondsPerQuarter: byte())
    case 7: return .keySignature(sharps: Int.random(in: -7...7, using: &rng), minor: Bool.random(using: &rng))
    default: return .other(type: [0x21, 0x4B, 0x60, 0x7F, 0x90].randomElement(using: &rng) ?? 0x7F, data: bytes(0...10))
    }
}
