import Dispatch
import Foundation

/// A one-line progress bar on stderr: done of all, rate, time left, and whatever figures the
/// caller adds. On a terminal it redraws in place, at most ten times a second; otherwise (a log
/// file, CI) it prints a line every tenth of the way, so logs stay readable.
final class ProgressBar {
    private var total: Int
    private let unit: String
    private let started = DispatchTime.now().uptimeNanoseconds
    private let startCount: Int
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var lastDrawn: UInt64 = 0
    private var lastTenth = -1
    private var drawn = false

    init(total: Int, unit: String, startingAt: Int = 0) {
        self.total = total
        self.unit = unit
        startCount = startingAt
    }

    /// Shows `done` of the total (which may be revised); `force` draws now whatever the interval.
    func update(_ done: Int, _ figures: String = "", total newTotal: Int? = nil, force: Bool = false) {
        if let newTotal { total = newTotal }
        let now = DispatchTime.now().uptimeNanoseconds
        let fraction = Double(done) / Double(max(total, 1))
        if isTerminal {
            guard force || done == total || now - lastDrawn > 100_000_000 else { return }
            lastDrawn = now
        } else {
            let tenth = Int(fraction * 10)
            guard force || tenth > lastTenth else { return }
            lastTenth = tenth
        }
        let elapsed = Double(now - started) / 1e9
        let rate = elapsed > 0 ? Double(done - startCount) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let width = 24, filled = min(width, Int(fraction * Double(width)))
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        let line = "[\(bar)] \(done)/\(total) \(unit)  \(String(format: "%.1f", rate)) \(unit)/s  ETA \(Self.clock(left))  \(figures)"
        FileHandle.standardError.write(Data((isTerminal ? "\r" + line + "\u{1B}[K" : line + "\n").utf8))
        drawn = isTerminal
    }

    /// Ends the line a terminal bar was drawn on.
    func finish() {
        if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
        drawn = false
    }

    /// `1:05:09` or `4:07`.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(secs))" : "\(minutes):\(two(secs))"
    }
}
