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

// MARK: StrictJSON
targets += [
    // Strict JSON (RFC 8259) with member order and line:column errors, for specs, registries and result.json.
    .target(name: "StrictJSON", path: "Sources/StrictJSON"),
    .testTarget(name: "StrictJSONTests", dependencies: ["StrictJSON"]),
]

// MARK: TestCatalog
targets += [
    .target(
        name: "TestCatalog",
        dependencies: ["Results", "QUICTrace"],
        path: "Sources/TestCatalog"
    ),
    .testTarget(
        name: "TestCatalogTests",
        dependencies: ["TestCatalog", "Results", "QUICTrace"],
        resources: [.copy("Fixtures")]
    ),
]

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
        dependencies: ["QUICTrace", "Results"],
        path: "Tests/QUICTraceTests",
        resources: [.copy("Fixtures")]
    ),
    // Benchmark: analyzes transfer and key-update traces with decryption against one tshark pass.
    .executableTarget(
        name: "bench-trace", dependencies: ["QUICTrace"], path: "bench/trace", exclude: ["capture.py"]),
]

// MARK: NetworkSimulator
targets += [
    // Linux calls Swift cannot import directly: packet sockets with recvmmsg/sendmmsg, setns on a thread, ethtool.
    .target(name: "CNetworkSimulator", path: "Sources/CNetworkSimulator"),
    // Scenario parsing with ns-3 semantics, the seeded link model, the forwarding engine and the pcap writer.
    .target(
        name: "NetworkSimulator", dependencies: ["CNetworkSimulator", "Results"], path: "Sources/NetworkSimulator"),
    // The simulator process that runs inside a job's simulator namespace.
    .executableTarget(
        name: "interop-sim",
        dependencies: [
            "NetworkSimulator", "Results", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        path: "Sources/interop-sim"
    ),
    // The catalog's scenario strings are parsed and their seeded patterns pinned here.
    .testTarget(name: "NetworkSimulatorTests", dependencies: ["NetworkSimulator", "Results", "TestCatalog"]),
]

// MARK: Orchestration
targets += [
    // One job's life: workspace, certificates, namespaces and simulator, endpoint launch, checks, teardown.
    .target(
        name: "Orchestration",
        dependencies: [
            "Results",
            "TestCatalog",
            "NetworkSimulator",
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
    // The docker runtime's namespace holder program: static, so its image holds nothing else.
    .executableTarget(
        name: "interop-pause",
        path: "Sources/interop-pause",
        linkerSettings: [.unsafeFlags(["-static-executable", "-Xlinker", "--gc-sections", "-Xlinker", "-s"])]
    ),
    // Per-job costs of certificates, the endpoint launcher and the endpoint sandbox; prints one JSON line.
    .executableTarget(
        name: "bench-job-setup",
        dependencies: [
            "Orchestration", "EndpointLauncher", .product(name: "SystemPackage", package: "swift-system"),
            .product(name: "Logging", package: "swift-log"),
        ],
        path: "bench/job-setup"
    ),
    .testTarget(
        name: "OrchestrationTests",
        dependencies: [
            "Orchestration",
            "NetworkSimulator",
            "Results",
            "EndpointLauncher",
            "interop-endpoint-exec",
            "interop-sim",
            "interop-pause",
            .product(name: "Logging", package: "swift-log"),
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
            "Orchestration",
            "EndpointLauncher",
            "StrictJSON",
            "NetworkSimulator",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Logging", package: "swift-log"),
        ],
        path: "Sources/Batch"
    ),
    .testTarget(name: "BatchTests", dependencies: ["Batch", "Orchestration", "Results", "TestCatalog"]),
]

// MARK: Reporters
targets += [
    // libxml2 for the JUnit writer; the C import stays behind this target.
    .systemLibrary(
        name: "CLibXML2",
        path: "Sources/CLibXML2",
        pkgConfig: "libxml-2.0",
        providers: [.apt(["libxml2-dev"])]
    ),
    // The C side of the JUnit writer: Swift sees only its header, never libxml2's (ICU clash with Foundation).
    .target(name: "CXMLWriter", dependencies: ["CLibXML2"], path: "Sources/CXMLWriter"),
    // Every report rendered from a RunResult: JUnit XML, upstream result.json, HTML, Markdown, terminal, archive.
    .target(
        name: "Reporters",
        dependencies: [
            "Results", "StrictJSON", "CXMLWriter", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ],
        path: "Sources/Reporters"
    ),
    .testTarget(
        name: "ReportersTests", dependencies: ["Reporters", "Results", "StrictJSON"], exclude: ["Snapshots"]),
]

// MARK: interop-runner
targets += [
    .executableTarget(
        name: "interop-runner",
        dependencies: [
            "Batch",
            "Orchestration",
            "Reporters",
            "Results",
            "TestCatalog",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ],
        path: "Sources/interop-runner"
    ),
    .testTarget(name: "InteropRunnerTests", dependencies: ["interop-runner", "Batch", "Results"]),
    // Whole runs against the real local endpoints and fixture endpoints (root); builds every executable it starts.
    .testTarget(
        name: "EndToEndTests",
        dependencies: [
            "Batch",
            "Orchestration",
            "QUICTrace",
            "Results",
            "TestCatalog",
            "interop-runner",
            "interop-sim",
            "interop-endpoint-exec",
            "interop-pause",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Yams", package: "Yams"),
        ],
        exclude: ["Fixtures"]
    ),
]

// MARK: Fuzzing
targets += [
    // Property-based fuzzing of every parser of outside input (spec, registry, journal, result.json, strict JSON):
    // mutated and random documents end in values or located problems, never a crash.
    .testTarget(
        name: "FuzzTests",
        dependencies: [
            "Batch", "Reporters", "Results", "StrictJSON",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]
    )
]

// MARK: Benchmarks
targets += [
    // All reports for a synthetic 20 x 20 x 24 run; prints time and peak memory as JSON.
    .executableTarget(
        name: "bench-reports",
        dependencies: ["Reporters", "Results"],
        path: "bench/reports"
    ),
    // The results site for 20 runs of the main job's size: build time and first render in Chromium; prints JSON.
    .executableTarget(
        name: "bench-site",
        dependencies: ["Reporters", "Results"],
        path: "bench/site"
    ),
    // Link simulator figures: goodput, RTT, loss pattern, forwarding rate, job network set-up time.
    .executableTarget(
        name: "bench-simulator",
        dependencies: ["Orchestration", "Results", .product(name: "Logging", package: "swift-log")],
        path: "bench/simulator",
        exclude: ["udp_probe.py"]
    ),
    // What the benchmarks that run real jobs share: the endpoint timing wrapper and quantiles.
    .target(name: "BenchSupport", dependencies: ["Batch"], path: "bench/support"),
    // Runner overhead per job around the endpoints' own time, and the --jobs 4 / --jobs 1 speed-up; prints JSON.
    .executableTarget(
        name: "bench-overhead",
        dependencies: [
            "Batch", "Orchestration", "Results", "BenchSupport", .product(name: "Logging", package: "swift-log"),
        ],
        path: "bench/overhead"
    ),
    // The main job's matrix at default flags and a documented subset at --jobs 2: wall, CPU, verdicts, flaky jobs,
    // the shard imbalance for N = 4 and the archive's size and time; prints JSON.
    .executableTarget(
        name: "bench-matrix",
        dependencies: ["Batch", "Reporters", "Results"],
        path: "bench/matrix"
    ),
    // 1,000 short jobs in one run: open files, namespaces, mounts, processes and cgroups before and after, the work
    // folders' bytes left, and the per-job overhead of the first and last 100 jobs; prints JSON.
    .executableTarget(
        name: "bench-soak",
        dependencies: [
            "Batch", "Orchestration", "Results", "BenchSupport", .product(name: "Logging", package: "swift-log"),
        ],
        path: "bench/soak"
    ),
    // The docker runtime's per-job overhead against the process runtime's on the same handshake matrix; prints JSON.
    .executableTarget(
        name: "bench-docker",
        dependencies: [
            "Batch", "Orchestration", "Results", "BenchSupport", .product(name: "Logging", package: "swift-log"),
        ],
        path: "bench/docker"
    ),
]

for target in targets where target.type != .system && !["CXMLWriter", "interop-pause"].contains(target.name) {
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
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
