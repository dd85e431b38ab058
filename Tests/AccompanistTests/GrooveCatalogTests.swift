@testable import Accompanist
import Foundation
import MusicTheory
import TestSupport
import Testing

/// The style table over MMA's library: names that exist, every style and meter covered, many
/// files per style, and the complexity reading of groove names.
@Suite struct GrooveCatalogTests {
    static let stdlib = "/usr/share/mma/lib/stdlib"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: stdlib) || externalToolsRequired, "mma is not installed"))
    func everyGrooveIsDefinedInMMAsLibrary() throws {
        for family in GrooveCatalog.families {
            let text = try String(contentsOfFile: "\(Self.stdlib)/\(family.file).mma", encoding: .utf8)
            let defined = Set(text.split(separator: "\n").compactMap { line -> String? in
                let words = line.split(whereSeparator: \.isWhitespace)
                guard words.count >= 2, words[0].lowercased() == "defgroove" else { return nil }
                return words[1].lowercased()
            })
            for groove in family.grooves + [family.fill].compactMap({ $0 }) {
                #expect(defined.contains(groove.lowercased()), "\(groove) in \(family.file)")
            }
        }
    }

    @Test func everyStyleHasGroovesFromSeveralFiles() {
        for style in CorpusStyle.allCases {
            let files = GrooveCatalog.families.filter { $0.style == style }
            // MMA's library has one ska file.
            #expect(files.count >= (style == .ska ? 1 : 2), "\(style)")
        }
        #expect(GrooveCatalog.families.allSatisfy { !$0.grooves.isEmpty })
        #expect(GrooveCatalog.families.count == 112)
        #expect(Set(GrooveCatalog.families.map(\.file)).count == 112)
    }

    @Test func everyMeterTheIssueNamesHasGrooves() {
        let meters = Dictionary(grouping: GrooveCatalog.families, by: \.meter.description).mapValues(\.count)
        #expect(meters["4/4"] == 94)
        #expect(meters["3/4"] == 12)
        #expect(meters["6/8"] == 5)
        #expect(meters["5/4"] == 1)
    }

    @Test func noGrooveIsAFillIntroOrEnding() {
        for family in GrooveCatalog.families {
            for groove in family.grooves {
                let name = groove.lowercased()
                let ending = name.range(of: "end[0-9]*(sus)?$", options: .regularExpression) != nil
                #expect(!name.contains("fill") && !name.contains("intro") && !ending, "\(groove)")
            }
            if let fill = family.fill { #expect(fill.lowercased().contains("fill")) }
        }
    }

    @Test func complexityReadsSusAndPlusFromTheName() {
        #expect(GrooveFamily.complexity(ofGroove: "Swing") == 0)
        #expect(GrooveFamily.complexity(ofGroove: "Swing1Walk") == 0)
        #expect(GrooveFamily.complexity(ofGroove: "BossaNova2Sus") == 1.0 / 3)
        #expect(GrooveFamily.complexity(ofGroove: "SwingPlus") == 2.0 / 3)
        #expect(GrooveFamily.complexity(ofGroove: "SwingWalkPlusSus") == 1)
    }

    @Test func sixEightBarsAreThreeQuarterNotesWhateverMMACounts() {
        for family in GrooveCatalog.families where family.meter.unit == 8 {
            #expect(family.quartersPerBar == 3)
            #expect(family.quartersPerMMABeat * Double(family.mmaBeatsPerBar) == 3, "\(family.file)")
        }
        #expect(GrooveCatalog.family(ofGroove: "68March")?.quartersPerMMABeat == 1.5)
        #expect(GrooveCatalog.family(ofGroove: "68SwingSus")?.quartersPerMMABeat == 0.5)
        #expect(GrooveCatalog.family(ofGroove: "Afro-CubanPlus")?.quartersPerMMABeat == 1)
        #expect(GrooveCatalog.family(ofGroove: "blues128")?.meter == .common)
    }
}
