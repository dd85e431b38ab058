#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file that could not be read or written: the path, what was being done, and why.
///
/// `description` is one line, `cannot write /a/b.mid: Permission denied`.
public struct FileIOError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What was being done when the file system refused.
    public enum Operation: String, Sendable {
        case read
        case write
    }

    public var path: String
    public var operation: Operation
    /// `strerror`'s text, or a sentence of our own for limits we impose.
    public var detail: String
    /// The `errno` value, when the error came from the C library.
    public var code: Int32?

    public init(path: String, operation: Operation, detail: String, code: Int32? = nil) {
        self.path = path
        self.operation = operation
        self.detail = detail
        self.code = code
    }

    /// The error for the current `errno`.
    static func fromErrno(_ path: String, _ operation: Operation) -> FileIOError {
        let code = errno
        return FileIOError(path: path, operation: operation, detail: String(cString: strerror(code)), code: code)
    }

    public var description: String { "cannot \(operation.rawValue) \(path): \(detail)" }
}

/// Writes `bytes` to `path` so that readers see either the old file or the whole new one.
///
/// Writes a temporary file in the same directory, `fsync`s it, `rename`s it over `path` and syncs
/// the directory (wraps `open`, `write`, `fsync`, `rename`); the temporary file is removed on failure.
/// The new file's mode is 0666 less the umask.
public func writeFileAtomically(_ bytes: [UInt8], to path: String) throws(FileIOError) {
    let temporary = temporaryPath(beside: path)
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else { throw .fromErrno(path, .write) }
    do throws(FileIOError) {
        try writeAll(bytes, to: descriptor, path: path)
        guard fsync(descriptor) == 0 else { throw .fromErrno(path, .write) }
    } catch {
        close(descriptor)
        unlink(temporary)
        throw error
    }
    guard close(descriptor) == 0, rename(temporary, path) == 0 else {
        let error = FileIOError.fromErrno(path, .write)
        unlink(temporary)
        throw error
    }
    syncDirectory(containing: path)
}

/// Makes the rename itself durable by syncing the directory (best effort: some file systems
/// refuse to open a directory for this, and the data is already safe in the file).
private func syncDirectory(containing path: String) {
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
    let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    fsync(descriptor)
    close(descriptor)
}

/// Reads the whole file at `path`, refusing one larger than `limit` bytes.
///
/// Wraps `open`, `fstat` and `read`. A missing file throws
/// `cannot read PATH: No such file or directory`.
public func readFileBytes(_ path: String, limit: Int = 256 << 20) throws(FileIOError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw .fromErrno(path, .read) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw .fromErrno(path, .read) }
    if (status.st_mode & S_IFMT) == S_IFDIR {
        throw FileIOError(path: path, operation: .read, detail: "Is a directory", code: EISDIR)
    }
    if status.st_size > limit { throw tooLarge(path, size: Int(status.st_size), limit: limit) }
    return try readAll(descriptor, path: path, limit: limit)
}

/// A name for a temporary file next to `path`, unlikely to clash with another writer's.
private func temporaryPath(beside path: String) -> String {
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
    return "\(directory).\(name).\(getpid()).\(suffix).tmp"
}

/// Writes every byte, retrying short writes and interrupted calls.
private func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(FileIOError) {
    var written = 0
    while written < bytes.count {
        let result = bytes.withUnsafeBytes { buffer in
            write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
        }
        if result < 0 {
            if errno == EINTR { continue }
            throw .fromErrno(path, .write)
        }
        written += result
    }
}

/// Reads to the end of the file, failing once more than `limit` bytes have come.
private func readAll(_ descriptor: Int32, path: String, limit: Int) throws(FileIOError) -> [UInt8] {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let result = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if result < 0 {
            if errno == EINTR { continue }
            throw .fromErrno(path, .read)
        }
        if result == 0 { return bytes }
        bytes.append(contentsOf: buffer[0..<result])
        if bytes.count > limit { throw tooLarge(path, size: bytes.count, limit: limit) }
    }
}

/// The error for a file over the size limit.
private func tooLarge(_ path: String, size: Int, limit: Int) -> FileIOError {
    FileIOError(path: path, operation: .read, detail: "the file has \(size) bytes, more than the limit of \(limit)")
}
