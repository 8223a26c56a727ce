// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "gameday",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gameday", targets: ["gameday"]),
        .library(name: "GameDayEngine", targets: ["GameDayEngine"]),
        .library(name: "GameDayConsole", targets: ["GameDayConsole"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "YAMLNode", dependencies: ["CLibYAML"]),
        .target(name: "GameDayModel", dependencies: ["YAMLNode"]),
        .target(name: "GameDayEngine", dependencies: ["GameDayModel"]),
        .target(name: "GameDayConsole", dependencies: ["GameDayEngine"]),
        .executableTarget(
            name: "gameday",
            dependencies: [
                "GameDayEngine",
                "GameDayConsole",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "gameday-bench", dependencies: ["GameDayEngine"], path: "Benchmarks/gameday-bench"),
        .testTarget(name: "YAMLNodeTests", dependencies: ["YAMLNode"]),
        .testTarget(name: "GameDayModelTests", dependencies: ["GameDayModel"]),
        .testTarget(name: "GameDayEngineTests", dependencies: ["GameDayEngine"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GameDayConsoleTests", dependencies: ["GameDayConsole"]),
        .testTarget(name: "GameDayCLITests", dependencies: ["GameDayEngine", "gameday"]),
    ],
    swiftLanguageModes: [.v6]
)
