import Foundation

/// A small seeded random number generator (SplitMix64), so generated test inputs repeat exactly.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A fresh empty directory under the system temporary directory, for files a test writes.
public func makeTemporaryDirectory(_ name: String = "sideman-test") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// The result of running a program to completion.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs `executable` with `arguments`, feeding nothing on stdin, and collects its output.
public func runProcess(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                       currentDirectory: URL? = nil) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes before waiting, so a chatty child cannot fill a pipe and stall.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

/// The full path of a program on PATH, or nil.
public func findExecutable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
        let candidate = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// A Python script that exited with a failure, and what it printed to standard error.
public struct PythonScriptFailed: Error, CustomStringConvertible {
    public var description: String
}

/// Runs `script` with the first python3 on PATH (`make test` puts the .venv with the tests' Python
/// packages first), `arguments` as `sys.argv[1...]`; returns its standard output.
@discardableResult
public func runPython(_ script: String, _ arguments: [String] = []) throws -> String {
    let result = try runProcess("/usr/bin/env", ["python3", "-c", script] + arguments)
    guard result.status == 0 else { throw PythonScriptFailed(description: result.stderr) }
    return result.stdout
}

/// Whether that python3 can import every one of `modules`.
public func pythonCanImport(_ modules: String...) -> Bool {
    (try? runPython("import " + modules.joined(separator: ", "))) != nil
}

/// Whether the test command asked that every external tool be present (`make test` sets
/// SIDEMAN_REQUIRE_TOOLS=1, so CI fails rather than skips when an install step is missing).
public var externalToolsRequired: Bool { ProcessInfo.processInfo.environment["SIDEMAN_REQUIRE_TOOLS"] == "1" }

/// The `sideman` executable of this build: beside the test bundle, where SwiftPM puts products.
public var sidemanExecutable: String {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = testBinary.deletingLastPathComponent()
    // Inside a bundle (…/sidemanPackageTests.xctest/…) the products sit beside the bundle.
    while directory.path.contains(".xctest") { directory = directory.deletingLastPathComponent() }
    return directory.appendingPathComponent("sideman").path
}

/// Runs `sideman` with `arguments`.
public func sideman(_ arguments: String..., environment: [String: String]? = nil) throws -> ProcessResult {
    try runProcess(sidemanExecutable, arguments, environment: environment)
}
