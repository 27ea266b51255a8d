public import Foundation
public import Results

extension RunConfiguration {
    /// Where default files live and what the machine offers, so resolution itself stays pure.
    public struct Environment: Sendable {
        /// The registries used when neither the command line nor the spec names any.
        public var defaultRegistries: @Sendable (WireProtocol) -> [String]
        /// The menu of each protocol.
        public var menu: @Sendable (WireProtocol) -> TestMenu
        /// The machine's cores, which size the pool.
        public var cores: Int
        /// The run's start, for upstream's `logs_<time>` folder name.
        public var now: Date
        /// A seed when none is given.
        public var randomSeed: @Sendable () -> UInt64

        /// Creates an environment.
        public init(
            defaultRegistries: @escaping @Sendable (WireProtocol) -> [String],
            menu: @escaping @Sendable (WireProtocol) -> TestMenu,
            cores: Int,
            now: Date,
            randomSeed: @escaping @Sendable () -> UInt64
        ) {
            self.defaultRegistries = defaultRegistries
            self.menu = menu
            self.cores = cores
            self.now = now
            self.randomSeed = randomSeed
        }
    }

    /// Combines command-line options (which win) with a spec and the registries, checking everything at once.
    ///
    /// - Throws: `SpecProblems` listing every problem, each with its file and path.
    public static func resolve(
        options: RunOptions,
        spec: MatrixSpec?,
        environment: Environment
    ) throws(SpecProblems) -> RunConfiguration {
        var resolver = Resolver(options: options, spec: spec ?? MatrixSpec(file: "spec"))
        return try resolver.resolve(environment)
    }

    /// Reads the spec at `specFile` (if any) and resolves it with the options, reporting the spec's own problems
    /// (types, unknown keys) together with those found while resolving (unknown names), all at once.
    ///
    /// - Throws: `SpecProblems` listing every problem, each with its file and path.
    public static func resolve(
        options: RunOptions,
        specFile: String?,
        environment: Environment
    ) throws(SpecProblems) -> RunConfiguration {
        guard let specFile else { return try resolve(options: options, spec: nil, environment: environment) }
        let (spec, problems) = MatrixSpec.loadCollecting(from: specFile)
        guard let spec else {
            let place = Located(specFile, file: Resolver.commandLine, path: "--spec")
            throw SpecProblems(problems.map { $0.line == nil ? $0.placed(at: place) : $0 })
        }
        let configuration: RunConfiguration
        do {
            configuration = try resolve(options: options, spec: spec, environment: environment)
        } catch {
            throw SpecProblems(problems + error.problems)
        }
        if !problems.isEmpty { throw SpecProblems(problems) }
        return configuration
    }
}

/// Holds the problems found while resolving so that each step can add to them and go on.
private struct Resolver {
    let options: RunOptions
    let spec: MatrixSpec
    var problems: [SpecProblem] = []
    /// False when a registry could not be read: names are not checked against what is left of it, since every one
    /// would be "unknown" for no fault of its own.
    var registryComplete = true

    static let commandLine = "command line"

    mutating func resolve(_ environment: RunConfiguration.Environment) throws(SpecProblems) -> RunConfiguration {
        let protocolKind = options.protocolKind ?? spec.protocolKind ?? .quic
        var registry = loadRegistry(protocolKind, environment)
        let runtime = options.runtime ?? spec.runtime ?? .auto
        applyReplacements(&registry, runtime)

        var found = problems.count
        let clients = choose(.client, options.clients, "-c/--client", spec.clients, "clients", registry, runtime)
        if clients.isEmpty && registryComplete && problems.count == found {
            problems.append(nothingSelected(.client, options.clients, "-c/--client", "clients", runtime))
        }
        found = problems.count
        let servers = choose(.server, options.servers, "-s/--server", spec.servers, "servers", registry, runtime)
        if servers.isEmpty && registryComplete && problems.count == found {
            problems.append(nothingSelected(.server, options.servers, "-s/--server", "servers", runtime))
        }
        let menu = environment.menu(protocolKind)
        found = problems.count
        var (tests, measurements) = chooseTests(menu, protocolKind)
        if tests.isEmpty && measurements.isEmpty && problems.count == found {
            let place =
                options.tests.map { _ in Located("", file: Self.commandLine, path: "-t/--test") }
                ?? spec.places["tests"] ?? spec.places["measurements"]
                ?? Located("", file: Self.commandLine, path: "-t/--test")
            problems.append(place.problem("selects no test case and no measurement; a run needs at least one"))
        }
        applyTimeouts(&tests, &measurements, menu)

        let mustInclude =
            options.mustInclude.map { Located($0, file: Self.commandLine, path: "-i/--must-include") }
            ?? spec.mustInclude
        if let mustInclude, registry[mustInclude.value] == nil, registryComplete {
            problems.append(
                mustInclude.problem(Suggestion.unknown("implementation", mustInclude.value, in: registry.names)))
        }
        var pairs: [(client: String, server: String)] = []
        for client in clients {
            for server in servers
            where mustInclude == nil || client == mustInclude?.value || server == mustInclude?.value {
                pairs.append((client, server))
            }
        }
        if pairs.isEmpty, !clients.isEmpty, !servers.isEmpty, let mustInclude, registry[mustInclude.value] != nil {
            problems.append(
                mustInclude.problem(
                    "no selected pair includes \(Echo.quoted(mustInclude.value)): it is none of the clients "
                        + "(\(Self.list(clients))) and none of the servers (\(Self.list(servers)))"))
        }
        let pairedClients = unique(pairs.map(\.client))
        let pairedServers = unique(pairs.map(\.server))
        checkCommands(of: unique(pairedClients + pairedServers), in: registry, runtime)
        let noAutoUnsupported = chooseNoAutoUnsupported(clients: clients, servers: servers, registry: registry)
        let output = chooseOutput(environment.now)
        var programs: [String: EndpointProgram] = [:]
        for name in pairedClients + pairedServers {
            guard let entry = registry[name] else { continue }
            programs[name] = runtime.program(for: entry, imageReplaced: registry.replacedImages.contains(name))
        }
        problems += OutputTarget.problems(output.targets)

        if !problems.isEmpty { throw SpecProblems(problems) }
        return RunConfiguration(
            protocolKind: protocolKind,
            registry: registry,
            runtime: runtime,
            programs: programs,
            pull: options.pull ?? spec.pull ?? .missing,
            pairs: pairs,
            clients: pairedClients,
            servers: pairedServers,
            tests: tests,
            measurements: measurements,
            noAutoUnsupported: noAutoUnsupported,
            jobs: options.jobs ?? spec.jobs,
            cores: max(1, environment.cores),
            seed: options.seed ?? spec.seed ?? environment.randomSeed(),
            saveFiles: options.saveFiles ?? spec.saveFiles ?? false,
            limits: (spec.limits ?? MatrixSpec.Limits()).resolved,
            debug: options.debug,
            markdown: options.markdown,
            output: output,
            retries: options.retries ?? spec.retries ?? 0,
            deadline: options.deadline ?? spec.deadline,
            shard: options.shard ?? spec.shard,
            keepTraces: options.keepTraces ?? spec.keepTraces ?? .failed,
            resumes: options.resume != nil
        )
    }

    /// The problem of a role with no implementation: a selection that is empty, or `all` of a registry none of whose
    /// entries can run in that role.
    private func nothingSelected(
        _ perspective: Perspective, _ argument: String?, _ flag: String, _ key: String, _ runtime: Runtime
    ) -> SpecProblem {
        let role = perspective.rawValue
        let commandLine = Located("", file: Self.commandLine, path: flag)
        let selection = perspective == .client ? spec.clients : spec.servers
        let place = argument == nil ? spec.places[key] ?? commandLine : commandLine
        if argument != nil || (selection != nil && selection != .all) {
            return place.problem("selects no \(role) implementation; a run needs at least one")
        }
        return place.problem(
            "no entry of the registries can run as \(role) with --runtime \(runtime.rawValue); name one with "
                + "\(flag) or add one to a registry")
    }

    /// Up to eight names, then an ellipsis.
    private static func list(_ names: [String]) -> String {
        names.count <= 8 ? names.joined(separator: ", ") : names.prefix(8).joined(separator: ", ") + ", …"
    }

    /// A problem for each implementation the run would start as a command that cannot be started, at the place
    /// of its `command` in the registry.
    private mutating func checkCommands(of names: [String], in registry: Registry, _ runtime: Runtime) {
        for name in names {
            guard let entry = registry[name],
                let why = EndpointCommandCheck.problem(
                    for: entry,
                    runsAsCommand: runtime.program(for: entry, imageReplaced: registry.replacedImages.contains(name))?
                        .runtime == .process)
            else { continue }
            let place = registry.commandPlace(of: name) ?? Located(name, file: Self.commandLine, path: name)
            problems.append(place.problem("\"\(name)\" cannot be started: \(why)"))
        }
    }

    /// The registries named on the command line, in the spec (relative to its folder) or by default; a file that
    /// cannot be read is reported where it was named.
    private mutating func loadRegistry(_ protocolKind: WireProtocol, _ environment: RunConfiguration.Environment)
        -> Registry
    {
        let sources: [Located<String>]
        if !options.registries.isEmpty {
            sources = options.registries.enumerated().map {
                Located($0.element, file: Self.commandLine, path: "--registry[\($0.offset)]")
            }
        } else if let listed = spec.registries {
            let folder = (spec.file as NSString).deletingLastPathComponent
            sources = listed.map {
                var source = $0
                if !source.value.hasPrefix("/") { source.value = (folder as NSString).appendingPathComponent($0.value) }
                return source
            }
        } else {
            sources = environment.defaultRegistries(protocolKind).map {
                Located($0, file: Self.commandLine, path: "--registry (default)")
            }
        }
        do {
            return try Registry.load(sources.map(\.value))
        } catch {
            registryComplete = false
            problems += error.problems.map { problem in
                guard problem.line == nil, let source = sources.first(where: { $0.value == problem.file }) else {
                    return problem
                }
                return problem.placed(at: source)
            }
            return Registry()
        }
    }

    private mutating func applyReplacements(_ registry: inout Registry, _ runtime: Runtime) {
        var replacements: [(Located<String>, String)] = []
        if let argument = options.replace {
            for (index, item) in argument.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
                let parts = item.split(separator: "=", omittingEmptySubsequences: false)
                let where_ = Located(String(item), file: Self.commandLine, path: "-r/--replace[\(index)]")
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    problems.append(where_.problem("expected name=image, found \(Echo.quoted(item))"))
                    continue
                }
                replacements.append((Located(String(parts[0]), file: where_.file, path: where_.path), String(parts[1])))
            }
        } else if let listed = spec.replace {
            replacements = listed.sorted { $0.key.path < $1.key.path }.map { ($0.key, $0.value) }
        }
        for (name, image) in replacements {
            guard registry[name.value] != nil else {
                if registryComplete {
                    problems.append(name.problem(Suggestion.unknown("implementation", name.value, in: registry.names)))
                }
                continue
            }
            if runtime == .process {
                problems.append(
                    name.problem(
                        "the process runtime starts \"\(name.value)\" as a local command, so replacing its image changes nothing; use --runtime docker or auto"
                    ))
                continue
            }
            registry.replaceImage(of: name.value, with: image)
        }
    }

    /// Names from a comma list on the command line, or the spec's selection, or every runnable entry.
    private mutating func choose(
        _ perspective: Perspective,
        _ argument: String?,
        _ flag: String,
        _ selection: Selection?,
        _ key: String,
        _ registry: Registry,
        _ runtime: Runtime
    ) -> [String] {
        let requested: [Located<String>]
        if let argument {
            requested = names(argument, flag)
        } else if case .names(let names) = selection {
            requested = names
        } else if selection == .nothing {
            return []
        } else {
            return registry.implementations.filter { $0.role.allows(perspective) && runnable($0, runtime, registry) }
                .map(\.name)
        }
        var chosen: [String] = []
        for name in requested {
            guard let entry = registry[name.value] else {
                guard registryComplete else { continue }
                problems.append(
                    name.problem(
                        Suggestion.unknown("\(perspective.rawValue) implementation", name.value, in: registry.names)))
                continue
            }
            if !entry.role.allows(perspective) {
                problems.append(
                    name.problem(
                        "\"\(name.value)\" cannot run as \(perspective.rawValue) (its role is \(entry.role.rawValue))"))
            } else if !runnable(entry, runtime, registry) {
                problems.append(name.problem(unrunnable(entry, runtime)))
            } else if !chosen.contains(name.value) {
                chosen.append(name.value)
            }
        }
        return chosen
    }

    /// The names of a comma-separated flag, each at its index; an empty flag or an empty name is a problem.
    private mutating func names(_ argument: String, _ flag: String) -> [Located<String>] {
        guard !argument.isEmpty else {
            problems.append(
                Located(argument, file: Self.commandLine, path: flag).problem("is empty; name at least one"))
            return []
        }
        var names: [Located<String>] = []
        for (index, part) in argument.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            let name = Located(String(part), file: Self.commandLine, path: "\(flag)[\(index)]")
            if part.isEmpty {
                problems.append(name.problem("empty name (a comma too many?)"))
            } else {
                names.append(name)
            }
        }
        return names
    }

    /// Whether `runtime` can start `entry` (see ``Runtime/program(for:imageReplaced:)``).
    private func runnable(_ entry: Implementation, _ runtime: Runtime, _ registry: Registry) -> Bool {
        runtime.program(for: entry, imageReplaced: registry.replacedImages.contains(entry.name)) != nil
    }

    private func unrunnable(_ entry: Implementation, _ runtime: Runtime) -> String {
        if runtime == .docker {
            return
                "\"\(entry.name)\" has no \"image\" in its registry entry, so the docker runtime cannot start it; run its command with --runtime process or auto"
        }
        return
            "\"\(entry.name)\" has no \"command\" in its registry entry, so the process runtime cannot start it; run its image with --runtime docker or auto"
    }

    private mutating func chooseTests(_ menu: TestMenu, _ protocolKind: WireProtocol) -> ([TestEntry], [TestEntry]) {
        if let argument = options.tests {
            switch argument {
            case "onlyTests": return (menu.tests, [])
            case "onlyMeasurements": return ([], menu.measurements)
            default: break
            }
            var tests: [TestEntry] = []
            var measurements: [TestEntry] = []
            for located in names(argument, "-t/--test") {
                let name = located.value
                if let test = menu.test(named: name) {
                    if !tests.contains(where: { $0.name == name }) { tests.append(test) }
                } else if let measurement = menu.measurements.first(where: { $0.name == name }) {
                    if !measurements.contains(where: { $0.name == name }) { measurements.append(measurement) }
                } else {
                    let known = (menu.tests + menu.measurements + menu.experimentalTests).map(\.name)
                    problems.append(
                        located.problem(Suggestion.unknown("test", name, in: known) + protocolHint(name, protocolKind)))
                }
            }
            return (tests, measurements)
        }
        let tests = pick(
            spec.tests, from: menu.tests, named: menu.experimentalTests, other: menu.measurements, kind: "test",
            otherKey: "measurements")
        let measurements = pick(
            spec.measurements, from: menu.measurements, other: menu.tests, kind: "measurement", otherKey: "tests")
        return (tests, measurements)
    }

    private func protocolHint(_ name: String, _ protocolKind: WireProtocol) -> String {
        protocolKind == .webtransport ? " (WebTransport has no measurements)" : ""
    }

    /// The entries `selection` names; `all` is `entries`, and `namedOnly` (experimental test cases) count only when
    /// named.
    private mutating func pick(
        _ selection: Selection?,
        from entries: [TestEntry],
        named namedOnly: [TestEntry] = [],
        other: [TestEntry],
        kind: String,
        otherKey: String
    ) -> [TestEntry] {
        switch selection {
        case nil, .all?: return entries
        case .nothing?: return []
        case .names(let names)?:
            var chosen: [TestEntry] = []
            for name in names {
                if let entry = (entries + namedOnly).first(where: { $0.name == name.value }) {
                    if !chosen.contains(where: { $0.name == name.value }) { chosen.append(entry) }
                } else if other.contains(where: { $0.name == name.value }) {
                    problems.append(name.problem("\"\(name.value)\" is not a \(kind); list it under \(otherKey)"))
                } else {
                    problems.append(
                        name.problem(Suggestion.unknown(kind, name.value, in: (entries + namedOnly).map(\.name))))
                }
            }
            return chosen
        }
    }

    private mutating func applyTimeouts(_ tests: inout [TestEntry], _ measurements: inout [TestEntry], _ menu: TestMenu)
    {
        guard let timeouts = spec.timeouts else { return }
        let known = (menu.tests + menu.measurements + menu.experimentalTests).map(\.name)
        for (name, seconds) in timeouts.sorted(by: { $0.key.path < $1.key.path }) {
            guard known.contains(name.value) else {
                problems.append(name.problem(Suggestion.unknown("test", name.value, in: known)))
                continue
            }
            let timeout = Duration.milliseconds(Int64((seconds * 1000).rounded()))
            for index in tests.indices where tests[index].name == name.value { tests[index].timeout = timeout }
            for index in measurements.indices where measurements[index].name == name.value {
                measurements[index].timeout = timeout
            }
        }
    }

    /// Upstream: without `-n`, the only client and the only server are exempt; with it, exactly the names given.
    private mutating func chooseNoAutoUnsupported(clients: [String], servers: [String], registry: Registry) -> Set<
        String
    > {
        let given: [Located<String>]?
        if let argument = options.noAutoUnsupported {
            given = argument.split(separator: ",").enumerated().map {
                Located(String($0.element), file: Self.commandLine, path: "-n/--no-auto-unsupported[\($0.offset)]")
            }
        } else {
            given = spec.noAutoUnsupported
        }
        guard let given else {
            var exempt: Set<String> = []
            if clients.count == 1 { exempt.insert(clients[0]) }
            if servers.count == 1 { exempt.insert(servers[0]) }
            return exempt
        }
        let known = clients + servers
        var exempt: Set<String> = []
        for name in given {
            if known.contains(name.value) {
                exempt.insert(name.value)
            } else if registryComplete {
                problems.append(name.problem(Suggestion.unknown("client or server", name.value, in: unique(known))))
            }
        }
        return exempt
    }

    /// Where each output goes, and the targets to check, each at the flag or spec key that chose it (a path
    /// derived from `--output-dir` is placed there).
    private func chooseOutput(_ now: Date) -> RunConfiguration.Output {
        func flag(_ value: String?, _ path: String) -> Located<String>? {
            value.map { Located($0, file: Self.commandLine, path: path) }
        }
        let dir = flag(options.outputDir, "--output-dir") ?? flag(options.resume, "--resume") ?? spec.output.dir
        func inDir(_ name: String) -> Located<String>? {
            dir.map {
                Located(
                    ($0.value as NSString).appendingPathComponent(name), file: $0.file, path: $0.path, line: $0.line,
                    column: $0.column)
            }
        }
        let logDir =
            flag(options.logDir.flatMap { $0.isEmpty ? nil : $0 }, "-l/--log-dir") ?? spec.output.logDir
            ?? inDir("logs") ?? Located(Self.upstreamLogDirName(now), file: Self.commandLine, path: "-l/--log-dir")
        let journal =
            inDir("journal.jsonl")
            ?? Located(
                (logDir.value as NSString).appendingPathComponent("journal.jsonl"), file: logDir.file,
                path: logDir.path, line: logDir.line, column: logDir.column)
        let json = flag(options.json, "-j/--json") ?? spec.output.json ?? inDir("result.json")
        let junit = spec.output.junit ?? inDir("junit.xml")
        let html = spec.output.html ?? inDir("index.html")
        let markdown = spec.output.markdown ?? inDir("summary.md")
        let archive = spec.output.archive ?? inDir("logs.zip")
        var targets: [OutputTarget] = []
        if let dir { targets.append(OutputTarget(dir, .folder, role: "the output folder")) }
        // A resumed run continues in its log folder.
        targets.append(OutputTarget(logDir, options.resume == nil ? .newFolder : .folder, role: "the log folder"))
        targets.append(OutputTarget(journal, .file, role: "the journal"))
        for (place, role) in [
            (json, "result.json"), (junit, "the JUnit report"), (html, "the HTML report"),
            (markdown, "the Markdown summary"), (archive, "the log archive"),
        ] {
            if let place { targets.append(OutputTarget(place, .file, role: role)) }
        }
        return RunConfiguration.Output(
            dir: dir?.value,
            logDir: logDir.value,
            journal: journal.value,
            json: json?.value,
            junit: junit?.value,
            html: html?.value,
            markdown: markdown?.value,
            archive: archive?.value,
            targets: targets
        )
    }

    /// Upstream's default: `logs_{:%Y-%m-%dT%H:%M:%S}` in local time.
    static func upstreamLogDirName(_ now: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return
            "logs_\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
    }
}

/// The elements in first-seen order without repeats.
func unique(_ names: [String]) -> [String] {
    var seen: Set<String> = []
    return names.filter { seen.insert($0).inserted }
}
