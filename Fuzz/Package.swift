// swift-tools-version: 6.0
// The libFuzzer build of gameday's fuzz targets. A package of its own, so that the main package's `swift build`
// and `swift test` never see sanitizer flags or a libFuzzer entry point; it depends on the main package by path
// and uses its `GameDayFuzzing` library, where the targets live (and where the tests replay every finding).
//
//   swift build -c debug --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product gameday-fuzz
//
// (`scripts/fuzz` runs that, then each target; see the README's Hardening section.)
import PackageDescription

let package = Package(
    name: "gameday-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "gameday", path: "..")],
    targets: [
        .executableTarget(
            name: "gameday-fuzz",
            dependencies: [.product(name: "GameDayFuzzing", package: "gameday")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
