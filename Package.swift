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

// MARK: NetworkSimulator
targets += [
    // Linux calls Swift cannot import directly: packet sockets with recvmmsg/sendmmsg, setns on a thread, ethtool.
    .target(name: "CNetworkSimulator", path: "Sources/CNetworkSimulator"),
    // Scenario parsing with ns-3 semantics, the seeded link model, the forwarding engine and the pcap writer.
    .target(name: "NetworkSimulator", dependencies: ["CNetworkSimulator"], path: "Sources/NetworkSimulator"),
    // The simulator process that runs inside a job's simulator namespace.
    .executableTarget(
        name: "interop-sim",
        dependencies: ["NetworkSimulator", .product(name: "ArgumentParser", package: "swift-argument-parser")],
        path: "Sources/interop-sim"
    ),
    .testTarget(name: "NetworkSimulatorTests", dependencies: ["NetworkSimulator"]),
]

// MARK: Orchestration
targets += [
    // One job's life: network namespaces and the simulator process (more to come: workspace, endpoints).
    .target(
        name: "Orchestration",
        dependencies: [
            "Results", "NetworkSimulator",
            .product(name: "Subprocess", package: "swift-subprocess"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "SystemPackage", package: "swift-system"),
        ],
        path: "Sources/Orchestration"
    ),
    // Root-only tests run real namespaces and the built interop-sim, which they depend on so it is built first.
    .testTarget(
        name: "OrchestrationTests",
        dependencies: [
            "Orchestration", "NetworkSimulator", "interop-sim",
            .product(name: "Subprocess", package: "swift-subprocess"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "SystemPackage", package: "swift-system"),
        ]
    ),
]

// MARK: Batch

// MARK: Reporters

// MARK: interop-runner

// MARK: Benchmarks
targets += [
    // Link simulator figures: goodput, RTT, loss pattern, forwarding rate, job network set-up time.
    .executableTarget(
        name: "bench-simulator",
        dependencies: ["Orchestration", "NetworkSimulator", .product(name: "Logging", package: "swift-log")],
        path: "bench/simulator",
        exclude: ["udp_probe.py"]
    ),
]

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
