import Arrangement
import MusicTheory

/// Reading the user's files, with errors that name the file.
enum FileInput {
    /// The text of a chart file, or a one-line failure naming it.
    static func text(at path: String) throws -> String {
        let bytes: [UInt8]
        do {
            bytes = try readFileBytes(path, limit: 16 << 20)
        } catch {
            throw CommandFailure(error.description)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CommandFailure("\(path): not UTF-8 text")
        }
        return text
    }

    /// A parsed chart; a bad one fails with its first problem as `FILE:LINE:COLUMN: message`.
    static func chart(at path: String) throws -> Chart {
        do {
            return try Chart(parsing: try text(at: path))
        } catch let failure as ChartParseFailure {
            throw CommandFailure("\(path):\(failure)")
        }
    }

    static func midi(at path: String) throws -> MIDIFile {
        do {
            return try MIDIFile.read(contentsOf: path)
        } catch {
            throw CommandFailure(String(describing: error))
        }
    }
}
