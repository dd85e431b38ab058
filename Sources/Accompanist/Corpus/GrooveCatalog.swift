import MusicTheory

/// MMA's standard library as the corpus uses it: every file but the metronomes, `none` and
/// `desert` (a one-song exotic groove that fits no style), grouped by style.
///
/// Grooves named `…Intro…`, `…End…` and `…Fill…` are left out of the playing set. A family's
/// `fill` is its real fill: a groove MMA's documentation calls a one- or two-bar fill (`SwingFill`,
/// `BossaNovaFill`, `68MarchFill`). Files whose `…Fill` grooves are whole variants with an added
/// instrument (bolero, countryblues, easyswing, frenchwaltz, rockballad, samba, slowblues,
/// slowcountry) have no fill here, and those variants are not used at all.
///
/// The table was read from the `DefGroove` lines of MMA 21.09's library; `GrooveCatalogTests`
/// checks that every name is still defined there.
public enum GrooveCatalog {
    public static let families: [GrooveFamily] = [
        GrooveFamily("swing", .swing, "4/4", mmaBeats: 4, fill: "SwingFill", [
            "Swing", "SwingWalk", "SwingTriple", "SwingPlus", "SwingWalkPlus", "SwingSus", "SwingPlusSus",
            "SwingWalkSus", "SwingWalkPlusSus", "Swing1", "Swing1Walk", "Swing1Triple", "Swing1Sus", "Swing1WalkSus",
            "Swing1Plus", "Swing1PlusSus", "Swing1WalkPlus", "Swing1WalkPlusSus", "Swing2", "Swing2Triple",
            "Swing2Plus", "Swing2Sus", "Swing2PlusSus"
        ]),
        GrooveFamily("fastswing", .swing, "4/4", mmaBeats: 4, fill: nil, [
            "FastSwing", "FastSwingWalk", "FastSwingSus", "FastSwingWalkSus"
        ]),
        GrooveFamily("easyswing", .swing, "4/4", mmaBeats: 4, fill: nil, [
            "EasySwing", "EasySwingSus", "EasySwingWalk", "EasySwingWalkSus", "EasySwing1", "EasySwing1Sus",
            "EasySwing2", "EasySwing2Sus", "EasySwing42", "EasySwing42Sus", "EasySwing42Walk", "EasySwing42WalkSus"
        ]),
        GrooveFamily("bigband", .swing, "4/4", mmaBeats: 4, fill: "BigBandFill", [
            "BigBand", "BigBandSus", "BigBandPlus", "BigBandSusPlus", "BigBand1", "BigBand1Sus", "BigBand1Plus",
            "BigBand1SusPlus", "BigBand8", "BigBand8Sus"
        ]),
        GrooveFamily("jazzcombo", .swing, "4/4", mmaBeats: 4, fill: nil, [
            "JazzCombo", "JazzCombo1", "JazzCombo2", "JazzComboSus", "JazzCombo1Sus", "JazzCombo2Sus",
            "JazzComboPlus", "JazzCombo1Plus", "JazzCombo2Plus", "JazzComboSusPlus", "JazzCombo1SusPlus",
            "JazzCombo2SusPlus"
        ]),
        GrooveFamily("jazzguitar", .swing, "4/4", mmaBeats: 4, fill: "JazzGuitarFill", [
            "JazzGuitar", "JazzGuitarWalk", "JazzGuitar1", "JazzGuitar1Walk", "JazzGuitar2", "JazzGuitar2Walk",
            "JazzGuitar3", "JazzGuitar3Walk", "JazzGuitarSus", "JazzGuitar1Sus", "JazzGuitar2Sus", "JazzGuitar3Sus",
            "JazzGuitarWalkSus", "JazzGuitar1WalkSus", "JazzGuitar2WalkSus", "JazzGuitar3WalkSus", "JazzGuitarPlus",
            "JazzGuitarWalkPlus", "JazzGuitar2Plus", "JazzGuitar2WalkPlus", "JazzGuitarSusPlus",
            "JazzGuitarWalkSusPlus", "JazzGuitar2WalkSusPlus"
        ]),
        GrooveFamily("bebop", .swing, "4/4", mmaBeats: 4, fill: nil, [
            "Bebop", "BebopPlus", "BebopSus", "BebopSusPlus"
        ]),
        GrooveFamily("mellowjazz", .swing, "4/4", mmaBeats: 4, fill: "MellowJazzFill", [
            "MellowJazz", "MellowJazzPlus", "MellowJazzSus", "MellowJazzSusPlus"
        ]),
        GrooveFamily("modernjazz", .swing, "4/4", mmaBeats: 4, fill: "ModernJazzFill", [
            "ModernJazz", "ModernJazz1", "ModernJazzSus", "ModernJazz1Sus", "ModernJazz2", "ModernJazz2Sus"
        ]),
        GrooveFamily("slowjazz", .swing, "4/4", mmaBeats: 4, fill: "SlowJazzFill", [
            "SlowJazz", "SlowJazzSus", "SlowJazzWalk", "SlowJazzWalkSus", "SlowJazzPlus", "SlowJazzSusPlus",
            "SlowJazz1", "SlowJazz1Sus", "SlowJazz1Walk", "SlowJazz1WalkSus", "SlowJazz1Plus", "SlowJazz1SusPlus",
            "SlowJazz2", "SlowJazz2Sus"
        ]),
        GrooveFamily("nitejazz", .swing, "4/4", mmaBeats: 4, fill: nil, [
            "NiteJazz", "NiteJazzSus", "NiteJazzPlus", "NiteJazzSusPlus"
        ]),
        GrooveFamily("evansish", .swing, "4/4", mmaBeats: 4, fill: "EvansishFill", [
            "Evansish", "EvansishPlus", "EvansishSus", "EvansishSusPlus", "Evansish1", "Evansish1Plus",
            "Evansish1Sus", "Evansish1SusPlus"
        ]),
        GrooveFamily("descendingjazz", .swing, "4/4", mmaBeats: 4, fill: nil, [
            "DescendingJazz", "DescendingJazzPlus", "DescendingJazzSus", "DescendingJazzSusPlus"
        ]),
        GrooveFamily("folkyjazz", .swing, "4/4", mmaBeats: 4, fill: nil, [
            "FolkyJazzGuitar", "FolkyJazzGuitarPlus", "FolkyJazzGuitarSus", "FolkyJazzGuitarSusPlus",
            "FolkyJazzPiano", "FolkyJazzPianoPlus", "FolkyJazzPianoSus", "FolkyJazzPianoSusPlus"
        ]),
        GrooveFamily("gypsyjazz", .swing, "4/4", mmaBeats: 4, fill: nil, [
            "GypsyJazz", "GypsyJazzSus", "GypsyJazzFiddle", "GypsyJazzSusFiddle", "GypsyJazzGuitar",
            "GypsyJazzSusGuitar"
        ]),
        GrooveFamily("68swing", .swing, "6/8", mmaBeats: 6, fill: nil, [
            "68Swing", "68Swing1", "68Swing2", "68SwingSus", "68Swing1Sus", "68Swing2Sus", "68SwingPlus",
            "68Swing1Plus", "68Swing2Plus", "68SwingSusPlus", "68Swing1SusPlus", "68Swing2SusPlus"
        ]),
        GrooveFamily("jazz-54", .swing, "5/4", mmaBeats: 5, fill: nil, [
            "Jazz54", "Jazz54Walk", "Jazz54Sus", "Jazz54WalkSus"
        ]),
        GrooveFamily("jazzwaltz", .jazzwaltz, "3/4", mmaBeats: 3, fill: "JazzWaltzFill", [
            "JazzWaltz", "JazzWaltzSus", "JazzWaltz1", "JazzWaltz1Sus", "JazzWaltz2", "JazzWaltz2Sus"
        ]),
        GrooveFamily("fastjazzwaltz", .jazzwaltz, "3/4", mmaBeats: 3, fill: "FastJazzWaltzFill", [
            "FastJazzWaltz", "FastJazzWaltzSus", "FastJazzWaltz1", "FastJazzWaltz1Sus", "FastJazzWaltz2",
            "FastJazzWaltz2Sus"
        ]),
        GrooveFamily("modernjazzwaltz", .jazzwaltz, "3/4", mmaBeats: 3, fill: "ModernJazzWaltzFill", [
            "ModernJazzWaltz", "ModernJazzWaltz1", "ModernJazzWaltzSus", "ModernJazzWaltz1Sus", "ModernJazzWaltz2",
            "ModernJazzWaltz2Sus"
        ]),
        GrooveFamily("waltz", .waltz, "3/4", mmaBeats: 3, fill: nil, [
            "Waltz", "WaltzSus", "Waltz1", "Waltz1Sus", "WaltzWalk", "WaltzWalkSus", "Waltz1Walk", "Waltz1WalkSus"
        ]),
        GrooveFamily("fastwaltz", .waltz, "3/4", mmaBeats: 3, fill: nil, [
            "FastWaltz", "FastWaltzSus", "FastWaltzPlus", "FastWaltzSusPlus", "FastWaltzWalk", "FastWaltzWalkSus",
            "FastWaltzWalkPlus", "FastWaltzWalkSusPlus"
        ]),
        GrooveFamily("vienesewaltz", .waltz, "3/4", mmaBeats: 3, fill: nil, [
            "VieneseWaltz", "VieneseWaltzSus", "VieneseWaltz1", "VieneseWaltz1Sus", "VieneseWaltz2",
            "VieneseWaltz2Sus"
        ]),
        GrooveFamily("frenchwaltz", .waltz, "3/4", mmaBeats: 3, fill: nil, [
            "FrenchWaltz", "FrenchWaltzSus", "FrenchWaltz1", "FrenchWaltz1Sus", "FrenchWaltz2", "FrenchWaltz2Sus",
            "FrenchWaltz3", "FrenchWaltz3Sus"
        ]),
        GrooveFamily("broadwaywaltz", .waltz, "3/4", mmaBeats: 3, fill: nil, [
            "BroadwayWaltz", "BroadwayWaltz1", "BroadwayWaltzSus", "BroadwayWaltz1Sus", "BroadwayWaltz2",
            "BroadwayWaltz2Sus"
        ]),
        GrooveFamily("countrywaltz", .waltz, "3/4", mmaBeats: 3, fill: nil, [
            "CountryWaltz", "CountryWaltzSus", "CountryWaltz1", "CountryWaltz1Sus", "CountryWaltz2",
            "CountryWaltz2Sus", "CountryWaltzWalk", "CountryWaltzWalkSus", "CountryWaltz1Walk", "Countrywaltz2Walk",
            "CountryWaltz1SusWalk", "CountryWaltz2SusWalk"
        ]),
        GrooveFamily("rockwaltz", .waltz, "3/4", mmaBeats: 3, fill: nil, [
            "RockWaltz", "RockWaltzSus", "RockWaltz1", "RockWaltz1Sus", "RockWaltzWalk", "RockWaltzWalkSus",
            "RockWaltz1Walk", "RockWaltz1WalkSus"
        ]),
        GrooveFamily("arpeggiowaltz", .waltz, "3/4", mmaBeats: 3, fill: nil, [
            "ArpeggioWaltz", "ArpeggioWaltz8", "ArpeggioWaltz48", "ArpeggioWaltzSus", "Arpeggiowaltz8Sus",
            "Arpeggiowaltz48Sus"
        ]),
        GrooveFamily("latinwaltz", .waltz, "3/4", mmaBeats: 3, fill: "LatinWaltzFill", [
            "LatinWaltz", "LatinWaltzSus", "LatinWaltzPlus", "LatinWaltzSusPlus"
        ]),
        GrooveFamily("bossanova", .bossa, "4/4", mmaBeats: 4, fill: "BossaNovaFill", [
            "BossaNova", "BossaNovaSus", "BossaNova1Sus", "BossaNova2Sus", "BossaNova3Sus", "BossaNovaPlus",
            "BossaNovaSusPlus", "BossaNova1SusPlus", "BossaNova2SusPlus", "BossaNova3SusPlus"
        ]),
        GrooveFamily("samba", .bossa, "4/4", mmaBeats: 4, fill: nil, [
            "Samba", "SambaPlus", "SambaSus", "SambaSusPlus"
        ]),
        GrooveFamily("beguine", .latin, "4/4", mmaBeats: 4, fill: "BeguineFill", [
            "Beguine", "BeguineSus", "Beguine1", "Beguine1Sus"
        ]),
        GrooveFamily("bolero", .latin, "4/4", mmaBeats: 4, fill: nil, [
            "Bolero", "BoleroSus", "BoleroAlt", "BoleroAltSus", "Bolero1", "Bolero1Sus"
        ]),
        GrooveFamily("slowbolero", .latin, "4/4", mmaBeats: 4, fill: nil, [
            "SlowBolero", "SlowBoleroSus", "SlowBoleroPlus", "SlowBoleroSusPlus", "SlowBolero1", "SlowBolero1Sus"
        ]),
        GrooveFamily("chacha", .latin, "4/4", mmaBeats: 4, fill: "ChaChaFill", [
            "ChaCha", "ChaCha1", "ChaChaSus", "ChaCha1Sus"
        ]),
        GrooveFamily("mambo", .latin, "4/4", mmaBeats: 4, fill: nil, [
            "Mambo", "Mambo1", "Mambo2", "Mambo3", "MamboSus", "Mambo1Sus", "Mambo2Sus", "Mambo3Sus"
        ]),
        GrooveFamily("merengue", .latin, "4/4", mmaBeats: 4, fill: nil, [
            "Merengue", "Merengue1", "Merengue2", "MerengueSus", "Merengue1Sus", "Merengue2Sus"
        ]),
        GrooveFamily("rhumba", .latin, "4/4", mmaBeats: 4, fill: nil, [
            "Rhumba", "RhumbaSus", "RhumbaTriple", "RhumbaTripleSus", "RhumbaTriple12", "RhumbaTriple12Sus",
            "RhumbaTriple34", "RhumbaTriple34Sus", "Rhumba1", "Rhumba1Sus", "Rhumba2", "Rhumba2Sus", "Rhumba3",
            "Rhumba3Sus"
        ]),
        GrooveFamily("jazzrhumba", .latin, "4/4", mmaBeats: 4, fill: "JazzRhumbaFill", [
            "JazzRhumba", "JazzRhumbaSus", "JazzRhumbaPlus", "JazzRhumbaSusPlus"
        ]),
        GrooveFamily("salsa", .latin, "4/4", mmaBeats: 4, fill: "SalsaFill", [
            "Salsa", "SalsaPlus", "SalsaSus", "SalsaSusPlus"
        ]),
        GrooveFamily("son", .latin, "4/4", mmaBeats: 4, fill: nil, ["Son", "SonSus", "SonPlus", "SonSusPlus"]),
        GrooveFamily("cubanguitar", .latin, "4/4", mmaBeats: 4, fill: nil, [
            "CubanGuitar", "CubanGuitarSus", "CubanGuitarPlus", "CubanGuitarSusPlus"
        ]),
        GrooveFamily("tango", .latin, "4/4", mmaBeats: 4, fill: nil, [
            "Tango", "Tango1", "TangoClean", "TangoCleanSus", "TangoCleanPlus"
        ]),
        GrooveFamily("lighttango", .latin, "4/4", mmaBeats: 4, fill: "LightTangoFill", [
            "LightTango", "LightTangoSus", "LightTango1", "LightTango1Sus"
        ]),
        GrooveFamily("calypso", .latin, "4/4", mmaBeats: 4, fill: nil, [
            "Calypso", "CalypsoSus", "Calypso1", "Calypso1Sus", "CalypsoPlus", "CalypsoSusPlus", "Calypso1Plus",
            "Calypso1SusPlus"
        ]),
        GrooveFamily("lfusion", .latin, "4/4", mmaBeats: 4, fill: nil, [
            "LFusion", "LFusionSus", "LFusion1", "LFusion1Sus"
        ]),
        GrooveFamily("afro-cuban", .latin, "6/8", mmaBeats: 3, fill: "Afro-CubanFill", [
            "Afro-Cuban", "Afro-CubanSus", "Afro-CubanPlus", "Afro-CubanSusPlus"
        ]),
        GrooveFamily("8beat", .pop, "4/4", mmaBeats: 4, fill: "8BeatFill", [
            "8Beat", "8BeatSus", "8Beat1", "8Beat1Sus", "8BeatWalk", "8BeatWalkSus", "8BeatPlus", "8BeatSusPlus",
            "8Beat1Plus", "8BeatWalkPlus", "8Beat1SusPlus", "8BeatWalkSusPlus"
        ]),
        GrooveFamily("bubblerock", .pop, "4/4", mmaBeats: 4, fill: "BubbleRockFill", [
            "BubbleRock", "BubbleRockSus", "BubbleRockPlus", "BubbleRockSusPlus"
        ]),
        GrooveFamily("boneym", .pop, "4/4", mmaBeats: 4, fill: "BoneyMFill", [
            "BoneyM", "BoneyMPlus", "BoneyMSus", "BoneyMSusPlus"
        ]),
        GrooveFamily("trance", .pop, "4/4", mmaBeats: 4, fill: nil, [
            "Trance", "Trance1", "Trance2", "TranceBass1", "Trance1Bass1", "Trance2Bass1"
        ]),
        GrooveFamily("folk", .pop, "4/4", mmaBeats: 4, fill: nil, [
            "Folk", "FolkWalk", "FolkArticulated", "FolkSus", "FolkArticulatedSus"
        ]),
        GrooveFamily("lullaby", .pop, "4/4", mmaBeats: 4, fill: nil, [
            "Lullaby", "Lullaby1", "LullabyWalk", "LullabySus", "Lullaby1Sus", "LullabyWalkSus", "LullabyPlus",
            "Lullaby1Plus", "LullabyWalkPlus", "LullabySusPlus", "Lullaby1SusPlus", "LullabyWalkSusPlus"
        ]),
        GrooveFamily("arpeggio44", .pop, "4/4", mmaBeats: 4, fill: nil, [
            "Arpeggio4", "Arpeggio8", "Arpeggio48", "Arpeggio4Sus", "Arpeggio8Sus", "Arpeggio48Sus"
        ]),
        GrooveFamily("50srock", .rock, "4/4", mmaBeats: 4, fill: nil, [
            "50sRock", "50sRockSus", "50sRockPlus", "50sRockSusPlus", "50sRock1", "50sRock1Sus", "50sRock1Plus",
            "50sRock1SusPlus"
        ]),
        GrooveFamily("60srock", .rock, "4/4", mmaBeats: 4, fill: nil, [
            "60sRock", "60sRock1", "60sRockSus", "60sRock1Sus", "60sRockPlus", "60sRock1Plus", "60sRockSusPlus",
            "60sRock1SusPlus"
        ]),
        GrooveFamily("basicrock", .rock, "4/4", mmaBeats: 4, fill: nil, [
            "BasicRock", "BasicRockSus", "BasicRock4", "BasicRock4Sus"
        ]),
        GrooveFamily("rock-128", .rock, "4/4", mmaBeats: 4, fill: nil, [
            "Rock128", "Rock128Plain", "Rock128Sus", "Rock128PlainSus", "Rock128Plus", "Rock128SusPlus",
            "Rock128PlainPlus", "Rock128PlainSusPlus"
        ]),
        GrooveFamily("softrock", .rock, "4/4", mmaBeats: 4, fill: "SoftRockFill", [
            "SoftRock", "SoftRockSus", "SoftRock1", "SoftRock1Sus", "SoftRock2", "SoftRock2Sus"
        ]),
        GrooveFamily("folkrock", .rock, "4/4", mmaBeats: 4, fill: "FolkRockFill", [
            "FolkRock", "FolkRockPlus", "FolkRockSus", "FolkRockSusPlus"
        ]),
        GrooveFamily("jazzrock", .rock, "4/4", mmaBeats: 4, fill: "JazzRockFill", [
            "JazzRock", "JazzRockSus", "JazzRockWalk", "JazzRockWalkSus", "JazzRockPlus", "JazzRockSusPlus",
            "JazzRockWalkPlus", "JazzRockWalkSusPlus"
        ]),
        GrooveFamily("twist", .rock, "4/4", mmaBeats: 4, fill: nil, ["Twist", "Twist4", "TwistSus", "Twist4Sus"]),
        GrooveFamily("strut", .rock, "4/4", mmaBeats: 4, fill: nil, ["Strut", "StrutSus", "Strut2", "Strut2Sus"]),
        GrooveFamily("bvfunk", .funk, "4/4", mmaBeats: 4, fill: nil, ["BVFunk", "BVFunkSus", "BVFunkHorns"]),
        GrooveFamily("dsoul", .funk, "4/4", mmaBeats: 4, fill: "DSoulFill", [
            "DSoul", "DSoulPlus", "DSoulSus", "DSoulSusPlus"
        ]),
        GrooveFamily("rb", .funk, "4/4", mmaBeats: 4, fill: "R&BFill", ["R&B", "R&BSus", "R&BPlus", "R&BSusPlus"]),
        GrooveFamily("ballad", .ballad, "4/4", mmaBeats: 4, fill: "BalladFill", [
            "Ballad", "BalladSus", "Ballad1", "Ballad1Sus", "BalladPlus", "BalladSusPlus", "Ballad1Plus",
            "Ballad1SusPlus"
        ]),
        GrooveFamily("ballad128", .ballad, "4/4", mmaBeats: 4, fill: nil, [
            "Ballad128", "Ballad128Plus", "Ballad128Sus", "Ballad128SusPlus"
        ]),
        GrooveFamily("ballad68", .ballad, "4/4", mmaBeats: 4, fill: nil, [
            "Ballad68", "Ballad68Plus", "Ballad68Sus", "Ballad68SusPlus"
        ]),
        GrooveFamily("pianoballad", .ballad, "4/4", mmaBeats: 4, fill: "PianoBalladFill", [
            "PianoBallad", "PianoBallad1", "PianoBalladSus", "PianoBallad1Sus", "PianoBallad2", "PianoBallad2Sus"
        ]),
        GrooveFamily("popballad", .ballad, "4/4", mmaBeats: 4, fill: nil, [
            "PopBallad", "PopBallad1", "PopBallad2", "PopBalladPlus", "PopBallad1Plus", "PopBallad2Plus",
            "PopBalladSus", "PopBallad2Sus", "PopBalladSusPlus", "PopBallad2SusPlus"
        ]),
        GrooveFamily("rockballad", .ballad, "4/4", mmaBeats: 4, fill: nil, [
            "RockBallad", "RockBallad1", "RockBalladVoice", "RockBallad1Voice"
        ]),
        GrooveFamily("rb-ballad", .ballad, "4/4", mmaBeats: 4, fill: "R&B-BalladFill", [
            "R&B-Ballad", "R&B-BalladSus", "R&B-BalladPlus", "R&B-BalladSusPlus"
        ]),
        GrooveFamily("guitarballad", .ballad, "4/4", mmaBeats: 4, fill: nil, [
            "GuitarBallad", "GuitarBallad1", "GuitarBalladSus", "GuitarBallad1Sus"
        ]),
        GrooveFamily("stringballad", .ballad, "4/4", mmaBeats: 4, fill: nil, [
            "StringBallad", "StringBalladVoice", "StringBalladStrum", "StringBalladVoiceStrum", "StringBalladPlus",
            "StringBalladStrumPlus", "StringBalladVoicePlus"
        ]),
        GrooveFamily("folkballad", .ballad, "4/4", mmaBeats: 4, fill: nil, [
            "FolkBallad", "FolkBallad1", "FolkBalladPlus", "FolkBallad1Plus", "FolkBalladSus", "FolkBalladSusPlus",
            "FolkBallad1Sus", "FolkBallad1SusPlus"
        ]),
        GrooveFamily("arpeggio68", .ballad, "6/8", mmaBeats: 6, fill: nil, [
            "Arpeggio68", "Arpeggio68-16", "Arpeggio68-816", "Arpeggio68Sus", "Arpeggio68Sus-16", "Arpeggio68Sus-816"
        ]),
        GrooveFamily("blues", .blues, "4/4", mmaBeats: 4, fill: nil, [
            "Blues", "BluesTriple", "BluesSus", "BluesTripleSus", "BluesTripleL", "BluesTripleLSus", "BluesTripleR",
            "BluesTripleRSus", "Blues1", "Blues1Sus"
        ]),
        GrooveFamily("blues128", .blues, "4/4", mmaBeats: 4, fill: nil, [
            "Blues128", "Blues128Plus", "Blues128Sus", "Blues128SusPlus"
        ]),
        GrooveFamily("blues68", .blues, "6/8", mmaBeats: 6, fill: nil, [
            "Blues68", "Blues68Plus", "Blues68Walk", "Blues68WalkPlus"
        ]),
        GrooveFamily("fastblues", .blues, "4/4", mmaBeats: 4, fill: nil, [
            "FastBlues", "FastBluesSus", "FastBluesWalk", "FastBluesWalkSus", "FastBlues1", "FastBlues1Sus"
        ]),
        GrooveFamily("slowblues", .blues, "4/4", mmaBeats: 4, fill: nil, [
            "SlowBlues", "SlowBluesSus", "SlowBluesWalk4", "SlowBluesWalk4Sus", "SlowBluesWalk8", "SlowBluesWalk8Sus",
            "SlowBlues12Triple", "SlowBlues34Triple", "SlowBlues4Triple"
        ]),
        GrooveFamily("countryblues", .blues, "4/4", mmaBeats: 4, fill: nil, [
            "CountryBlues", "CountryBluesSus", "CountryBluesWalk", "CountryBluesWalkSus", "CountryBlues1",
            "CountryBlues1Sus", "CountryBlues1Walk", "CountryBlues1WalkSus"
        ]),
        GrooveFamily("bluefolk", .blues, "4/4", mmaBeats: 4, fill: nil, [
            "BlueFolk", "BlueFolk2", "BlueFolkPlus", "BlueFolk2Plus", "BlueFolkSus", "BlueFolk2Sus",
            "BlueFolkSusPlus", "BlueFolk2SusPlus"
        ]),
        GrooveFamily("shuffleboggie", .shuffle, "4/4", mmaBeats: 4, fill: "ShuffleBoggieFill", [
            "ShuffleBoggie", "ShuffleBoggie1", "ShuffleBoggieSus"
        ]),
        GrooveFamily("boggiewoggie", .shuffle, "4/4", mmaBeats: 4, fill: nil, [
            "BoggieWoggie", "BoggieWoggie1", "BoggieWoggie2", "BoggieWoggie3", "BoggieWoggieSus", "BoggieWoggie1Sus",
            "BoggieWoggie2Sus", "BoggieWoggie3Sus"
        ]),
        GrooveFamily("jive", .shuffle, "4/4", mmaBeats: 4, fill: nil, [
            "Jive", "JiveClap", "JiveSus", "JiveClapSus", "JivePlus", "JiveSusPlus", "Jive1", "Jive1Clap", "Jive1Sus",
            "Jive1ClapSus", "Jive1Plus", "Jive1SusPlus"
        ]),
        GrooveFamily("ska", .ska, "4/4", mmaBeats: 4, fill: nil, ["Ska", "Ska1", "SkaSus", "Ska1Sus", "SkaClap"]),
        GrooveFamily("countryswing", .country, "4/4", mmaBeats: 4, fill: nil, [
            "CountrySwing", "CountrySwingSus", "CountrySwing1", "CountrySwing1Sus", "CountrySwing2",
            "CountrySwing2Sus"
        ]),
        GrooveFamily("slowcountry", .country, "4/4", mmaBeats: 4, fill: nil, [
            "SlowCountry", "SlowCountrySus", "SlowCountryWalk", "SlowCountryWalkSus", "SlowCountryPlus",
            "SlowCountrySusPlus", "SlowCountryWalkPlus", "SlowCountryWalkSusPlus"
        ]),
        GrooveFamily("bluegrass", .country, "4/4", mmaBeats: 4, fill: nil, [
            "BlueGrass", "BlueGrassClap", "BlueGrassBottle", "BlueGrassBottleClap", "BlueGrassSus",
            "BlueGrassSusClap"
        ]),
        GrooveFamily("hillcountry", .country, "4/4", mmaBeats: 4, fill: "HillCountryFill", [
            "HillCountry", "HillCountryPlus", "HillCountrySus", "HillCountrySusPlus"
        ]),
        GrooveFamily("westernswing", .country, "4/4", mmaBeats: 4, fill: nil, [
            "WesternSwing", "WesternSwingSus", "WesternSwingPlus", "WesternSwingSusPlus"
        ]),
        GrooveFamily("zydeco", .country, "4/4", mmaBeats: 4, fill: nil, [
            "Zydeco", "ZydecoPlus", "ZydecoSus", "ZydecoSusPlus"
        ]),
        GrooveFamily("spiritual", .gospel, "4/4", mmaBeats: 4, fill: nil, [
            "Spiritual", "SpiritualPlus", "SpiritualSus", "SpiritualSusPlus"
        ]),
        GrooveFamily("slowspiritual", .gospel, "4/4", mmaBeats: 4, fill: nil, [
            "SlowSpiritual", "SlowSpiritualSus", "SlowSpiritualPlus", "SlowSpiritualSusPlus"
        ]),
        GrooveFamily("popspiritual", .gospel, "4/4", mmaBeats: 4, fill: nil, [
            "PopSpiritual", "PopSpiritualSus", "PopSpiritualPlus", "PopSpiritualSusPlus"
        ]),
        GrooveFamily("hymn", .gospel, "4/4", mmaBeats: 4, fill: nil, [
            "Hymn", "HymnRoot", "HymnWalk", "HymnRootWalk", "HymnPlus", "HymnWalkPlus", "HymnRootPlus",
            "HymnRootWalkPlus"
        ]),
        GrooveFamily("march", .march, "4/4", mmaBeats: 4, fill: nil, [
            "March", "March1", "March1Slow", "March2", "March3", "March4"
        ]),
        GrooveFamily("bwmarch", .march, "4/4", mmaBeats: 4, fill: "BWMarchFill", [
            "BWMarch", "BWMarchPlus", "BWMarchSus", "BWMarchSusPlus", "BWMarchPlus2", "BWMarchSusPlus2"
        ]),
        GrooveFamily("dixiemarch", .march, "4/4", mmaBeats: 4, fill: nil, [
            "DixieMarch", "DixieMarchPlus", "DixieMarchSus", "DixieMarchSusPlus"
        ]),
        GrooveFamily("68march", .march, "6/8", mmaBeats: 2, fill: "68MarchFill", [
            "68March", "68MarchPlus", "68MarchSus", "68MarchSusPlus"
        ]),
        GrooveFamily("polka", .march, "4/4", mmaBeats: 4, fill: nil, [
            "Polka", "PolkaSus", "PolkaArp", "PolkaSusArp", "Polka1", "Polka1Sus", "Polka1Arp", "Polka1SusArp"
        ]),
        GrooveFamily("dixie", .dixieland, "4/4", mmaBeats: 4, fill: nil, [
            "Dixie", "Dixie1", "Dixie2", "Dixie3", "Dixie4", "DixieStrum", "Dixie4Strum", "DixieSus", "Dixie1Sus",
            "Dixie2Sus", "Dixie3Sus", "Dixie4Sus", "DixieStrumSus"
        ]),
        GrooveFamily("charleston", .dixieland, "4/4", mmaBeats: 4, fill: nil, [
            "Charleston", "Charleston1", "Charleston2", "CharlestonWalk", "Charleston1Walk", "Charleston2Walk",
            "CharlestonSus", "Charleston1Sus", "Charleston2Sus", "CharlestonWalkSus", "Charleston1WalkSus",
            "Charleston2WalkSus", "CharlestonPlus", "Charleston1Plus", "Charleston2Plus", "CharlestonWalkPlus",
            "Charleston1WalkPlus", "Charleston2WalkPlus", "CharlestonSusPlus", "Charleston1SusPlus",
            "Charleston2SusPlus", "CharlestonWalkSusPlus", "Charleston1WalkSusPlus", "Charleston2WalkSusPlus"
        ]),
        GrooveFamily("ragtime", .dixieland, "4/4", mmaBeats: 4, fill: nil, [
            "RagTime", "RagtimePlus", "RagtimeSus", "RagtimeSusPlus"
        ]),
        GrooveFamily("broadway", .showtune, "4/4", mmaBeats: 4, fill: "BroadwayFill", [
            "Broadway", "Broadway1", "BroadwaySus", "Broadway1Sus", "Broadway2", "Broadway2Sus"
        ]),
        GrooveFamily("showtune", .showtune, "4/4", mmaBeats: 4, fill: nil, [
            "ShowTune", "ShowTune1", "ShowTune2", "ShowTunePlus", "ShowTune1Plus", "ShowTune2Plus"
        ]),
        GrooveFamily("slowbroadway", .showtune, "4/4", mmaBeats: 4, fill: nil, [
            "SlowBroadway", "SlowBroadway1", "SlowBroadwaySus", "SlowBroadway1Sus"
        ]),
        GrooveFamily("foxtrot", .showtune, "4/4", mmaBeats: 4, fill: "FoxtrotFill", [
            "Foxtrot", "FoxtrotSus", "FoxTrotPlus", "FoxTrotSusPlus", "Foxtrot1", "FoxTrot1Sus", "FoxTrot1Plus",
            "FoxTrot1SusPlus"
        ]),
        GrooveFamily("quickstep", .showtune, "4/4", mmaBeats: 4, fill: nil, [
            "QuickStep", "QuickStepHit", "QuickStepSus", "QuickStepHitSus", "QuickStepDuh", "QuickStepDuhSus",
            "QuickStepWalk", "QuickStepHitWalk", "QuickStepSusWalk", "QuickStepHitSusWalk", "QuickStepDuhWalk",
            "QuickStepDuhSusWalk"
        ]),
        GrooveFamily("softshoe", .showtune, "4/4", mmaBeats: 4, fill: nil, [
            "Softshoe", "SoftShoePlus", "SoftShoeSus", "SoftShoeSusPlus"
        ]),
    ]

    /// The family a groove (or fill groove) belongs to, ignoring case as MMA does.
    public static func family(ofGroove groove: String) -> GrooveFamily? {
        let name = groove.lowercased()
        return families.first { family in
            family.fill?.lowercased() == name || family.grooves.contains { $0.lowercased() == name }
        }
    }

    /// The families of a style that play in a meter.
    public static func families(_ style: CorpusStyle, in meter: Meter) -> [GrooveFamily] {
        families.filter { $0.style == style && $0.meter == meter }
    }

    /// The styles that have at least one family in `meter`.
    public static func styles(in meter: Meter) -> Set<CorpusStyle> {
        Set(families.filter { $0.meter == meter }.map(\.style))
    }
}
