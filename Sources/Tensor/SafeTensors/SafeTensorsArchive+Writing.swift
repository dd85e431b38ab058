extension SafeTensorsArchive {
    /// The archive as the bytes of a safetensors file.
    ///
    /// As the Python package writes it: the header is compact JSON with `__metadata__` first
    /// (left out when empty) and padded with spaces to a multiple of 8 bytes; tensors follow in
    /// order of dtype, widest first (F32, BF16, F16, I8), then by name, packed without gaps. The
    /// metadata keys are sorted (Python's order is a hash map's, which changes from run to run),
    /// so the same tensors and metadata always give the same bytes. Throws only when the header
    /// would exceed `headerSizeLimit`, which readers refuse.
    public func serialized() throws(SafeTensorsError) -> [UInt8] {
        let ordered = entries.sorted(by: writesBefore)
        var header = JSONWriter.encoded(headerJSON(ordered))
        header += [UInt8](repeating: UInt8(ascii: " "), count: (8 - header.count % 8) % 8)
        guard header.count <= Self.headerSizeLimit else {
            throw error(.header, "\(header.count) bytes, more than the limit of \(Self.headerSizeLimit) that readers accept")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + header.count + ordered.reduce(0) { $0 + $1.bytes.count })
        appendLittleEndian(UInt64(header.count), to: &bytes)
        bytes += header
        for entry in ordered { bytes += entry.bytes }
        return bytes
    }

    /// Writes the archive to `path` atomically: a temporary file in the same directory, synced to
    /// disk, then renamed over `path` (see `serialized()` for the bytes).
    ///
    /// Throws with the path when the file system refuses.
    public func write(to path: String) throws(SafeTensorsError) {
        let bytes = try serialized()
        do {
            try writeFileAtomically(bytes, to: path)
        } catch {
            throw SafeTensorsError(source: path, subject: .file, reason: error.reason)
        }
    }

    /// The header for entries in data order, with their offsets.
    private func headerJSON(_ ordered: [Entry]) -> JSONValue {
        var members: [JSONMember] = []
        if !metadata.isEmpty {
            let pairs = metadata.sorted { utf8Precedes($0.key, $1.key) }
            members.append(JSONMember(key: Self.metadataKey, value: .object(pairs.map { JSONMember(key: $0.key, value: .string($0.value)) })))
        }
        var offset = 0
        for entry in ordered {
            let end = offset + entry.bytes.count
            members.append(JSONMember(key: entry.name, value: .object([
                JSONMember(key: "dtype", value: .string(entry.dtype.rawValue)),
                JSONMember(key: "shape", value: .array(entry.shape.map { .integer($0) })),
                JSONMember(key: "data_offsets", value: .array([.integer(offset), .integer(end)])),
            ])))
            offset = end
        }
        return .object(members)
    }
}

/// The Python package's order: wider dtypes first (which keeps every tensor aligned to its
/// element size when the data starts on 8 bytes), then names by their UTF-8 bytes.
private func writesBefore(_ a: SafeTensorsArchive.Entry, _ b: SafeTensorsArchive.Entry) -> Bool {
    if a.dtype != b.dtype { return a.dtype.pythonWriteRank > b.dtype.pythonWriteRank }
    return utf8Precedes(a.name, b.name)
}

/// Byte-wise order of the UTF-8 encodings, as Rust compares strings.
private func utf8Precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
