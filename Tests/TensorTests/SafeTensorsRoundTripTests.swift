import Foundation
import Testing
import TestSupport
@testable import Tensor

/// Writing and reading back: each dtype keeps its values within its precision, the same content
/// gives the same bytes, and files land atomically.
@Suite struct SafeTensorsRoundTripTests {
    static func randomValues(_ count: Int, seed: UInt64, scale: Double = 1) -> [Float] {
        var random = RandomSource(seed: seed)
        return (0..<count).map { _ in Float(random.nextNormal() * scale) }
    }

    static func roundTrip(_ archive: SafeTensorsArchive) throws -> SafeTensorsArchive {
        try SafeTensorsArchive(bytes: try archive.serialized(), source: "round-trip.safetensors")
    }

    @Test func f32ValuesComeBackExactly() throws {
        var archive = SafeTensorsArchive()
        let values = Self.randomValues(12, seed: 1) + [0, -0, .infinity, -.infinity, .greatestFiniteMagnitude, .leastNonzeroMagnitude]
        try archive.add(name: "w", shape: [3, 6], floats: values)
        let read = try Self.roundTrip(archive).floats("w")
        #expect(read.shape == [3, 6])
        #expect(read.values.map(\.bitPattern) == values.map(\.bitPattern))
    }

    @Test func f16ValuesComeBackWithinHalfPrecision() throws {
        var archive = SafeTensorsArchive()
        let values = Self.randomValues(64, seed: 2, scale: 100)
        try archive.add(name: "h", shape: [8, 8], floats: values, as: .f16)
        let read = try Self.roundTrip(archive).floats("h").values
        // Half precision has 11 significant bits: relative error at most 2^-11 in the normal range.
        for (original, back) in zip(values, read) { #expect(abs(back - original) <= abs(original) * 0x1p-11 + 0x1p-24) }
        #expect(read == values.map { Float(Float16($0)) })
    }

    @Test func f16RoundsPastItsRangeToInfinityAndKeepsNaN() throws {
        var archive = SafeTensorsArchive()
        try archive.add(name: "h", shape: [4], floats: [70000, -70000, .nan, 65504], as: .f16)
        let read = try Self.roundTrip(archive).floats("h").values
        #expect(read[0] == .infinity && read[1] == -.infinity && read[2].isNaN && read[3] == 65504)
    }

    @Test func bf16ValuesComeBackWithinBFloat16Precision() throws {
        var archive = SafeTensorsArchive()
        let values = Self.randomValues(64, seed: 3, scale: 1e6)
        try archive.add(name: "b", shape: [64], floats: values, as: .bf16)
        let read = try Self.roundTrip(archive).floats("b").values
        // 8 significant bits: relative error at most 2^-8 after rounding to nearest.
        for (original, back) in zip(values, read) { #expect(abs(back - original) <= abs(original) * 0x1p-8) }
    }

    @Test func bf16RoundsToNearestEvenKeepsNaNAndOverflowsToInfinity() {
        // 1 + 2^-8 is halfway between 1 and 1 + 2^-7: ties go to the even one, 1.
        #expect(BFloat16(1 + 0x1p-8).floatValue == 1)
        // 1 + 3·2^-8 is halfway between 1 + 2^-7 and 1 + 2^-6: ties go to the even one, 1 + 2^-6.
        #expect(BFloat16(1 + 3 * 0x1p-8).floatValue == 1 + 0x1p-6)
        #expect(BFloat16(1 + 0x1p-8 + 0x1p-20).floatValue == 1 + 0x1p-7)
        #expect(BFloat16(.greatestFiniteMagnitude).floatValue == .infinity)
        #expect(BFloat16(-3.4e38).floatValue == -.infinity && BFloat16(3.38e38).floatValue.isFinite)
        // A NaN whose payload sits only in the low 16 bits would round to infinity without care.
        let lowPayloadNaN = Float(bitPattern: 0x7F80_0001)
        #expect(lowPayloadNaN.isNaN && BFloat16(lowPayloadNaN).floatValue.isNaN)
        #expect(BFloat16(-Float.nan).floatValue.sign == .minus)
        #expect(BFloat16(0x1p-130).floatValue == 0x1p-130)
    }

    @Test func i8ValuesComeBackWithinHalfTheirRowScale() throws {
        var archive = SafeTensorsArchive()
        let rows = 6, columns = 10
        var values = Self.randomValues(rows * columns, seed: 4, scale: 3)
        for c in 0..<columns { values[2 * columns + c] = 0 }
        try archive.add(name: "q", shape: [rows, columns], floats: values, as: .i8)
        let read = try Self.roundTrip(archive)
        let (shape, quantized, scales) = try read.quantizedRows("q")
        #expect(shape == [rows, columns] && read.entry("q.scale")?.shape == [rows])
        let back = try read.floats("q").values
        for row in 0..<rows {
            let slice = values[row * columns..<(row + 1) * columns]
            #expect(scales[row] == (slice.map(abs).max() ?? 0) / 127)
            for c in 0..<columns {
                let index = row * columns + c
                #expect(abs(back[index] - values[index]) <= scales[row] / 2 * (1 + 0x1p-20))
                #expect(abs(Int(quantized[index])) <= 127)
            }
        }
        // A row of zeros has scale 0 and quantises to zeros.
        #expect(scales[2] == 0 && quantized[2 * columns..<3 * columns].allSatisfy { $0 == 0 })
        // The row's largest magnitude maps to ±127 exactly.
        #expect(quantized.contains(127) || quantized.contains(-127))
    }

    @Test func theSameContentGivesTheSameBytesWhateverTheOrderOfAdding() throws {
        func build(_ order: [Int]) throws -> [UInt8] {
            var archive = SafeTensorsArchive(metadata: ["b": "2", "a": "1", "c": "3"])
            let adders: [(inout SafeTensorsArchive) throws -> Void] = [
                { try $0.add(name: "z.weight", shape: [2, 3], floats: Self.randomValues(6, seed: 5)) },
                { try $0.add(name: "a.weight", shape: [2, 2], floats: Self.randomValues(4, seed: 6), as: .f16) },
                { try $0.add(name: "m.weight", shape: [3, 2], floats: Self.randomValues(6, seed: 7), as: .i8) },
                { try $0.add(name: "b.bias", shape: [3], floats: Self.randomValues(3, seed: 8), as: .bf16) },
            ]
            for index in order { try adders[index](&archive) }
            return try archive.serialized()
        }
        let first = try build([0, 1, 2, 3])
        #expect(try build([3, 2, 1, 0]) == first)
        #expect(try build([2, 0, 3, 1]) == first)
    }

    @Test func theHeaderIsPaddedToEightBytesAndTensorsGoWidestDtypeFirstThenByName() throws {
        var archive = SafeTensorsArchive(metadata: ["k": "v"])
        try archive.add(name: "a", shape: [1], floats: [1], as: .f16)
        try archive.add(name: "b", shape: [1], floats: [1], as: .f32)
        try archive.add(name: "c", shape: [1], floats: [1], as: .bf16)
        try archive.add(name: "B", shape: [1], floats: [1], as: .f32)
        let bytes = try archive.serialized()
        let length = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        #expect(length % 8 == 0)
        let header = String(decoding: bytes[8..<8 + length], as: UTF8.self)
        let expected = #"{"__metadata__":{"k":"v"},"B":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"#
            + #""b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]},"c":{"dtype":"BF16","shape":[1],"data_offsets":[8,10]},"#
            + #""a":{"dtype":"F16","shape":[1],"data_offsets":[10,12]}}"#
        #expect(header.trimmingCharacters(in: .init(charactersIn: " ")) == expected)
        #expect(header.hasPrefix(expected) && header.dropFirst(expected.count).allSatisfy { $0 == " " })
        #expect(bytes.count == 8 + length + 12)
    }

    @Test func metadataAndOddNamesSurviveTheRoundTrip() throws {
        let metadata = ["architecture": "denoiser", "quote\"and\\slash": "line\nbreak\ttab \u{1} ünï 𝄞", "": ""]
        var archive = SafeTensorsArchive(metadata: metadata)
        try archive.add(name: "blocks.0/ü \"odd\"\n", shape: [], floats: [2.5])
        try archive.add(name: "empty", shape: [0, 3], floats: [])
        let read = try Self.roundTrip(archive)
        #expect(read.metadata == metadata)
        #expect(try read.floats("blocks.0/ü \"odd\"\n").values == [2.5])
        #expect(try read.floats("empty") == (shape: [0, 3], values: []))
        #expect(read.names == ["blocks.0/ü \"odd\"\n", "empty"])
    }

    @Test func addingRefusesTakenReservedAndMisshapenTensors() throws {
        var archive = SafeTensorsArchive()
        try archive.add(name: "w", shape: [2, 2], floats: [1, 2, 3, 4], as: .i8)
        func message(_ body: (inout SafeTensorsArchive) throws(SafeTensorsError) -> Void) -> String? {
            do throws(SafeTensorsError) {
                try body(&archive)
                return nil
            } catch { return error.description }
        }
        #expect(message { a throws(SafeTensorsError) in try a.add(name: "w", shape: [1], floats: [1]) } == "tensor 'w': already in the archive")
        #expect(message { a throws(SafeTensorsError) in try a.add(name: "w.scale", shape: [1], floats: [1]) } == "tensor 'w.scale': already in the archive")
        #expect(message { a throws(SafeTensorsError) in try a.add(name: "__metadata__", shape: [1], floats: [1]) }
            == "tensor '__metadata__': the name is reserved for the metadata map")
        #expect(message { a throws(SafeTensorsError) in try a.add(name: "x", shape: [2, 2], floats: [1]) }
            == "tensor 'x': shape [2, 2] does not hold the 1 values given")
        #expect(message { a throws(SafeTensorsError) in try a.add(name: "x", shape: [-1], floats: []) }
            == "tensor 'x': shape [-1] has a negative dimension")
        #expect(message { a throws(SafeTensorsError) in try a.add(name: "n", shape: [2, 2], floats: [1, 2, .nan, 4], as: .i8) }
            == "tensor 'n': row 1 holds NaN or infinity, which int8 cannot store")
        #expect(message { a throws(SafeTensorsError) in try a.add(name: "s", shape: [2, 2], int8: [1, 2, 3, 4], scales: [1]) }
            == "tensor 's.scale': row scales of I8 tensor 's' must be F32 of shape [2], not F32 of shape [1]")
        #expect(message { a throws(SafeTensorsError) in try a.add(name: "s", shape: [2, 1], int8: [1, 2], scales: [1, -1]) }
            == "tensor 's.scale': scale of row 1 is -1.0; a scale must be finite and not negative")
        #expect(archive.names == ["w", "w.scale"])
    }

    @Test func readingAsI8WhatIsNotI8OrHasNoScalesIsRefused() throws {
        var archive = SafeTensorsArchive()
        try archive.add(name: "f", shape: [2], floats: [1, 2])
        #expect(throws: SafeTensorsError(source: nil, subject: .tensor("f"), reason: "is F32, not I8")) { try archive.quantizedRows("f") }
        #expect(throws: SafeTensorsError(source: nil, subject: .tensor("g"), reason: "no such tensor")) { try archive.floats("g") }
        try archive.add(name: "v", shape: [3], floats: [1, 2, 3], as: .i8)
        #expect(throws: SafeTensorsError(source: nil, subject: .tensor("v"), reason: "I8 shape [3] is not a matrix")) { try archive.int8Matrix("v") }
    }
}

/// Files on disk: atomic writes, errors that name the path.
@Suite struct SafeTensorsFileTests {
    @Test func writeThenReadGivesTheSameArchiveAndLeavesNoTemporaryFile() throws {
        let directory = try makeTemporaryDirectory("sideman-safetensors")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("model.safetensors").path
        var archive = SafeTensorsArchive(metadata: ["version": "1"])
        try archive.add(name: "w", shape: [2, 3], floats: [1, 2, 3, 4, 5, 6], as: .bf16)
        try archive.write(to: path)
        try archive.write(to: path)  // over an existing file
        let read = try SafeTensorsArchive.read(contentsOf: path)
        #expect(read.source == path && read.metadata == ["version": "1"] && read.entries == archive.entries)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["model.safetensors"])
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == archive.serialized())
    }

    @Test func aMissingFileIsReportedWithItsPath() {
        let path = "/nonexistent-\(UUID().uuidString)/model.safetensors"
        #expect(throws: SafeTensorsError(source: path, subject: .file, reason: "cannot read: No such file or directory")) {
            try SafeTensorsArchive.read(contentsOf: path)
        }
        #expect(throws: SafeTensorsError(source: path, subject: .file, reason: "cannot write: No such file or directory")) {
            try SafeTensorsArchive().write(to: path)
        }
    }

    @Test func aDirectoryIsNotReadAsAFile() throws {
        let directory = try makeTemporaryDirectory("sideman-safetensors")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            _ = try SafeTensorsArchive.read(contentsOf: directory.path)
            Issue.record("read a directory")
        } catch {
            #expect(error.description == "\(directory.path): cannot read: not a regular file")
        }
    }
}
