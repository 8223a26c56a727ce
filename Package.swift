// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "gameday",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gameday", targets: ["gameday"]),
        .library(name: "GameDayEngine", targets: ["GameDayEngine"]),
        .library(name: "GameDayStore", targets: ["GameDayStore"]),
        .library(name: "GameDayReports", targets: ["GameDayReports"]),
        .library(name: "GameDayConsole", targets: ["GameDayConsole"]),
        .library(name: "GameDayRunbook", targets: ["GameDayRunbook"]),
        .library(name: "GameDayWhatIf", targets: ["GameDayWhatIf"]),
        .library(name: "GameDayDelivery", targets: ["GameDayDelivery"]),
        .library(name: "GameDayWeb", targets: ["GameDayWeb"]),
        .library(name: "GameDayFuzzing", targets: ["GameDayFuzzing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.3"),
        .package(url: "https://github.com/apple/swift-crypto", "3.9.0"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "YAMLNode", dependencies: ["CLibYAML"]),
        .systemLibrary(
            name: "CCMark",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // libcurl's headers only: CCurl loads libcurl with dlopen when inject delivery first needs it, so that no
        // other command pays for loading it and the libraries it brings (headers: libcurl4-openssl-dev).
        .target(name: "CCurl"),
        .target(name: "MarkdownNode", dependencies: ["CCMark", "YAMLNode"]),
        .target(name: "GameDayModel", dependencies: ["YAMLNode"]),
        .target(name: "GameDayEngine", dependencies: ["GameDayModel"]),
        .target(
            name: "GameDayStore",
            dependencies: [
                "GameDayEngine",
                "MarkdownNode",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "GameDayReports",
            dependencies: ["GameDayEngine", "GameDayRunbook", "GameDayWhatIf", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Templates")]
        ),
        .target(name: "GameDayConsole", dependencies: ["GameDayEngine"]),
        .target(name: "GameDayDelivery", dependencies: ["GameDayModel", "CCurl"]),
        .target(
            name: "GameDayWeb",
            dependencies: [
                "GameDayConsole",
                "GameDayReports",
                "GameDayDelivery",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "GameDayRunbook", dependencies: ["GameDayEngine", "MarkdownNode"], resources: [.copy("Catalog")]),
        .target(name: "GameDayWhatIf", dependencies: ["GameDayRunbook"]),
        .executableTarget(
            name: "gameday",
            dependencies: [
                "GameDayEngine",
                "GameDayStore",
                "GameDayReports",
                "GameDayConsole",
                "GameDayRunbook",
                "GameDayWhatIf",
                "GameDayDelivery",
                "GameDayWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "WorstCases"),
        .target(name: "GameDayFuzzing", dependencies: ["GameDayEngine", "GameDayConsole", "GameDayRunbook"]),
        .executableTarget(name: "gameday-bench", dependencies: ["GameDayEngine", "GameDayWhatIf", "WorstCases"], path: "Benchmarks/gameday-bench"),
        .testTarget(name: "YAMLNodeTests", dependencies: ["YAMLNode"]),
        .testTarget(name: "HardeningTests", dependencies: ["GameDayEngine", "GameDayConsole", "WorstCases", "GameDayFuzzing"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "GameDayModelTests", dependencies: ["GameDayModel"]),
        .testTarget(name: "GameDayEngineTests", dependencies: ["GameDayEngine"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GameDayReportsTests", dependencies: ["GameDayReports"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GameDayConsoleTests", dependencies: ["GameDayConsole"]),
        .testTarget(name: "GameDayDeliveryTests", dependencies: ["GameDayDelivery"]),
        .testTarget(name: "GameDayWebTests", dependencies: ["GameDayWeb"]),
        .testTarget(name: "GameDayRunbookTests", dependencies: ["GameDayRunbook"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GameDayWhatIfTests", dependencies: ["GameDayWhatIf"]),
        .testTarget(name: "GameDayCLITests", dependencies: ["GameDayEngine", "gameday"]),
        .testTarget(name: "GameDayStoreTests", dependencies: ["GameDayStore", "gameday"], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)
