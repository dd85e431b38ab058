// Hands a fuzz target to libFuzzer when the build has it (-sanitize=fuzzer), so each fuzzer's
// main.swift is only its test.
//
// SwiftPM makes a fuzzer's top-level code the program's main in both builds, so libFuzzer's own
// main never runs; under -sanitize=fuzzer we call its driver instead, and in a plain build, where
// the driver is absent, we only say how to fuzz.
#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's `int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *, size_t))`,
/// linked in only under -sanitize=fuzzer.
///
/// Public and `@_weakLinked`, so the reference is weak and a plain build links with a null
/// address; the callback travels as a raw pointer to keep the declaration simple.
@_weakLinked @_silgen_name("LLVMFuzzerRunDriver")
public func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ testOneInput: UnsafeRawPointer
) -> CInt

/// A function value in a concrete field, so it is stored as written: its first word is the
/// function's address.
struct FuzzerDriverReference {
    let driver: (
        UnsafeMutablePointer<CInt>,
        UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        UnsafeRawPointer
    ) -> CInt
}

/// Whether the weak reference to libFuzzer's driver was resolved.
///
/// `#_hasSymbol` cannot say (it does not see a declaration in this module as weak), and in Swift 6
/// mode converting the declaration to `@convention(thin)` crashes the compiler, so this reads the
/// address out of a function value.
func fuzzerDriverIsLinked() -> Bool {
    let reference = FuzzerDriverReference(driver: runFuzzerDriver)
    return withUnsafeBytes(of: reference) { $0.load(as: UInt.self) } != 0
}

/// A fuzz test as libFuzzer calls it: the input's bytes and their count; returns 0.
public typealias FuzzTest = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

/// Runs `test` under libFuzzer with the process's arguments and exits with its status; in a plain
/// build prints how to fuzz `name` and returns.
public func runFuzzer(name: String, _ test: FuzzTest) {
    guard fuzzerDriverIsLinked() else {
        print("\(name): build with -sanitize=fuzzer to fuzz (make fuzz; see the README)")
        return
    }
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runFuzzerDriver(&argc, &argv, unsafeBitCast(test, to: UnsafeRawPointer.self)))
}
