extension Scenario {
    /// Parses a scenario string (the value of upstream's `SCENARIO`), e.g.
    /// `simple-p2p --delay=15ms --bandwidth=10Mbps --queue=25`.
    ///
    /// Flags are ns-3 `CommandLine` style (`--name=value`; boolean flags may stand alone). Unknown
    /// scenarios, unknown flags, missing required flags and malformed values throw a ``ScenarioError``.
    public init(parsing text: String) throws(ScenarioError) {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        guard let name = words.first else { throw ScenarioError(.empty, "the scenario string is empty") }
        try self.init(name: name, arguments: Array(words.dropFirst()))
    }

    /// Parses a scenario from its name and its flags as separate words.
    public init(name: String, arguments: [String]) throws(ScenarioError) {
        let allowed: [String]
        switch name {
        case "simple-p2p": allowed = []
        case "drop-rate", "corrupt-rate":
            allowed = ["rate_to_client", "rate_to_server", "burst_to_client", "burst_to_server"]
        case "blackhole": allowed = ["on", "off", "repeat", "direction"]
        case "droplist": allowed = ["drops_to_client", "drops_to_server"]
        case "rebind": allowed = ["first-rebind", "rebind-freq", "rebind-addr"]
        default:
            throw ScenarioError(
                .unknownScenario,
                "unknown scenario '\(name)'; known: \(Scenario.knownNames.joined(separator: ", "))")
        }
        let flags = try FlagSet(
            scenario: name, arguments: arguments, allowed: ["delay", "bandwidth", "queue"] + allowed)
        let link = LinkParameters(
            delay: try flags.duration("delay"),
            bitsPerSecond: try flags.dataRate("bandwidth"),
            queuePackets: try flags.integer("queue", range: 1...1_000_000))
        let impairment: Impairment
        switch name {
        case "drop-rate", "corrupt-rate":
            let toClient = RateImpairment(
                percent: try flags.integer("rate_to_client", range: 0...100),
                maxBurst: try flags.optionalInteger("burst_to_client", range: 0...Int.max) ?? .max)
            let toServer = RateImpairment(
                percent: try flags.integer("rate_to_server", range: 0...100),
                maxBurst: try flags.optionalInteger("burst_to_server", range: 0...Int.max) ?? .max)
            impairment =
                name == "drop-rate"
                ? .dropRate(toClient: toClient, toServer: toServer)
                : .corruptRate(toClient: toClient, toServer: toServer)
        case "blackhole":
            let directionText = flags.optionalString("direction") ?? "both"
            guard let direction = BlackholeSchedule.Direction(rawValue: directionText) else {
                throw ScenarioError(
                    .invalidValue, "\(name): --direction=\(directionText) is not one of both, toclient, toserver")
            }
            impairment = .blackhole(
                BlackholeSchedule(
                    on: try flags.duration("on"), off: try flags.duration("off"),
                    repeats: try flags.optionalInteger("repeat", range: 1...Int.max) ?? 1, direction: direction))
        case "droplist":
            impairment = .droplist(
                toClient: try flags.indexList("drops_to_client"), toServer: try flags.indexList("drops_to_server"))
        case "rebind":
            let first = try flags.duration("first-rebind")
            let frequency = try flags.optionalDuration("rebind-freq")
            if frequency != nil, first == .zero {
                throw ScenarioError(.invalidValue, "\(name): --rebind-freq needs a non-zero --first-rebind")
            }
            impairment = .rebind(
                RebindSchedule(first: first, frequency: frequency, changesAddress: try flags.boolean("rebind-addr")))
        default:
            impairment = .none
        }
        self.init(name: name, link: link, impairment: impairment)
    }
}

/// The `--name=value` flags of one scenario string, checked against the names the scenario knows.
private struct FlagSet {
    let scenario: String
    var values: [String: String] = [:]

    init(scenario: String, arguments: [String], allowed: [String]) throws(ScenarioError) {
        self.scenario = scenario
        for argument in arguments {
            guard argument.hasPrefix("--") else {
                throw ScenarioError(.invalidValue, "\(scenario): '\(argument)' is not a --name=value flag")
            }
            let body = argument.dropFirst(2)
            let name: String
            let value: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                value = String(body[body.index(after: equals)...])
            } else {
                name = String(body)
                value = nil
            }
            guard allowed.contains(name) else {
                throw ScenarioError(
                    .unknownFlag,
                    "\(scenario): unknown flag --\(name); known: \(allowed.map { "--" + $0 }.joined(separator: ", "))")
            }
            values[name] = value ?? ""
        }
    }

    func optionalString(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    func string(_ name: String) throws(ScenarioError) -> String {
        guard let value = optionalString(name) else {
            throw ScenarioError(.missingFlag, "\(scenario): missing parameter --\(name)")
        }
        return value
    }

    func optionalInteger(_ name: String, range: ClosedRange<Int>) throws(ScenarioError) -> Int? {
        guard let text = optionalString(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw ScenarioError(
                .invalidValue, "\(scenario): --\(name)=\(text) is not an integer in \(range.lowerBound)...")
        }
        return value
    }

    func integer(_ name: String, range: ClosedRange<Int>) throws(ScenarioError) -> Int {
        guard let value = try optionalInteger(name, range: range) else {
            throw ScenarioError(.missingFlag, "\(scenario): missing parameter --\(name)")
        }
        return value
    }

    func optionalDuration(_ name: String) throws(ScenarioError) -> Duration? {
        guard let text = optionalString(name) else { return nil }
        guard let value = UnitParser.duration(text) else {
            throw ScenarioError(
                .invalidValue, "\(scenario): --\(name)=\(text) is not a time (a number with s, ms, us, ns, min or h)")
        }
        return value
    }

    func duration(_ name: String) throws(ScenarioError) -> Duration {
        guard let value = try optionalDuration(name) else {
            throw ScenarioError(.missingFlag, "\(scenario): missing parameter --\(name)")
        }
        return value
    }

    func dataRate(_ name: String) throws(ScenarioError) -> UInt64 {
        let text = try string(name)
        guard let value = UnitParser.dataRate(text), value > 0 else {
            throw ScenarioError(
                .invalidValue, "\(scenario): --\(name)=\(text) is not a data rate (e.g. 10Mbps, 500kbps, 1Gbps)")
        }
        return value
    }

    func boolean(_ name: String) throws(ScenarioError) -> Bool {
        guard let value = values[name] else { return false }
        switch value.lowercased() {
        case "", "1", "true", "t": return true
        case "0", "false", "f": return false
        default: throw ScenarioError(.invalidValue, "\(scenario): --\(name)=\(value) is not a boolean")
        }
    }

    /// ns-3's droplist: comma-separated 1-based packet numbers; absent or empty means none.
    func indexList(_ name: String) throws(ScenarioError) -> Set<Int> {
        guard let text = optionalString(name) else { return [] }
        var result = Set<Int>()
        for item in text.split(separator: ",", omittingEmptySubsequences: true) {
            guard let index = Int(item), index >= 1 else {
                throw ScenarioError(
                    .invalidValue, "\(scenario): --\(name)=\(text): '\(item)' is not a packet number (1 or more)")
            }
            result.insert(index)
        }
        return result
    }
}
