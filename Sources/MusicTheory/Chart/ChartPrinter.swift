/// Writes a chart in the normalised text form: header fields, then bars four to a line, a line
/// of its own for each section mark, canonical chord names, and each bar in as few tokens as the
/// split rule allows (`%` for a bar that repeats the one before).
public enum ChartPrinter {
    public static let barsPerLine = 4

    public static func print(_ chart: Chart) -> String {
        var lines: [String] = []
        if let title = chart.title { lines.append(headerLine("title", title)) }
        if let key = chart.key { lines.append(headerLine("key", key.description)) }
        lines.append(headerLine("meter", chart.meter.description))
        lines.append(headerLine("tempo", format(tempo: chart.tempo)))
        if let style = chart.style { lines.append(headerLine("style", style)) }
        for field in chart.otherFields { lines.append(headerLine(field.name, field.value)) }
        lines.append("")

        var row: [String] = []
        func flushRow() {
            if !row.isEmpty { lines.append("| " + row.joined(separator: " | ") + " |") }
            row = []
        }
        var previous: ChartBar?
        for bar in chart.bars {
            if let section = bar.section {
                flushRow()
                lines.append("[\(section)]")
            }
            row.append(barText(bar, previous: previous, meter: chart.meter))
            if row.count == barsPerLine { flushRow() }
            previous = bar
        }
        flushRow()
        return lines.joined(separator: "\n") + "\n"
    }

    /// `name: value`, without the space when the value starts with `#` (which after a space would
    /// start a comment).
    static func headerLine(_ name: String, _ value: String) -> String {
        value.hasPrefix("#") ? "\(name):\(value)" : "\(name): \(value)"
    }

    /// `120`, or `92.5` when the tempo is not whole.
    public static func format(tempo: Double) -> String {
        if tempo == tempo.rounded() { return String(Int(tempo)) }
        var text = String(tempo)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// The fewest tokens whose split (see `ChartParser.split`) lands every chord on its beat.
    static func barText(_ bar: ChartBar, previous: ChartBar?, meter: Meter) -> String {
        if let previous, previous.spans == bar.spans { return "%" }
        var starts: Set<Int> = []
        var beat = 0
        for span in bar.spans {
            starts.insert(beat)
            beat += span.beats
        }
        for count in bar.spans.count...max(bar.spans.count, meter.beats) {
            let lengths = ChartParser.split(beats: meter.beats, into: count)
            let tokenStarts = lengths.indices.map { lengths[..<$0].reduce(0, +) }
            guard starts.isSubset(of: tokenStarts) else { continue }
            return tokenStarts.map { start in
                starts.contains(start) ? (bar.chord(atBeat: start)?.description ?? ".") : "."
            }.joined(separator: " ")
        }
        return bar.spans.map(\.chord.description).joined(separator: " ")
    }
}
