import Accompanist
import Dispatch
import Foundation
import MusicTheory

/// The whole-process time of `sideman generate` against `mma` on the same 16-bar charts, each
/// run as its own process (model load and all), alternating, median of the runs.
enum GenerateTiming {
    struct Figures {
        let charts: Int
        let sidemanMilliseconds: Double
        let mmaMilliseconds: Double
        var ratio: Double { sidemanMilliseconds / mmaMilliseconds }
    }

    static func measure(_ examples: [TrainingExample], charts: Int, runs: Int, model: String?, mma: String) throws -> Figures {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sideman-timing-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sideman = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var ours: [Double] = [], theirs: [Double] = []
        var used = 0
        for example in examples where used < charts {
            guard var chart = try? ChartParser.parse(example.chart), let family = GrooveCatalog.family(ofGroove: example.groove) else { continue }
            chart.bars += chart.bars  // 16 bars
            let chartPath = "\(directory)/\(used).chart", mmaPath = "\(directory)/\(used).mma"
            try ChartPrinter.print(chart).write(toFile: chartPath, atomically: true, encoding: .utf8)
            try MMAScript.source(chart: chart, family: family, groove: example.groove, tempo: chart.tempo, seed: 1, comment: example.id)
                .write(toFile: mmaPath, atomically: true, encoding: .utf8)
            var generate = [sideman, "generate", "--chart", chartPath, "--out", "\(directory)/\(used).sideman.mid", "--engine", "model"]
            if let model { generate += ["--model", model] }
            for _ in 0..<runs {
                ours.append(try time(generate))
                theirs.append(try time([mma, "-f", "\(directory)/\(used).mma.mid", mmaPath]))
            }
            used += 1
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        guard used > 0 else { throw CommandFailure("no held-out chart could be timed") }
        return Figures(charts: used, sidemanMilliseconds: median(ours), mmaMilliseconds: median(theirs))
    }

    /// Wall time of one process, in milliseconds; a failure is an error with its command.
    static func time(_ command: [String]) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let started = DispatchTime.now().uptimeNanoseconds
        try process.run()
        process.waitUntilExit()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        guard process.terminationStatus == 0 else { throw CommandFailure("\(command.joined(separator: " ")) failed (exit \(process.terminationStatus))") }
        return elapsed
    }
}
