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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
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
        .executableTarget(
            name: "sideman",
            dependencies: [
                "MusicTheory", "Arrangement",
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
            name: "SidemanTests", dependencies: ["sideman", "Arrangement", "MusicTheory", "TestSupport"],
            exclude: ["Scripts"]),
        .testTarget(name: "SystemLibrariesTests", dependencies: ["CNCursesW", "CALSA", "CSndFile", "COpenBLAS"]),

        // libFuzzer targets for the readers that take user files (see README, "Fuzzing").
        .target(name: "FuzzSupport", path: "Tests/Fuzz/FuzzSupport"),
        .executableTarget(
            name: "fuzz-chart", dependencies: ["MusicTheory", "FuzzSupport"], path: "Tests/Fuzz/ChartFuzzer",
            exclude: ["corpus"]),
        .executableTarget(
            name: "fuzz-midi", dependencies: ["Arrangement", "FuzzSupport"], path: "Tests/Fuzz/MIDIFuzzer",
            exclude: ["corpus"]),
    ]
)
