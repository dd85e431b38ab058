import PropertyBased
import TestSupport
import Testing
@testable import MusicTheory

/// The chart format of DESIGN.md, rule by rule.
@Suite struct ChartTests {
    private func chart(_ text: String) throws -> Chart { try Chart(parsing: text) }

    private func spans(_ bar: ChartBar) -> [String] { bar.spans.map { "\($0.chord):\($0.beats)" } }

    private func errors(_ text: String) -> [ChartError] {
        do {
            _ = try Chart(parsing: text)
            return []
        } catch {
            return error.errors
        }
    }

    @Test func headerFieldsAreReadAndDefaultsApply() throws {
        let plain = try chart("| C |")
        #expect(plain.meter == .common && plain.tempo == 120 && plain.key == nil && plain.title == nil)
        let full = try chart("title: Autumn\nkey: Gm\nmeter: 3/4\ntempo: 96.5\nstyle: waltz\ncomposer: anon\n| Gm |")
        #expect(full.title == "Autumn" && full.key == Key("Gm") && full.meter == Meter(beats: 3, unit: 4))
        #expect(full.tempo == 96.5 && full.style == "waltz")
        #expect(full.otherFields == [ChartField(name: "composer", value: "anon")])
    }

    @Test func designExampleReadsAsWritten() throws {
        let bars = try chart("| Cm7 | % | Fm7 . Bb7 . | Dm7b5 G7b9 |").bars
        #expect(bars.map(spans) == [["Cm7:4"], ["Cm7:4"], ["Fm7:2", "Bb7:2"], ["Dm7b5:2", "G7b9:2"]])
    }

    @Test func oneTokenPerBeatWithDotsAndSlashesHolding() throws {
        #expect(spans(try chart("| C . . F |").bars[0]) == ["C:3", "F:1"])
        #expect(spans(try chart("| C / G / |").bars[0]) == ["C:2", "G:2"])
    }

    @Test func aLeadingHoldCarriesThePreviousBarsChord() throws {
        let bars = try chart("| C F | . G |").bars
        #expect(spans(bars[1]) == ["F:2", "G:2"])
        #expect(errors("| . C |").first?.message.contains("holds the previous chord") == true)
    }

    @Test func fewerTokensSplitTheBarEarlierChordsTakingExtraBeats() throws {
        #expect(spans(try chart("| C F G |").bars[0]) == ["C:2", "F:1", "G:1"])
        #expect(spans(try chart("meter: 5/4\n| C G |").bars[0]) == ["C:3", "G:2"])
        #expect(spans(try chart("meter: 6/8\n| C G |").bars[0]) == ["C:3", "G:3"])
        #expect(spans(try chart("meter: 7/8\n| C G A |").bars[0]) == ["C:3", "G:2", "A:2"])
        #expect(spans(try chart("meter: 12/8\n| C G |").bars[0]) == ["C:6", "G:6"])
    }

    @Test func moreTokensThanBeatsIsAnError() {
        let found = errors("meter: 3/4\n| C D E F |")
        #expect(found.count == 1)
        #expect(found.first?.line == 2 && found.first?.column == 9 && found.first?.field == "bar")
    }

    @Test func percentRepeatsTheWholePreviousBar() throws {
        let bars = try chart("| C F | % |").bars
        #expect(bars[1].spans == bars[0].spans)
        #expect(errors("| % |").first?.message.contains("first bar") == true)
        #expect(errors("| C | % F |").first?.message.contains("stands alone") == true)
    }

    @Test func noChordIsWrittenNCOrNDotCDot() throws {
        let bars = try chart("| N.C. | NC | C N.C. |").bars
        #expect(bars.map(spans) == [["N.C.:4"], ["N.C.:4"], ["C:2", "N.C.:2"]])
    }

    @Test func sectionsMarkTheBarThatFollows() throws {
        let bars = try chart("[Verse]\n| C | F |\n[Chorus] | G | C |").bars
        #expect(bars.map(\.section) == ["Verse", nil, "Chorus", nil])
        #expect(errors("| C |\n[Coda]\n").first?.field == "section")
        #expect(errors("[] | C |").first?.field == "section")
    }

    @Test func hashStartsACommentButNotInsideAChord() throws {
        let parsed = try chart("# a song\n| F#m7 | C#7 |  # bars 1-2\n|# all comment\n")
        #expect(parsed.bars.map(spans) == [["F#m7:4"], ["C#7:4"]])
    }

    /// Found by the fuzzer: `name:#x` is a value, but `name: #x` would be a comment.
    @Test func aHeaderValueStartingWithHashSurvivesNormalisation() throws {
        let parsed = try chart("composer:#1 fan\n| C |")
        #expect(parsed.otherFields == [ChartField(name: "composer", value: "#1 fan")])
        #expect(try Chart(parsing: parsed.text) == parsed)
    }

    @Test func barsRunOverLinesAndTheLastBarLineIsOptional() throws {
        let parsed = try chart("| C F\n G C |\n| Am | Dm")
        #expect(parsed.bars.map(spans) == [["C:1", "F:1", "G:1", "C:1"], ["Am:4"], ["Dm:4"]])
    }

    @Test func windowsLineEndingsReadLikeUnix() throws {
        let parsed = try chart("key: F\r\nmeter: 3/4\r\n| F | C7 |\r\n")
        #expect(parsed.key == Key("F") && parsed.meter.beats == 3 && parsed.bars.count == 2)
    }

    @Test func unknownChordsAreReportedWithLineColumnAndClosestSymbol() {
        let found = errors("title: x\n\n| C | Fmaj8 |")
        #expect(found == [ChartError(line: 3, column: 7, field: "chord", message: "unknown chord 'Fmaj8' (did you mean 'Fmaj7'?)")])
        #expect(found.first?.description == "3:7: unknown chord 'Fmaj8' (did you mean 'Fmaj7'?)")
    }

    @Test func badHeaderValuesNameTheirField() {
        #expect(errors("meter: 5/3\n| C |").first?.field == "meter")
        #expect(errors("meter: 0/4\n| C |").first?.field == "meter")
        #expect(errors("key: H\n| C |").first?.field == "key")
        #expect(errors("tempo: fast\n| C |").first?.field == "tempo")
        #expect(errors("tempo: 1e9\n| C |").first?.field == "tempo")
        #expect(errors("| C |\nkey: F\n").first?.field == "header")
        #expect(errors("title: nothing here\n").first?.message.contains("no bars") == true)
    }

    @Test func everyProblemIsReportedNotJustTheFirst() {
        let found = errors("| Cmaj8 | Xy | C D E F G |\n| % F |")
        #expect(found.map(\.line) == [1, 1, 1, 2])
    }

    @Test(arguments: ["2/4", "3/4", "4/4", "5/4", "6/8", "7/8", "12/8"])
    func everyMeterReadsAndPrintsBack(_ meter: String) throws {
        let parsed = try chart("meter: \(meter)\n| C | G7 |")
        #expect(parsed.meter.description == meter)
        #expect(parsed.bars.allSatisfy { $0.beats == parsed.meter.beats })
        #expect(try Chart(parsing: parsed.text) == parsed)
    }

    @Test func normalisedTextIsTheCanonicalForm() throws {
        let text = "key: Cm\n[A] | Cm7 | % | Fm7 . Bb7 . | Dm7b5 G7b9 | EbΔ7 . . Ab7 | B♭7 |\n"
        let expected = """
            key: Cm
            meter: 4/4
            tempo: 120

            [A]
            | Cm7 | % | Fm7 Bb7 | Dm7b5 G7b9 |
            | Ebmaj7 . Ab7 | Bb7 |

            """
        #expect(try chart(text).text == expected)
    }

    /// parse → print → parse gives the same chart, for generated charts of every meter.
    @Test func printThenParseGivesTheSameChart() async {
        await propertyCheck(count: 400, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            let original = Self.randomChart(seed: seed)
            let reread = try? Chart(parsing: original.text)
            #expect(reread == original, "\(original.text)")
        }
    }

    /// Random bytes and random token soups never crash the parser: they read or fail.
    @Test func arbitraryTextReadsOrFailsCleanly() async {
        let alphabet = Array("| .%/#[]:CDEFGABbm7913♭♯Δø°+-() \nN.C.add susalt")
        await propertyCheck(count: 2000, input: Gen.element(of: alphabet).array(of: 0...80)) { characters in
            let text = String(characters.compactMap { $0 })
            if let parsed = try? Chart(parsing: text) {
                #expect(parsed.bars.allSatisfy { $0.beats == parsed.meter.beats })
                #expect((try? Chart(parsing: parsed.text)) == parsed)
            }
        }
    }

    static func randomChart(seed: UInt64) -> Chart {
        var random = SplitMix64(seed: seed)
        let meters = ["2/4", "3/4", "4/4", "5/4", "6/8", "7/8", "12/8"].compactMap { Meter($0) }
        let chords = ["C", "Am7", "Dm7b5", "G7b9", "Bb/D", "F#m7", "Ebmaj7#11", "C7alt", "Abm6", "E13", "Db6/9", "Bsus4"]
            .compactMap { try? ChordSymbol(parsing: $0) }.map(ChartChord.chord) + [.noChord]
        let meter = meters.randomElement(using: &random) ?? .common
        var chart = Chart(
            title: Bool.random(using: &random) ? "Song \(random.next() % 100)" : nil,
            key: Bool.random(using: &random) ? Key("Eb") : nil, meter: meter,
            tempo: Double(Int.random(in: 40...300, using: &random)) + (Bool.random(using: &random) ? 0.5 : 0),
            style: Bool.random(using: &random) ? "bossa" : nil)
        for index in 0..<Int.random(in: 1...12, using: &random) {
            var spans: [ChordSpan] = []
            var left = meter.beats
            while left > 0 {
                let length = Int.random(in: 1...left, using: &random)
                var chord = chords.randomElement(using: &random) ?? .noChord
                if chord == spans.last?.chord { chord = chord == .noChord ? chords[0] : .noChord }
                spans.append(ChordSpan(chord, beats: length))
                left -= length
            }
            let section = index == 0 || Int.random(in: 0..<5, using: &random) == 0 ? "S\(index)" : nil
            chart.bars.append(ChartBar(spans, section: section))
        }
        return chart
    }
}

/// Transposition by semitones and into keys, with spelling that follows the new key.
@Suite struct ChartTranspositionTests {
    private func symbols(_ chart: Chart) -> [[String]] { chart.bars.map { $0.spans.map(\.chord.description) } }

    @Test func chordsKeepTheirFunctionInTheNewKey() throws {
        let chart = try Chart(parsing: "key: F\n| F | Bb | A7 | Dm7 Gm7/C |")
        let moved = chart.transposed(bySemitones: 2)
        #expect(moved.key == Key("G"))
        #expect(symbols(moved) == [["G"], ["C"], ["B7"], ["Em7", "Am7/D"]])
    }

    @Test func flatKeysGetFlatsAndSharpKeysSharps() throws {
        let chart = try Chart(parsing: "key: C\n| C | Eb | F#dim7 | Bb7 |")
        #expect(symbols(chart.transposed(bySemitones: 1)) == [["Db"], ["E"], ["Gdim7"], ["B7"]])
        #expect(symbols(chart.transposed(bySemitones: -2)) == [["Bb"], ["Db"], ["Edim7"], ["Ab7"]])
        #expect(symbols(chart.transposed(bySemitones: 4)) == [["E"], ["G"], ["A#dim7"], ["D7"]])
        #expect(chart.transposed(bySemitones: 6).key == Key("Gb"))
    }

    @Test func transposingToAKeyUsesItsSpellingEvenWhenEnharmonic() throws {
        let chart = try Chart(parsing: "key: D\n| D | G | A7 | B7 |")
        let cSharp = try chart.transposed(to: #require(Key("C#")))
        #expect(symbols(cSharp) == [["C#"], ["F#"], ["G#7"], ["A#7"]])
        let dFlat = try chart.transposed(to: #require(Key("Db")))
        #expect(symbols(dFlat) == [["Db"], ["Gb"], ["Ab7"], ["Bb7"]])
    }

    @Test func aMinorChartCannotMoveIntoAMajorKey() throws {
        let chart = try Chart(parsing: "key: Am\n| Am | E7 |")
        #expect(throws: ChartTransposeError.self) { try chart.transposed(to: #require(Key("C"))) }
        #expect(symbols(try chart.transposed(to: #require(Key("Dm")))) == [["Dm"], ["A7"]])
    }

    @Test func aChartWithoutAKeyIsSpelledInTheKeyItsChordsSuggest() throws {
        let chart = try Chart(parsing: "| Am | Dm | E7 | Am |")
        let moved = chart.transposed(bySemitones: 1)
        #expect(moved.key == nil)
        #expect(symbols(moved) == [["Bbm"], ["Ebm"], ["F7"], ["Bbm"]])
    }

    @Test func transposingUpAndBackRestoresEveryPitchClass() async {
        await propertyCheck(count: 200, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: -11...11)) { seed, semitones in
            let chart = ChartTests.randomChart(seed: seed)
            let back = chart.transposed(bySemitones: semitones).transposed(bySemitones: -semitones)
            let pitchClasses = { (chart: Chart) in chart.bars.map { $0.spans.map { $0.chord.symbol?.pitchClasses } } }
            #expect(pitchClasses(back) == pitchClasses(chart))
            #expect(back.bars.map { $0.spans.map(\.beats) } == chart.bars.map { $0.spans.map(\.beats) })
        }
    }
}
