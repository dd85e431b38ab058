import Testing
@testable import Tensor

/// A malformed file, built by hand, and the one-line refusal the reader must give.
struct MalformedFile: CustomTestStringConvertible, Sendable {
    var what: String
    var bytes: [UInt8]
    var message: String

    var testDescription: String { what }

    /// A file of the 8-byte little-endian header length, the header, and `data` bytes of data.
    init(_ what: String, header: String, data: Int = 0, _ message: String) {
        self.init(what, bytes: Self.file(Array(header.utf8), data: data), message)
    }

    init(_ what: String, bytes: [UInt8], _ message: String) {
        self.what = what
        self.bytes = bytes
        self.message = "model.safetensors: " + message
    }

    static func file(_ header: [UInt8], data: Int = 0, length: UInt64? = nil) -> [UInt8] {
        let length = length ?? UInt64(header.count)
        return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + header + [UInt8](repeating: 7, count: data)
    }

    /// A tensor entry: `"name":{"dtype":…,"shape":…,"data_offsets":…}`.
    static func entry(_ name: String, _ dtype: String = "F32", _ shape: String = "[2]", _ offsets: String = "[0,8]") -> String {
        #""\#(name)":{"dtype":"\#(dtype)","shape":\#(shape),"data_offsets":\#(offsets)}"#
    }
}

private func entry(_ name: String, _ dtype: String = "F32", _ shape: String = "[2]", _ offsets: String = "[0,8]") -> String {
    MalformedFile.entry(name, dtype, shape, offsets)
}

/// Every way a file can be wrong is refused with a typed error whose one line names the file and
/// the tensor or field, and nothing traps.
@Suite struct SafeTensorsMalformedTests {
    static let fileCases: [MalformedFile] = [
        MalformedFile("empty file", bytes: [], "the file has 0 bytes, fewer than the 8 of the header length"),
        MalformedFile("shorter than 8 bytes", bytes: [2, 0, 0], "the file has 3 bytes, fewer than the 8 of the header length"),
        MalformedFile("header length past the end", bytes: MalformedFile.file(Array("{}".utf8), length: 100),
                      "header length 100 runs past the end of the file (2 bytes follow it)"),
        MalformedFile("absurd header length", bytes: MalformedFile.file(Array("{}".utf8), length: .max),
                      "header length 18446744073709551615 is more than the limit of 100000000 bytes"),
        MalformedFile("header length just over the limit", bytes: MalformedFile.file([], length: 100_000_001),
                      "header length 100000001 is more than the limit of 100000000 bytes"),
        MalformedFile("data after the last tensor", header: "{\(entry("a"))}", data: 12, "bytes 8..<12 of data belong to no tensor"),
        MalformedFile("data but no tensors", header: "{}", data: 1, "bytes 0..<1 of data belong to no tensor"),
    ]

    static let headerCases: [MalformedFile] = [
        MalformedFile("empty header", header: "", "header: invalid JSON at byte 0 of the header: the header ends where a value should start"),
        MalformedFile("unfinished JSON", header: #"{"a":"#, "header: invalid JSON at byte 5 of the header: the header ends where a value should start"),
        MalformedFile("missing colon", header: #"{"a" 1}"#, "header: invalid JSON at byte 5 of the header: expected ':' after an object key, found '1'"),
        MalformedFile("trailing comma", header: #"{"a":{},}"#, "header: invalid JSON at byte 8 of the header: expected a string key"),
        MalformedFile("text after the object", header: "{} x", "header: invalid JSON at byte 3 of the header: unexpected text after the JSON value"),
        MalformedFile("NUL padding", header: "{}\0\0", "header: invalid JSON at byte 2 of the header: unexpected text after the JSON value"),
        MalformedFile("unclosed string", header: #"{"abc"#, "header: invalid JSON at byte 1 of the header: a string is not closed"),
        MalformedFile("raw newline in a string", header: "{\"a\nb\":1}", "header: invalid JSON at byte 3 of the header: a control character (byte 0xa) inside a string must be escaped"),
        MalformedFile("bad escape", header: #"{"a\q":1}"#, #"header: invalid JSON at byte 4 of the header: invalid escape \'q'"#),
        MalformedFile("lone surrogate", header: #"{"\udc00":1}"#, #"header: invalid JSON at byte 8 of the header: a lone low surrogate \udc00"#),
        MalformedFile("leading zero", header: #"{"a":01}"#, "header: invalid JSON at byte 5 of the header: a number must not start with 0"),
        MalformedFile("NaN", header: #"{"a":NaN}"#, "header: invalid JSON at byte 5 of the header: unexpected character 'N'"),
        MalformedFile("deep nesting", header: #"{"a":"# + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}",
                      "header: invalid JSON at byte 36 of the header: nesting deeper than 32 levels"),
        MalformedFile("header is an array", header: "[]", "header: is an array, not an object"),
        MalformedFile("header is a string", header: #""{}""#, "header: is a string, not an object"),
    ]

    static let entryCases: [MalformedFile] = [
        MalformedFile("entry not an object", header: #"{"a":3}"#, "tensor 'a': the entry is a number, not an object"),
        MalformedFile("no dtype", header: #"{"a":{"shape":[2],"data_offsets":[0,8]}}"#, data: 8, "tensor 'a': no dtype"),
        MalformedFile("no shape", header: #"{"a":{"dtype":"F32","data_offsets":[0,8]}}"#, data: 8, "tensor 'a': no shape"),
        MalformedFile("no data_offsets", header: #"{"a":{"dtype":"F32","shape":[2]}}"#, data: 8, "tensor 'a': no data_offsets"),
        MalformedFile("dtype not a string", header: #"{"a":{"dtype":4,"shape":[2],"data_offsets":[0,8]}}"#, data: 8,
                      "tensor 'a': dtype is a number, not a string"),
        MalformedFile("unknown dtype", header: "{\(entry("a", "Q8"))}", data: 8, "tensor 'a': unknown dtype 'Q8' (sideman reads F32, F16, BF16 and I8)"),
        MalformedFile("dtype in lower case", header: "{\(entry("a", "f32"))}", data: 8, "tensor 'a': unknown dtype 'f32' (sideman reads F32, F16, BF16 and I8)"),
        MalformedFile("a dtype sideman does not read", header: "{\(entry("a", "F64", "[1]"))}", data: 8,
                      "tensor 'a': unknown dtype 'F64' (sideman reads F32, F16, BF16 and I8)"),
        MalformedFile("shape not an array", header: "{\(entry("a", "F32", #""2""#))}", data: 8, "tensor 'a': shape is a string, not an array"),
        MalformedFile("fractional dimension", header: "{\(entry("a", "F32", "[2.5]"))}", data: 8, "tensor 'a': shape element 0 is 2.5, not a whole number"),
        MalformedFile("dimension written with an exponent", header: "{\(entry("a", "F32", "[1,2e0]"))}", data: 8,
                      "tensor 'a': shape element 1 is 2e0, not a whole number"),
        MalformedFile("dimension too large for 64 bits", header: "{\(entry("a", "F32", "[99999999999999999999]"))}", data: 8,
                      "tensor 'a': shape element 0 is 99999999999999999999, not a whole number"),
        MalformedFile("negative dimension", header: "{\(entry("a", "F32", "[2,-3]"))}", data: 8, "tensor 'a': shape [2, -3] has a negative dimension"),
        MalformedFile("element count overflows", header: "{\(entry("a", "F32", "[4294967296,4294967296,16]"))}", data: 8,
                      "tensor 'a': shape [4294967296, 4294967296, 16] has more elements than any file can hold"),
        MalformedFile("byte count overflows", header: "{\(entry("a", "F32", "[4611686018427387904]"))}", data: 8,
                      "tensor 'a': shape [4611686018427387904] has more elements than any file can hold"),
        MalformedFile("offsets not a pair", header: "{\(entry("a", "F32", "[2]", "[0]"))}", data: 8,
                      "tensor 'a': data_offsets must be an array [begin, end], not [0]"),
        MalformedFile("offsets not an array", header: "{\(entry("a", "F32", "[2]", "{}"))}", data: 8,
                      "tensor 'a': data_offsets must be an array [begin, end], not an object"),
        MalformedFile("offset a string", header: "{\(entry("a", "F32", "[2]", #"[0,"8"]"#))}", data: 8,
                      #"tensor 'a': data_offsets [0,"8"] are not two whole numbers at least 0"#),
        MalformedFile("negative offset", header: "{\(entry("a", "F32", "[2]", "[-8,0]"))}", data: 8,
                      "tensor 'a': data_offsets [-8,0] are not two whole numbers at least 0"),
        MalformedFile("begin after end", header: "{\(entry("a", "F32", "[0]", "[8,0]"))}", data: 8,
                      "tensor 'a': data_offsets [8, 0] begin after they end"),
        MalformedFile("end past the data", header: "{\(entry("blocks.0.qkv.weight", "F32", "[40]", "[100,260]"))}", data: 200,
                      "tensor 'blocks.0.qkv.weight': data_offsets [100, 260] end past the 200 bytes of data"),
        MalformedFile("span differs from the shape", header: "{\(entry("a", "F32", "[2,3]", "[0,20]"))}", data: 20,
                      "tensor 'a': shape [2, 3] of F32 needs 24 bytes but data_offsets [0, 20] hold 20"),
        MalformedFile("field given twice", header: #"{"a":{"dtype":"F32","dtype":"F16","shape":[2],"data_offsets":[0,8]}}"#, data: 8,
                      "tensor 'a': field 'dtype' appears twice"),
        MalformedFile("name given twice", header: "{\(entry("a")),\(entry("a", "F32", "[2]", "[8,16]"))}", data: 16,
                      "tensor 'a': named twice in the header"),
        MalformedFile("name with a newline", header: "{\(entry(#"x\ny"#, "Q8"))}", data: 8,
                      #"tensor 'x\u{a}y': unknown dtype 'Q8' (sideman reads F32, F16, BF16 and I8)"#),
    ]

    static let layoutCases: [MalformedFile] = [
        MalformedFile("overlapping tensors", header: "{\(entry("a", "F32", "[2]", "[0,8]")),\(entry("b", "F32", "[2]", "[4,12]"))}", data: 12,
                      "tensor 'b': data_offsets [4, 12] overlap tensor 'a' at [0, 8]"),
        MalformedFile("the same bytes twice", header: "{\(entry("a")),\(entry("b"))}", data: 8,
                      "tensor 'b': data_offsets [0, 8] overlap tensor 'a' at [0, 8]"),
        MalformedFile("an empty tensor inside another", header: "{\(entry("a")),\(entry("b", "F32", "[0]", "[4,4]"))}", data: 8,
                      "tensor 'b': data_offsets [4, 4] overlap tensor 'a' at [0, 8]"),
        MalformedFile("a gap between tensors", header: "{\(entry("a")),\(entry("b", "F32", "[2]", "[12,20]"))}", data: 20,
                      "tensor 'b': data_offsets [12, 20] leave a gap: bytes 8..<12 of data belong to no tensor"),
        MalformedFile("a gap at the start", header: "{\(entry("a", "F32", "[2]", "[4,12]"))}", data: 12,
                      "tensor 'a': data_offsets [4, 12] leave a gap: bytes 0..<4 of data belong to no tensor"),
    ]

    static let metadataCases: [MalformedFile] = [
        MalformedFile("metadata value a number", header: #"{"__metadata__":{"a":"x","b":1}}"#, "metadata 'b': the value is a number, not a string"),
        MalformedFile("metadata an array", header: #"{"__metadata__":["a"]}"#, "__metadata__: is an array, not an object of strings"),
        MalformedFile("metadata key twice", header: #"{"__metadata__":{"a":"1","a":"2"}}"#, "metadata 'a': the key appears twice"),
        MalformedFile("metadata twice", header: #"{"__metadata__":{},"__metadata__":{}}"#, "__metadata__: appears twice in the header"),
    ]

    static let scaleCases: [MalformedFile] = [
        MalformedFile("I8 scales of the wrong dtype", header: "{\(entry("w", "I8", "[2,2]", "[0,4]")),\(entry("w.scale", "F16", "[2]", "[4,8]"))}", data: 8,
                      "tensor 'w.scale': row scales of I8 tensor 'w' must be F32 of shape [2], not F16 of shape [2]"),
        MalformedFile("I8 scales of the wrong shape", header: "{\(entry("w", "I8", "[2,2]", "[0,4]")),\(entry("w.scale", "F32", "[1]", "[4,8]"))}", data: 8,
                      "tensor 'w.scale': row scales of I8 tensor 'w' must be F32 of shape [2], not F32 of shape [1]"),
        // Data bytes are all 7: 0x07070707 is a positive subnormal, fine; all 0xFF is a NaN.
        MalformedFile("an I8 scale that is NaN", bytes: MalformedFile.file(Array("{\(entry("w", "I8", "[1,2]", "[0,2]")),\(entry("w.scale", "F32", "[1]", "[2,6]"))}".utf8), data: 6)
                        .dropLast(4) + [0xFF, 0xFF, 0xFF, 0xFF],
                      "tensor 'w.scale': scale of row 0 is NaN; a scale must be finite and not negative"),
    ]

    @Test(arguments: fileCases + headerCases + entryCases + layoutCases + metadataCases + scaleCases)
    func malformedFileIsRefusedWithOneLineNamingFileAndPlace(_ file: MalformedFile) {
        do {
            let archive = try SafeTensorsArchive(bytes: file.bytes, source: "model.safetensors")
            Issue.record("read \(archive.names) from a malformed file")
        } catch {
            #expect(error.description == file.message)
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func whatThePythonPackageAcceptsIsAccepted() throws {
        let cases: [(header: String, data: Int, names: [String])] = [
            ("{}", 0, []),
            ("  {}\t\n  ", 0, []),
            (#"{"__metadata__":null}"#, 0, []),
            ("{\(entry("b", "F32", "[2]", "[8,16]")),\(entry("a"))}", 16, ["a", "b"]),  // data order, not header order
            (#"{"a":{"dtype":"F32","shape":[],"data_offsets":[0,4],"extra":[1,{}]}}"#, 4, ["a"]),
            ("{\(entry("e", "F32", "[0,3]", "[0,0]")),\(entry("a"))}", 8, ["e", "a"]),
            (#"{"\u00e9\ud834\udd1e":{"dtype":"I8","shape":[1],"data_offsets":[0,1]}}"#, 1, ["é𝄞"]),
        ]
        for item in cases {
            let archive = try SafeTensorsArchive(bytes: MalformedFile.file(Array(item.header.utf8), data: item.data), source: "ok")
            #expect(archive.names == item.names)
        }
    }

    @Test func everyTruncationOfAGoodFileIsRefusedWithoutATrap() throws {
        var archive = SafeTensorsArchive(metadata: ["k": "v"])
        try archive.add(name: "w", shape: [3, 4], floats: (0..<12).map(Float.init), as: .i8)
        try archive.add(name: "b", shape: [3], floats: [1, 2, 3], as: .bf16)
        let bytes = try archive.serialized()
        for length in 0..<bytes.count {
            #expect(throws: SafeTensorsError.self) { try SafeTensorsArchive(bytes: Array(bytes[..<length]), source: "cut") }
        }
    }

    @Test func everySingleByteChangeInTheHeaderIsReadOrRefusedWithoutATrap() throws {
        var archive = SafeTensorsArchive(metadata: ["k": "v"])
        try archive.add(name: "w", shape: [2, 3], floats: (0..<6).map(Float.init), as: .i8)
        let bytes = try archive.serialized()
        for index in 0..<min(bytes.count, 140) {
            for value: UInt8 in [0, 0x22, 0x2C, 0x30, 0x39, 0x5B, 0x5D, 0x7B, 0x7D, 0x80, 0xFF] {
                var changed = bytes
                changed[index] = value
                _ = try? SafeTensorsArchive(bytes: changed, source: "changed")
            }
        }
    }
}
