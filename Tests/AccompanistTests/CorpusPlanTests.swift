@testable import Accompanist
import MusicTheory
import Testing

/// The corpus plan at its default size: split by template with nothing shared, every style and
/// meter in every split, all twelve keys.
@Suite struct CorpusPlanTests {
    static let plan = CorpusPlan(seed: 1, progressions: 2000, keysPerProgression: 8)

    @Test func everyTemplateIsInExactlyOneSplitAndItsRendersFollowIt() {
        let ids = CorpusSplit.allCases.flatMap { Self.plan.templateIDs(in: $0) }
        #expect(ids.count == Self.plan.templates.count)
        #expect(Set(ids).count == ids.count)
        for job in Self.plan.jobs { #expect(Self.plan.splits[job.template.id] == job.split) }
    }

    @Test func noProgressionIsInTwoSplitsInAnyKey() {
        var splitOfSignature: [String: CorpusSplit] = [:]
        for job in Self.plan.jobs {
            let signature = ProgressionTemplate.signature(of: job.chart)
            let earlier = splitOfSignature.updateValue(job.split, forKey: signature)
            #expect(earlier == nil || earlier == job.split, "\(job.summary)")
        }
    }

    @Test func atLeastTwoHundredProgressionsAreHeldOut() {
        let heldOut = Self.plan.templateIDs(in: .validation).count + Self.plan.templateIDs(in: .test).count
        #expect(heldOut >= 200)
        #expect(Self.plan.templateIDs(in: .validation).count >= 150)
        #expect(Self.plan.templateIDs(in: .test).count >= 150)
    }

    @Test(arguments: CorpusSplit.allCases)
    func everyStyleAndMeterIsInEverySplit(_ split: CorpusSplit) {
        let jobs = Self.plan.jobs.filter { $0.split == split }
        #expect(Set(jobs.map(\.style)) == Set(CorpusStyle.allCases))
        #expect(Set(jobs.map(\.chart.meter.description)) == ["4/4", "3/4", "5/4", "6/8"])
        #expect(Set(jobs.map(\.template.idiom)) == Set(Idiom.allCases))
    }

    @Test func allTwelveKeysAppear() {
        let tonics = Set(Self.plan.jobs.map(\.key.tonic.pitchClass))
        #expect(tonics.count == 12)
        let perTemplate = Dictionary(grouping: Self.plan.jobs, by: \.template.id).mapValues { Set($0.map(\.key)).count }
        #expect(perTemplate.values.allSatisfy { $0 == 8 })
    }

    @Test func grooveFilesAreSpreadWithinEachStyle() {
        for style in CorpusStyle.allCases {
            let files = Set(Self.plan.jobs.filter { $0.style == style }.map(\.family.file))
            let available = Set(GrooveCatalog.families.filter { $0.style == style }.map(\.file))
            #expect(files == available, "\(style)")
        }
    }

    @Test func rendersAreWholePhrasesInTheGrooveMeter() {
        for job in Self.plan.jobs {
            #expect([12, 16].contains(job.chart.bars.count))
            #expect(job.family.meter == job.chart.meter)
            #expect(job.family.grooves.contains(job.groove))
            #expect(job.family.tempoRange.contains(job.tempo))
            #expect(job.fillBars.isEmpty || job.family.fill != nil)
            #expect(job.fillBars.allSatisfy { $0 < job.chart.bars.count })
        }
        #expect(Self.plan.jobs.contains { !$0.fillBars.isEmpty })
    }

    @Test func exampleCountIsTheWindowsOfEveryRender() {
        let windows = Self.plan.jobs.map(\.windowCount)
        #expect(Set(windows) == [2, 3])
        #expect(Self.plan.exampleCount == windows.reduce(0, +))
    }
}
