// libFuzzer target for the chart reader: `make fuzz` builds it with -sanitize=fuzzer,address and
// runs it (see the README).
import FuzzSupport
import MusicTheory

/// Reads the bytes as chart text; a chart that reads must print and read back equal, with every
/// bar filling its meter, and must transpose without losing a beat. Errors are expected.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChart(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let chart = try? Chart(parsing: text) else { return 0 }
    precondition(chart.bars.allSatisfy { $0.beats == chart.meter.beats }, "a bar does not fill its meter")
    guard let reread = try? Chart(parsing: chart.text) else { preconditionFailure("normalised text does not read back:\n\(chart.text)") }
    precondition(reread == chart, "normalised text reads back different:\n\(chart.text)")
    let moved = chart.transposed(bySemitones: 5)
    precondition(moved.bars.map { $0.spans.map(\.beats) } == chart.bars.map { $0.spans.map(\.beats) }, "transposition moved a beat")
    return 0
}

runFuzzer(name: "fuzz-chart") { data, size in data.map { fuzzChart($0, size) } ?? 0 }
