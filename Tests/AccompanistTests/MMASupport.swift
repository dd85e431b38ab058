@testable import Accompanist
import Arrangement
import Foundation
import MusicTheory
import TestSupport
import Testing

/// Tests that render through mma run when it is installed, and fail without it when the test
/// command requires every tool (`make test` sets SIDEMAN_REQUIRE_TOOLS=1).
let mmaAvailable = findExecutable("mma") != nil || externalToolsRequired

/// A runner over the installed mma, with a fresh scratch directory.
func makeRunner() throws -> MMARunner {
    let mma = try #require(findExecutable("mma"), "mma is not installed (make test installs it)")
    return MMARunner(executable: mma, directory: try makeTemporaryDirectory("sideman-mma"))
}
