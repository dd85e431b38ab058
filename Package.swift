// swift-tools-version: 6.1
// The layout follows ../shared/DESIGN.md: system-library targets for the C libraries, one library
// target per layer, one test target per module, and the thin `sideman` executable on top.
import PackageDescription

let package = Package(
    name: "sideman",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sideman", targets: ["sideman"]),
        .library(name: "MusicTheory", targets: ["MusicTheory"]),
        .library(name: "Arrangement", targets: ["Arrangement"]),
        .library(name: "Tensor", targets: ["Tensor"]),
        .library(name: "Accompanist", targets: ["Accompanist"]),
        .library(name: "Synthesis", targets: ["Synthesis"]),
        .library(name: "AudioIO", targets: ["AudioIO"]),
        .library(name: "Studio", targets: ["Studio"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-atomics.git", from: "1.3.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        // C libraries: a modulemap and a shim header each, nothing else.
        .systemLibrary(name: "CNCursesW", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CALSA", pkgConfig: "alsa", providers: [.apt(["libasound2-dev"])]),
        .systemLibrary(name: "CSndFile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),

        // Layers, lowest first.
        // Rounding and square roots come from libm, which a Foundation-free executable does not pull in.
        .target(name: "MusicTheory", linkerSettings: [.linkedLibrary("m")]),
        .target(name: "Arrangement", dependencies: ["MusicTheory"]),
        // A small CPU tensor engine on CBLAS: ops with forward and backward passes, optimizers,
        // safetensors. Knows nothing about music. Optimised in debug builds too, as Synthesis is.
        .target(
            name: "Tensor", dependencies: ["COpenBLAS"],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // The model and its data: the training corpus builder (MMA renders of generated progressions),
        // the piano-roll codec, conditioning, denoiser, schedules, samplers, trainer and evaluation.
        // Optimised in debug builds too: an unoptimised sampler is far too slow to test.
        .target(
            name: "Accompanist",
            dependencies: ["MusicTheory", "Arrangement", "Tensor", .product(name: "Crypto", package: "swift-crypto")],
            // The shipped model (see the README's model card).
            resources: [.copy("Resources/sideman-base.safetensors")],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // Pure DSP: knows no music theory and does no I/O.
        // Optimised in debug builds too: unoptimised DSP runs a hundred times slower than real
        // time, which makes a debug build unable to play and its tests crawl.
        .target(
            name: "Synthesis", dependencies: [.product(name: "Atomics", package: "swift-atomics")],
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // ALSA playback and MIDI ports, libsndfile export; knows no music theory.
        .target(name: "AudioIO", dependencies: ["CALSA", "CSndFile", "Synthesis"]),
        // The session: chart and controls to takes, takes to sound and files.
        .target(
            name: "Studio",
            dependencies: ["MusicTheory", "Arrangement", "Accompanist", "Synthesis", "AudioIO", .product(name: "Atomics", package: "swift-atomics")]),
        .executableTarget(
            name: "sideman",
            dependencies: [
                "MusicTheory", "Arrangement", "Tensor", "Accompanist", "Synthesis", "AudioIO", "Studio",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Tests: one target per module, and helpers they share.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "MusicTheoryTests",
            dependencies: [
                "MusicTheory", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "ArrangementTests",
            dependencies: [
                "Arrangement", "MusicTheory", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "SidemanTests", dependencies: ["sideman", "Arrangement", "MusicTheory", "AudioIO", "TestSupport"],
            exclude: ["Scripts"]),
        .testTarget(
            name: "SynthesisTests",
            dependencies: ["Synthesis", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor", "TestSupport", "RealtimeProbe"]),
        .testTarget(
            name: "AccompanistTests",
            dependencies: ["Accompanist", "Tensor", "Arrangement", "MusicTheory", "TestSupport", .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(name: "AudioIOTests", dependencies: ["AudioIO", "Synthesis", "TestSupport"]),
        .testTarget(
            name: "StudioTests",
            dependencies: ["Studio", "Arrangement", "MusicTheory", "Synthesis", "AudioIO", "TestSupport", "RealtimeProbe"]),
        // Counts allocations and locks by watched threads, for the real-time safety test.
        .target(name: "RealtimeProbe", path: "Tests/RealtimeProbe", linkerSettings: [.linkedLibrary("dl")]),
        .testTarget(name: "SystemLibrariesTests", dependencies: ["CNCursesW", "CALSA", "CSndFile", "COpenBLAS"]),

        // libFuzzer targets for the readers that take user files (see README, "Fuzzing").
        .target(name: "FuzzSupport", path: "Tests/Fuzz/FuzzSupport"),
        .executableTarget(
            name: "fuzz-chart", dependencies: ["MusicTheory", "FuzzSupport"], path: "Tests/Fuzz/ChartFuzzer",
            exclude: ["corpus"]),
        .executableTarget(
            name: "fuzz-midi", dependencies: ["Arrangement", "FuzzSupport"], path: "Tests/Fuzz/MIDIFuzzer",
            exclude: ["corpus"]),
        .executableTarget(
            name: "fuzz-safetensors", dependencies: ["Tensor", "FuzzSupport"], path: "Tests/Fuzz/SafeTensorsFuzzer",
            exclude: ["corpus"]),
    ]
)
