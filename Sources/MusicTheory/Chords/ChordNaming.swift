/// Canonical chord names from tone sets: the inverse of `ChordSymbolParser`, so that every name it
/// gives parses back to the same tones.
///
/// The name is built in a fixed order: quality and highest extension (`m`, `maj9`, `dim7`, `aug`),
/// then `sus`, `add` tones, alterations (`b5 #5 b9 #9 #11 b13`) and omissions (`no3`, `no5`).
enum ChordNaming {
    static func suffix(for tones: Set<ChordTone>) -> String {
        if tones == ChordTone.altered { return "7alt" }
        if tones == [.fifth] { return "5" }

        var rest = tones
        let hasMinorThird = rest.remove(.minorThird) != nil
        let hasMajorThird = rest.remove(.majorThird) != nil
        var name = qualityAndExtension(&rest, minor: hasMinorThird, major: hasMajorThird)

        if rest.remove(.suspendedSecond) != nil { name += "sus2" }
        if rest.remove(.suspendedFourth) != nil { name += "sus4" }
        let sus = tones.contains(.suspendedSecond) || tones.contains(.suspendedFourth)

        let hasFifth = rest.remove(.fifth) != nil
        let additions: [(ChordTone, String)] = [(.sixth, "add6"), (.ninth, "add9"), (.eleventh, "add11"), (.thirteenth, "add13")]
        for (tone, text) in additions where rest.remove(tone) != nil { name += text }

        let alterations: [(ChordTone, String)] = [
            (.flatFifth, "b5"), (.sharpFifth, "#5"), (.flatNinth, "b9"), (.sharpNinth, "#9"),
            (.sharpEleventh, "#11"), (.flatThirteenth, "b13"),
        ]
        var altered = ""
        for (tone, text) in alterations where rest.remove(tone) != nil {
            // A bare alteration replaces its natural tone, so one that sounds beside it is an `add`.
            let naturalSounds = ChordSymbolParser.naturalReplaced(by: tone).map(tones.contains) ?? false
            altered += (naturalSounds ? "add" : "") + text
        }
        // `C(b5)`, not `Cb5`, which would read as C-flat.
        name += name.isEmpty && !altered.isEmpty ? "(" + altered + ")" : altered

        if !hasMinorThird && !hasMajorThird && !sus { name += "no3" }
        let hasAnyFifth = hasFifth || tones.contains(.flatFifth) || tones.contains(.sharpFifth)
        if !hasAnyFifth { name += "no5" }
        return name
    }

    /// The quality and the seventh or sixth, raised to 9, 11 or 13 when the tones stack that high.
    /// Removes from `rest` the tones the text accounts for.
    private static func qualityAndExtension(_ rest: inout Set<ChordTone>, minor: Bool, major: Bool) -> String {
        // Diminished and augmented triads have names of their own when no other seventh is present.
        if minor, rest.contains(.flatFifth), !rest.contains(.fifth),
           !rest.contains(.minorSeventh), !rest.contains(.majorSeventh) {
            rest.remove(.flatFifth)
            if rest.remove(.diminishedSeventh) != nil { return "dim" + extensionText(&rest, minor: true, seventh: "7") }
            return "dim"
        }
        if major, rest.contains(.sharpFifth), !rest.contains(.fifth), !rest.contains(.flatFifth),
           !ChordTone.sevenths.contains(where: rest.contains), !rest.contains(.sixth) {
            rest.remove(.sharpFifth)
            return "aug"
        }

        let prefix = minor ? "m" : ""
        if rest.remove(.minorSeventh) != nil {
            return prefix + extensionText(&rest, minor: minor, seventh: "7")
        }
        if rest.remove(.majorSeventh) != nil {
            let mark = minor ? "Maj" : "maj"
            return prefix + mark + extensionText(&rest, minor: minor, seventh: "7")
        }
        if rest.remove(.diminishedSeventh) != nil {
            // `dim` stacks as a minor chord does (its 13 keeps the 11), even with the third taken out.
            return prefix + "dim" + extensionText(&rest, minor: true, seventh: "7")
        }
        if rest.remove(.sixth) != nil {
            return prefix + (rest.remove(.ninth) != nil ? "6/9" : "6")
        }
        return prefix
    }

    /// `7`, or `9`, `11`, `13` when the lower extension slots are filled (an altered ninth fills
    /// the ninth's slot: `13b9`). A minor 13 needs its 11; a dominant or major 13 skips it.
    private static func extensionText(_ rest: inout Set<ChordTone>, minor: Bool, seventh: String) -> String {
        let ninthFilled = ChordTone.ninths.contains(where: rest.contains)
        let eleventhFilled = ChordTone.elevenths.contains(where: rest.contains)
        guard ninthFilled else { return seventh }
        var number = 7
        if rest.contains(.ninth) { number = 9 }
        if rest.contains(.eleventh) { number = 11 }
        if rest.contains(.thirteenth) && (!minor || eleventhFilled) { number = 13 }
        if number == 7 { return seventh }

        // The natural tones the number stands for come off; the rest are named after it.
        rest.remove(.ninth)
        if number == 11 || (number == 13 && minor) { rest.remove(.eleventh) }
        if number == 13 { rest.remove(.thirteenth) }
        return String(number)
    }
}
