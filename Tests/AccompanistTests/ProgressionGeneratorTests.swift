@testable import Accompanist
import MusicTheory
import Testing

/// The progression generator: distinct templates from every idiom, in the vocabulary MMA is
/// checked against, repeatable from a seed.
@Suite struct ProgressionGeneratorTests {
    static let templates = ProgressionGenerator.templates(count: 3000, seed: 7)

    @Test func everyStockFormReadsAsRomanNumerals() {
        for idiom in Idiom.allCases {
            for form in idiom.forms {
                #expect(form.bars != nil, "\(idiom): \(form.text)")
            }
        }
    }

    @Test func templatesAreDistinctProgressionsInAnyKey() {
        #expect(Self.templates.count == 3000)
        #expect(Set(Self.templates.map(\.signature)).count == Self.templates.count)
        #expect(Set(Self.templates.map(\.id)).count == Self.templates.count)
        for template in Self.templates {
            #expect(template.key.tonic == NoteName(.c))
            #expect(template.chart.meter == template.idiom.meter)
            #expect(ProgressionVariation.allowedLengths.contains(template.chart.bars.count), "\(template.chart.text)")
        }
    }

    @Test func everyIdiomYieldsManyTemplates() {
        for idiom in Idiom.allCases {
            let count = Self.templates.filter { $0.idiom == idiom }.count
            #expect(count >= 80, "\(idiom): \(count)")
        }
    }

    @Test func generatedChordsStayInTheVocabulary() {
        let vocabulary = Set(ChordVocabulary.suffixes)
        var used: Set<String> = []
        for template in Self.templates {
            for bar in template.chart.bars {
                for span in bar.spans { if let chord = span.chord.symbol { used.insert(chord.suffix) } }
            }
        }
        #expect(used.subtracting(vocabulary).isEmpty, "\(used.subtracting(vocabulary).sorted())")
        #expect(vocabulary.subtracting(used).isEmpty, "never generated: \(vocabulary.subtracting(used).sorted())")
    }

    @Test func generatorWritesSlashChordsAndBreaks() {
        let chords = Self.templates.flatMap { $0.chart.bars.flatMap { $0.spans.map(\.chord) } }
        #expect(chords.contains { $0.symbol?.slashBass != nil })
        #expect(chords.contains(.noChord))
    }

    @Test func signatureIgnoresTheKey() throws {
        let major = try Chart(parsing: "key: C\n| Am | F | C | G |")
        let minor = try Chart(parsing: "key: Cm\n| Cm | Ab | Eb | Bb |")
        let other = try Chart(parsing: "key: Cm\n| Cm | Ab | Eb | Bb7 |")
        #expect(ProgressionTemplate.signature(of: major) == ProgressionTemplate.signature(of: minor))
        #expect(ProgressionTemplate.signature(of: major) != ProgressionTemplate.signature(of: other))
    }

    @Test func sameSeedGivesSameTemplates() {
        let again = ProgressionGenerator.templates(count: 200, seed: 7)
        #expect(again == Array(Self.templates.prefix(200)))
        #expect(ProgressionGenerator.templates(count: 200, seed: 8) != again)
    }
}
