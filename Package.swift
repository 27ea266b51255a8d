// swift-tools-version: 6.2
import PackageDescription

// Each module owns one block below; keep a module's targets together so parallel work merges cleanly.
var targets: [Target] = []

// MARK: Results
targets += [
    .target(
        name: "Results",
        dependencies: [],
        path: "Sources/Results"
    ),
    .testTarget(name: "ResultsTests", dependencies: ["Results"]),
]

// MARK: TestCatalog

// MARK: QUICTrace
targets += [
    // Streaming pcap/pcapng reader and QUIC v1/v2 dissector with key-log decryption and trace checks.
    .target(
        name: "QUICTrace",
        dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ],
        path: "Sources/QUICTrace"
    ),
    .testTarget(
        name: "QUICTraceTests",
        dependencies: ["QUICTrace"],
        path: "Tests/QUICTraceTests",
        resources: [.copy("Fixtures")]
    ),
    // Benchmark: analyzes transfer and key-update traces with decryption against one tshark pass.
    .executableTarget(
        name: "bench-trace", dependencies: ["QUICTrace"], path: "bench/trace", exclude: ["capture.py"]),
]

// MARK: NetworkSimulator

// MARK: Orchestration

// MARK: Batch

// MARK: Reporters

// MARK: interop-runner

// MARK: Benchmarks

for target in targets where target.type != .system {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("MemberImportVisibility"),
            .enableUpcomingFeature("InternalImportsByDefault"),
        ]
}

let package = Package(
    name: "interop-runner",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
