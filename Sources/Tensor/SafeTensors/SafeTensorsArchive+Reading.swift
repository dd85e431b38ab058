// The reader trusts nothing in the file, as ggml's gguf.cpp does not: the header length is checked
// against the bytes there are, the header must be strict JSON, every tensor entry must have a
// known dtype, a shape of whole non-negative numbers whose byte size matches its data_offsets, and
// offsets inside the data; the tensors must cover the data exactly, without gaps or overlaps (as
// the Python package requires). All arithmetic on numbers from the file is overflow-checked, and
// every refusal is a `SafeTensorsError` naming the file and the tensor or field.

extension SafeTensorsArchive {
    /// The largest header the Python package reads (its MAX_HEADER_SIZE); we write and read no larger.
    public static let headerSizeLimit = 100_000_000

    /// The largest file `read(contentsOf:)` takes: far beyond sideman's models (a few tens of MB),
    /// small enough to hold in memory twice while it is split into tensors.
    public static let fileSizeLimit = 4 << 30

    /// Reads the safetensors file at `path` (see `init(bytes:source:)`).
    ///
    /// Throws a `SafeTensorsError` whose description starts with the path.
    public static func read(contentsOf path: String) throws(SafeTensorsError) -> SafeTensorsArchive {
        let bytes: [UInt8]
        do {
            bytes = try readFileBytes(path, limit: fileSizeLimit)
        } catch {
            throw SafeTensorsError(source: path, subject: .file, reason: error.reason)
        }
        return try SafeTensorsArchive(bytes: bytes, source: path)
    }

    /// Parses the bytes of a safetensors file; `source` names it in errors.
    ///
    /// Entries come in the order of their data. Besides the format's rules, refuses dtypes other
    /// than F32, F16, BF16 and I8, names given twice, and an I8 tensor's `<name>.scale` that is not
    /// F32 of shape [rows] with finite, non-negative scales. Time: O(bytes); the tensors' data is
    /// copied once.
    public init(bytes: [UInt8], source: String) throws(SafeTensorsError) {
        let reader = HeaderReader(source: source)
        let dataStart = try reader.dataStart(bytes)
        let header = try reader.parse(Array(bytes[8..<dataStart]))
        let dataSize = bytes.count - dataStart
        let (metadata, tensors) = try reader.contents(header, dataSize: dataSize)
        let ordered = try reader.checkLayout(tensors, dataSize: dataSize)
        let entries = ordered.map { tensor in
            Entry(name: tensor.name, dtype: tensor.dtype, shape: tensor.shape,
                  bytes: Array(bytes[dataStart + tensor.begin..<dataStart + tensor.end]))
        }
        self.init(metadata: metadata, entries: entries, source: source)
        try checkScalePairs()
    }

    /// Checks the scales of every I8 tensor that has them (one without is read, but cannot be dequantised).
    private func checkScalePairs() throws(SafeTensorsError) {
        for entry in entries where entry.dtype == .i8 {
            guard let scales = self.entry(Self.scaleName(of: entry.name)) else { continue }
            _ = try checkedScales(scales, rows: quantizedRowCount(entry.shape), of: entry.name)
        }
    }
}

/// A tensor as the header declares it, checked on its own.
private struct DeclaredTensor {
    var name: String
    var dtype: SafeTensorsDType
    var shape: [Int]
    var begin: Int
    var end: Int
}

/// The checks on the header, each throwing an error that names the file.
private struct HeaderReader {
    let source: String

    func error(_ subject: SafeTensorsError.Subject, _ reason: String) -> SafeTensorsError {
        SafeTensorsError(source: source, subject: subject, reason: reason)
    }

    /// Where the data starts: after the 8-byte header length and the header it gives.
    func dataStart(_ bytes: [UInt8]) throws(SafeTensorsError) -> Int {
        guard bytes.count >= 8 else {
            throw error(.file, "the file has \(bytes.count) bytes, fewer than the 8 of the header length")
        }
        let length = bytes[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length <= UInt64(SafeTensorsArchive.headerSizeLimit) else {
            throw error(.file, "header length \(length) is more than the limit of \(SafeTensorsArchive.headerSizeLimit) bytes")
        }
        guard length <= UInt64(bytes.count - 8) else {
            throw error(.file, "header length \(length) runs past the end of the file (\(bytes.count - 8) bytes follow it)")
        }
        return 8 + Int(length)
    }

    func parse(_ header: [UInt8]) throws(SafeTensorsError) -> [JSONMember] {
        let value: JSONValue
        do {
            value = try JSONParser.parse(header)
        } catch {
            throw self.error(.header, "invalid JSON at byte \(error.offset) of the header: \(error.reason)")
        }
        guard case .object(let members) = value else { throw error(.header, "is \(value.kind), not an object") }
        return members
    }

    /// The metadata map and the tensors the header declares, each entry checked on its own.
    func contents(_ members: [JSONMember], dataSize: Int) throws(SafeTensorsError) -> ([String: String], [DeclaredTensor]) {
        var metadata: [String: String]? = nil
        var tensors: [DeclaredTensor] = []
        var seen = Set<String>()
        for member in members {
            if member.key == SafeTensorsArchive.metadataKey {
                guard metadata == nil else { throw error(.metadata(nil), "appears twice in the header") }
                metadata = try metadataMap(member.value)
                continue
            }
            guard seen.insert(member.key).inserted else { throw error(.tensor(member.key), "named twice in the header") }
            tensors.append(try tensor(member.key, member.value, dataSize: dataSize))
        }
        return (metadata ?? [:], tensors)
    }

    /// `__metadata__`: an object whose values are strings (or null, which the Python package takes as none).
    private func metadataMap(_ value: JSONValue) throws(SafeTensorsError) -> [String: String] {
        if case .null = value { return [:] }
        guard case .object(let members) = value else {
            throw error(.metadata(nil), "is \(value.kind), not an object of strings")
        }
        var map: [String: String] = [:]
        for member in members {
            guard case .string(let text) = member.value else {
                throw error(.metadata(member.key), "the value is \(member.value.kind), not a string")
            }
            guard map.updateValue(text, forKey: member.key) == nil else {
                throw error(.metadata(member.key), "the key appears twice")
            }
        }
        return map
    }
}

// MARK: - One tensor's entry

extension HeaderReader {
    /// One tensor's entry: `{"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}`; other
    /// fields are ignored, as the Python package ignores them.
    private func tensor(_ name: String, _ value: JSONValue, dataSize: Int) throws(SafeTensorsError) -> DeclaredTensor {
        guard case .object(let members) = value else { throw error(.tensor(name), "the entry is \(value.kind), not an object") }
        var fields: [String: JSONValue] = [:]
        for member in members where fields.updateValue(member.value, forKey: member.key) != nil {
            throw error(.tensor(name), "field \(quotedName(member.key)) appears twice")
        }
        let dtype = try self.dtype(fields["dtype"], name)
        let shape = try self.shape(fields["shape"], name)
        let (begin, end) = try offsets(fields["data_offsets"], name, dataSize: dataSize)
        guard let elements = checkedProduct(shape),
              case let (size, overflow) = elements.multipliedReportingOverflow(by: dtype.size), !overflow
        else {
            throw error(.tensor(name), "shape \(shapeText(shape)) has more elements than any file can hold")
        }
        guard end - begin == size else {
            throw error(.tensor(name), "shape \(shapeText(shape)) of \(dtype.rawValue) needs \(size) bytes "
                + "but data_offsets [\(begin), \(end)] hold \(end - begin)")
        }
        return DeclaredTensor(name: name, dtype: dtype, shape: shape, begin: begin, end: end)
    }

    private func dtype(_ value: JSONValue?, _ name: String) throws(SafeTensorsError) -> SafeTensorsDType {
        guard let value else { throw error(.tensor(name), "no dtype") }
        guard case .string(let text) = value else { throw error(.tensor(name), "dtype is \(value.kind), not a string") }
        guard let dtype = SafeTensorsDType(rawValue: text) else {
            throw error(.tensor(name), "unknown dtype \(quotedName(text)) (sideman reads \(SafeTensorsDType.listed))")
        }
        return dtype
    }

    private func shape(_ value: JSONValue?, _ name: String) throws(SafeTensorsError) -> [Int] {
        guard let value else { throw error(.tensor(name), "no shape") }
        guard case .array(let elements) = value else { throw error(.tensor(name), "shape is \(value.kind), not an array") }
        var shape: [Int] = []
        for element in elements {
            guard case .integer(let dimension) = element else {
                throw error(.tensor(name), "shape element \(shape.count) is \(describe(element)), not a whole number")
            }
            shape.append(dimension)
        }
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw error(.tensor(name), "shape \(shapeText(shape)) has a negative dimension")
        }
        return shape
    }

    /// `data_offsets`: [begin, end], relative to the start of the data, within it.
    private func offsets(_ value: JSONValue?, _ name: String, dataSize: Int) throws(SafeTensorsError) -> (Int, Int) {
        guard let value else { throw error(.tensor(name), "no data_offsets") }
        guard case .array(let elements) = value, elements.count == 2 else {
            throw error(.tensor(name), "data_offsets must be an array [begin, end], not \(describe(value))")
        }
        guard case .integer(let begin) = elements[0], case .integer(let end) = elements[1], begin >= 0, end >= 0 else {
            throw error(.tensor(name), "data_offsets \(describe(value)) are not two whole numbers at least 0")
        }
        guard begin <= end else { throw error(.tensor(name), "data_offsets [\(begin), \(end)] begin after they end") }
        guard end <= dataSize else {
            throw error(.tensor(name), "data_offsets [\(begin), \(end)] end past the \(dataSize) bytes of data")
        }
        return (begin, end)
    }

    /// A value for a message: numbers and short arrays as written, other kinds by kind.
    private func describe(_ value: JSONValue) -> String {
        switch value {
        case .integer, .number: return value.text
        case .array(let elements) where elements.count <= 4: return value.text
        default: return value.kind
        }
    }
}

// MARK: - The layout of the data

extension HeaderReader {
    /// The tensors in data order, checked to cover the data exactly: each starts where the one
    /// before ends (no overlap, no gap), and the last ends at the end of the file.
    func checkLayout(_ tensors: [DeclaredTensor], dataSize: Int) throws(SafeTensorsError) -> [DeclaredTensor] {
        let ordered = tensors.sorted { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var covered = 0
        var previous: DeclaredTensor? = nil
        for tensor in ordered {
            if tensor.begin < covered, let previous {
                throw error(.tensor(tensor.name), "data_offsets [\(tensor.begin), \(tensor.end)] overlap tensor "
                    + "\(quotedName(previous.name)) at [\(previous.begin), \(previous.end)]")
            }
            if tensor.begin > covered {
                throw error(.tensor(tensor.name), "data_offsets [\(tensor.begin), \(tensor.end)] leave a gap: "
                    + "bytes \(covered)..<\(tensor.begin) of data belong to no tensor")
            }
            covered = tensor.end
            previous = tensor
        }
        guard covered == dataSize else {
            throw error(.file, "bytes \(covered)..<\(dataSize) of data belong to no tensor")
        }
        return ordered
    }
}
