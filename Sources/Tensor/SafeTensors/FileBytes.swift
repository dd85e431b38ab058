// Whole-file reads and atomic writes over POSIX calls. Tensor keeps its own copy of these few
// lines (Arrangement/FileIO.swift has the same for MIDI) because Tensor depends on nothing musical.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the file system refused, as one phrase: `cannot read: No such file or directory`.
struct FileAccessError: Error {
    var reason: String

    /// The error for the current `errno`.
    static func fromErrno(_ operation: String) -> FileAccessError {
        FileAccessError(reason: "cannot \(operation): \(String(cString: strerror(errno)))")
    }
}

/// Reads the whole file at `path`, refusing one larger than `limit` bytes (wraps `open`, `fstat`, `read`).
func readFileBytes(_ path: String, limit: Int) throws(FileAccessError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw .fromErrno("read") }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw .fromErrno("read") }
    guard (status.st_mode & S_IFMT) == S_IFREG else { throw FileAccessError(reason: "cannot read: not a regular file") }
    guard status.st_size <= limit else {
        throw FileAccessError(reason: "the file has \(status.st_size) bytes, more than the limit of \(limit)")
    }
    var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
    var filled = 0
    while filled < bytes.count {
        let result = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress.map { $0 + filled }, $0.count - filled) }
        if result < 0 && errno == EINTR { continue }
        guard result >= 0 else { throw .fromErrno("read") }
        // The file shrank while we read it: keep what was there.
        if result == 0 { return Array(bytes[..<filled]) }
        filled += result
    }
    return bytes
}

/// Writes `bytes` to `path` so that readers see either the old file or the whole new one.
///
/// Writes a temporary file in the same directory, `fsync`s it and `rename`s it over `path`, then
/// syncs the directory; the temporary file is removed on failure.
func writeFileAtomically(_ bytes: [UInt8], to path: String) throws(FileAccessError) {
    let temporary = temporaryPath(beside: path)
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else { throw .fromErrno("write") }
    do throws(FileAccessError) {
        try writeAll(bytes, to: descriptor)
        guard fsync(descriptor) == 0 else { throw .fromErrno("write") }
    } catch {
        close(descriptor)
        unlink(temporary)
        throw error
    }
    guard close(descriptor) == 0, rename(temporary, path) == 0 else {
        let error = FileAccessError.fromErrno("write")
        unlink(temporary)
        throw error
    }
    syncDirectory(containing: path)
}

/// Writes every byte, retrying short writes and interrupted calls.
private func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws(FileAccessError) {
    var written = 0
    while written < bytes.count {
        let result = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress.map { $0 + written }, $0.count - written) }
        if result < 0 && errno == EINTR { continue }
        guard result >= 0 else { throw .fromErrno("write") }
        written += result
    }
}

/// A name for a temporary file next to `path`, unlikely to clash with another writer's.
private func temporaryPath(beside path: String) -> String {
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
    return "\(directory).\(name).\(getpid()).\(suffix).tmp"
}

/// Makes the rename durable by syncing the directory (best effort: the data is already safe).
private func syncDirectory(containing path: String) {
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
    let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    fsync(descriptor)
    close(descriptor)
}
