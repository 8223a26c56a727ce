// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "gameday",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gameday", targets: ["gameday"]),
        .library(name: "GameDayEngine", targets: ["GameDayEngine"]),
        .library(name: "GameDayStore", targets: ["GameDayStore"]),
        .library(name: "GameDayReports", targets: ["GameDayReports"]),
        .library(name: "GameDayConsole", targets: ["GameDayConsole"]),
        .library(name: "GameDayFuzzing", targets: ["GameDayFuzzing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
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
        .target(
            name: "GameDayStore",
            dependencies: ["GameDayEngine", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "GameDayReports",
            dependencies: ["GameDayEngine", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Templates")]
        ),
        .target(name: "GameDayConsole", dependencies: ["GameDayEngine"]),
        .executableTarget(
            name: "gameday",
            dependencies: [
                "GameDayEngine",
                "GameDayStore",
                "GameDayReports",
                "GameDayConsole",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "WorstCases"),
        .target(name: "GameDayFuzzing", dependencies: ["GameDayEngine", "GameDayConsole"]),
        .executableTarget(name: "gameday-bench", dependencies: ["GameDayEngine", "WorstCases"], path: "Benchmarks/gameday-bench"),
        .testTarget(name: "YAMLNodeTests", dependencies: ["YAMLNode"]),
        .testTarget(name: "HardeningTests", dependencies: ["GameDayEngine", "GameDayConsole", "WorstCases", "GameDayFuzzing"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "GameDayModelTests", dependencies: ["GameDayModel"]),
        .testTarget(name: "GameDayEngineTests", dependencies: ["GameDayEngine"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GameDayReportsTests", dependencies: ["GameDayReports"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GameDayConsoleTests", dependencies: ["GameDayConsole"]),
        .testTarget(name: "GameDayCLITests", dependencies: ["GameDayEngine", "gameday"]),
        .testTarget(name: "GameDayStoreTests", dependencies: ["GameDayStore", "gameday"], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
