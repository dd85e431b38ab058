// libFuzzer target for the Standard MIDI File reader and the chord analysis that reads its
// notes: `make fuzz` builds it with -sanitize=fuzzer,address and runs it (see the README).
import Arrangement
import FuzzSupport

/// Reads the bytes as a MIDI file; one that reads must survive a write and read back equal, and
/// its analysis must give whole bars. A crash, a trap or a failed check is what the fuzzer reports.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMIDI(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let file = try? MIDIFile(bytes: bytes) else { return 0 }
    let written = file.bytes()
    guard let reread = try? MIDIFile(bytes: written) else {
        preconditionFailure("the writer's bytes do not read back: \(written)")
    }
    precondition(reread == file, "a written file reads back different")
    if let analysis = try? ChordAnalysis(midi: file) {
        precondition(analysis.bars.allSatisfy { $0.beats == analysis.meter.beats }, "an analysed bar does not fill its meter")
    }
    return 0
}

runFuzzer(name: "fuzz-midi") { data, size in data.map { fuzzMIDI($0, size) } ?? 0 }
