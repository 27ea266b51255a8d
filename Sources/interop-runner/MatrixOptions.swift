import ArgumentParser
import Batch
import Foundation
import Results

/// The options that choose a matrix, shared by `run` and `validate`: upstream's flags plus `--spec`.
struct MatrixOptions: ParsableArguments {
    @Option(name: [.customShort("p"), .customLong("protocol")], help: "quic or webtransport (default quic).")
    var protocolKind: WireProtocol?

    @Option(name: [.customShort("s"), .long], help: "Server implementations (comma-separated).")
    var server: String?

    @Option(name: [.customShort("c"), .long], help: "Client implementations (comma-separated).")
    var client: String?

    @Option(
        name: [.customShort("t"), .long],
        help: "Test cases and measurements (comma-separated), or onlyTests / onlyMeasurements.")
    var test: String?

    @Option(name: [.customShort("r"), .long], help: "Replace an implementation's image: name=image,...")
    var replace: String?

    @Option(
        name: [.customShort("i"), .customLong("must-include")], help: "Only pairs that include this implementation.")
    var mustInclude: String?

    @Option(
        name: [.customShort("n"), .customLong("no-auto-unsupported")],
        help: "Implementations (comma-separated) never auto-marked unsupported when failing against all peers.")
    var noAutoUnsupported: String?

    @Option(name: .long, help: "A matrix spec (YAML or JSON); command-line flags override it.")
    var spec: String?

    @Option(name: .customLong("registry"), help: "A registry file (repeatable); replaces the default registries.")
    var registries: [String] = []

    @Option(name: .long, help: "How endpoints start: process, docker or auto.")
    var runtime: Runtime?

    @Option(name: .long, help: "Pull a missing Docker image before the run (missing, the default) or not (never).")
    var pull: PullPolicy?

    /// The options as Batch reads them.
    func runOptions() -> RunOptions {
        var options = RunOptions()
        options.protocolKind = protocolKind
        options.servers = server
        options.clients = client
        options.tests = test
        options.replace = replace
        options.mustInclude = mustInclude
        options.noAutoUnsupported = noAutoUnsupported
        options.registries = registries
        options.runtime = runtime
        options.pull = pull
        return options
    }

    /// Loads the spec (if any) and resolves everything, throwing every problem at once; `seedWhenNoneGiven` replaces
    /// a random seed.
    func resolve(_ options: RunOptions, seedWhenNoneGiven: UInt64? = nil) throws -> RunConfiguration {
        try RunConfiguration.resolve(
            options: options,
            specFile: spec,
            environment: RunConfiguration.Environment(
                defaultRegistries: { DefaultRegistries.paths(for: $0) },
                menu: { TestMenu(catalogFor: $0) },
                cores: ProcessInfo.processInfo.activeProcessorCount,
                now: Date(),
                randomSeed: { seedWhenNoneGiven ?? UInt64.random(in: 0...UInt64.max) }
            )
        )
    }
}
