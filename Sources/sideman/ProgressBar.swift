import Dispatch
import Foundation

/// A one-line progress bar on stderr, redrawn in place: done of total, rate, time left, and
/// whatever figures the caller adds. Draws at most ten times a second.
final class ProgressBar {
    private let total: Int
    private let unit: String
    private let started = DispatchTime.now().uptimeNanoseconds
    private var lastDrawn: UInt64 = 0
    private let startCount: Int

    init(total: Int, unit: String, startingAt: Int = 0) {
        self.total = total
        self.unit = unit
        startCount = startingAt
    }

    func update(_ done: Int, _ figures: String = "", force: Bool = false) {
        let now = DispatchTime.now().uptimeNanoseconds
        guard force || now - lastDrawn > 100_000_000 else { return }
        lastDrawn = now
        let elapsed = Double(now - started) / 1e9
        let rate = elapsed > 0 ? Double(done - startCount) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let width = 24, filled = total > 0 ? min(width, width * done / total) : width
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        let line = "[\(bar)] \(done)/\(total) \(unit)  \(String(format: "%.1f", rate)) \(unit)/s  ETA \(Self.clock(left))  \(figures)"
        FileHandle.standardError.write(Data(("\r" + line + "\u{1B}[K").utf8))
    }

    func finish() { FileHandle.standardError.write(Data("\n".utf8)) }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
    }
}
