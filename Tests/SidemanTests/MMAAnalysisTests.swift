import Foundation
import TestSupport
import Testing

/// `analyze` on MIDI that another program wrote: Debian's mma renders random charts with
/// walking-bass, arpeggio and comping grooves in 3/4, 4/4 and 6/8, and at least 90% of the chord
/// changes must come back with the right root (Scripts/mma_roots.py says how it is counted).
@Suite(.enabled(if: findExecutable("mma") != nil || externalToolsRequired, "mma is not installed (make test installs it)"))
struct MMAAnalysisTests {
    @Test func analyzeRecoversTheRootsOfMMAsChords() throws {
        #expect(findExecutable("mma") != nil, "mma is not installed (make test installs it)")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts/mma_roots.py").path
        let result = try runProcess("/usr/bin/env", ["python3", script, "--sideman", sidemanExecutable, "--charts", "60", "--min-share", "0.9"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("all 60 charts"), "\(result.stdout)")
    }
}
