/// The tensors and metadata of a safetensors file, held in memory.
///
/// Read one with `read(contentsOf:)` or `init(bytes:source:)` (the reader trusts nothing: see
/// SafeTensorsArchive+Reading.swift), or build one with the `add` methods, then `write(to:)`.
/// Values come out as Floats whatever their dtype (`floats(_:)`, `tensor(_:)`), or, for I8,
/// as the raw int8 rows and scales (`quantizedRows(_:)`, `int8Matrix(_:)`).
///
/// I8 tensors are matrices quantised per row: `add(name:shape:floats:as: .i8)` stores the int8
/// values under `name` and one F32 scale per row under `<name>.scale` (see `scaleName(of:)`).
///
/// Entries keep the order they were read or added in; writing sorts them as the Python package
/// does, so the same tensors and metadata always give the same bytes.
public struct SafeTensorsArchive: Sendable {
    /// One tensor: its name, element type, shape, and its data as stored (little-endian).
    public struct Entry: Equatable, Sendable {
        public let name: String
        public let dtype: SafeTensorsDType
        public let shape: [Int]
        public let bytes: [UInt8]

        /// The number of elements (the shape's product; 1 for a scalar).
        public var count: Int { shape.reduce(1, *) }
    }

    /// The `__metadata__` map: free text about the file (architecture, version, training data…).
    public var metadata: [String: String]
    public private(set) var entries: [Entry] = []
    /// The file's path or the name given to its bytes, for messages; nil when built in memory.
    public let source: String?
    private var indexByName: [String: Int] = [:]

    /// An empty archive, to fill with the `add` methods.
    public init(metadata: [String: String] = [:]) {
        self.metadata = metadata
        source = nil
    }

    init(metadata: [String: String], entries: [Entry], source: String?) {
        self.metadata = metadata
        self.source = source
        for entry in entries { append(entry) }
    }

    /// The key the header reserves for the metadata map, which no tensor may take.
    public static let metadataKey = "__metadata__"

    /// The name of the F32 tensor holding the per-row scales of the I8 tensor `name`.
    public static func scaleName(of name: String) -> String { name + ".scale" }

    public var names: [String] { entries.map(\.name) }

    public func entry(_ name: String) -> Entry? { indexByName[name].map { entries[$0] } }

    /// Appends an entry whose name the caller has checked is new.
    mutating func append(_ entry: Entry) {
        indexByName[entry.name] = entries.count
        entries.append(entry)
    }

    func error(_ subject: SafeTensorsError.Subject, _ reason: String) -> SafeTensorsError {
        SafeTensorsError(source: source, subject: subject, reason: reason)
    }

    /// The entry named `name`, or an error saying it is not there.
    func requireEntry(_ name: String) throws(SafeTensorsError) -> Entry {
        guard let entry = entry(name) else { throw error(.tensor(name), "no such tensor") }
        return entry
    }
}

/// The rows of an I8 tensor: every dimension but the last (a scalar or a vector is one row).
func quantizedRowCount(_ shape: [Int]) -> Int { shape.dropLast().reduce(1, *) }

/// A shape as the header writes it: `[2, 3]`.
func shapeText(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
