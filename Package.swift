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
targets += [
    .target(
        name: "TestCatalog",
        dependencies: ["Results"],
        path: "Sources/TestCatalog"
    ),
    .testTarget(name: "TestCatalogTests", dependencies: ["TestCatalog", "Results"]),
]

// MARK: QUICTrace

// MARK: NetworkSimulator

// MARK: Orchestration
targets += [
    // One job's life: workspace, certificates, namespaces, endpoint launch, teardown.
    .target(
        name: "Orchestration",
        dependencies: [
            "Results",
            "TestCatalog",
            "EndpointLauncher",
            "CLinuxSupport",
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Subprocess", package: "swift-subprocess"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "SystemPackage", package: "swift-system"),
        ],
        path: "Sources/Orchestration"
    ),
    // Enters a job's network namespace and a private mount namespace, then execs one endpoint.
    .executableTarget(
        name: "interop-endpoint-exec",
        dependencies: ["EndpointLauncher"],
        path: "Sources/interop-endpoint-exec"
    ),
    // The launcher's arguments and namespace/mount steps (Glibc only, no Foundation: it starts once per endpoint).
    .target(
        name: "EndpointLauncher",
        dependencies: ["CLinuxSupport"],
        path: "Sources/EndpointLauncher"
    ),
    // setns(2), unshare(2), raw signal reset and stat identity, which Swift's Glibc module cannot express reliably.
    .target(name: "CLinuxSupport", path: "Sources/CLinuxSupport"),
    // Per-job costs of certificates and the endpoint launcher; prints one JSON line.
    .executableTarget(
        name: "bench-job-setup",
        dependencies: ["Orchestration", "EndpointLauncher", .product(name: "SystemPackage", package: "swift-system")],
        path: "bench/job-setup"
    ),
    .testTarget(
        name: "OrchestrationTests",
        dependencies: [
            "Orchestration",
            "EndpointLauncher",
            "interop-endpoint-exec",
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Subprocess", package: "swift-subprocess"),
            .product(name: "SystemPackage", package: "swift-system"),
        ]
    ),
]

// MARK: Batch
targets += [
    .target(
        name: "Batch",
        dependencies: [
            "Results",
            "TestCatalog",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Logging", package: "swift-log"),
        ],
        path: "Sources/Batch"
    ),
    .testTarget(name: "BatchTests", dependencies: ["Batch", "Results", "TestCatalog"]),
]

// MARK: Reporters

// MARK: interop-runner
targets += [
    .executableTarget(
        name: "interop-runner",
        dependencies: [
            "Batch",
            "Results",
            "TestCatalog",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ],
        path: "Sources/interop-runner"
    ),
    .testTarget(name: "InteropRunnerTests", dependencies: ["interop-runner", "Batch", "Results"]),
]

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
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
