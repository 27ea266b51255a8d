import Foundation
import Logging
import Orchestration

let testLogger = Logger(label: "orchestration-tests")

/// Drives `bench/simulator/udp_probe.py` inside job namespaces.
enum Probe {
    /// The probe script, found from this file's location in the repository.
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("bench/simulator/udp_probe.py").path

    /// Runs the probe in `host` and parses the JSON object it prints last.
    static func run(_ net: JobNetwork, in host: NetworkHost, _ arguments: [String]) async throws -> [String: Any] {
        let result = try await net.run(in: host, "python3", [script] + arguments)
        guard let line = result.output.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else {
            throw ProbeError(output: result.output)
        }
        return object
    }

    /// Sends `count` numbered datagrams from `sender` to `receiver` (at `address`) and returns the receiver's
    /// report (`seqs`, `arrivals`, `corrupted`, `sources`, `bytes`).
    static func transfer(
        _ net: JobNetwork, from sender: NetworkHost, to receiver: NetworkHost, address: String, port: Int = 6000,
        count: Int, size: Int = 200, pps: Double, idle: Double = 1.0, maxSeconds: Double = 20
    ) async throws -> [String: Any] {
        async let report = run(
            net, in: receiver,
            ["receive", "--port", "\(port)", "--duration", "\(maxSeconds)", "--idle", "\(idle)", "--count", "\(count)"])
        try await Task.sleep(for: .milliseconds(500))
        _ = try await run(
            net, in: sender,
            [
                "send", "--to", address, "--port", "\(port)", "--count", "\(count)", "--size", "\(size)", "--pps",
                "\(pps)",
            ])
        return try await report
    }

    /// Client pings a UDP echo on the server; returns the ping report and the echo's report of sources.
    static func pingEcho(
        _ net: JobNetwork, address: String, count: Int, interval: Double, size: Int = 64
    ) async throws -> (ping: [String: Any], echo: [String: Any]) {
        let seconds = Double(count) * interval + 1.5
        async let echo = run(net, in: .server, ["echo", "--port", "6100", "--duration", "\(seconds)"])
        try await Task.sleep(for: .milliseconds(500))
        let ping = try await run(
            net, in: .client,
            [
                "ping", "--to", address, "--port", "6100", "--count", "\(count)", "--interval", "\(interval)", "--size",
                "\(size)",
            ])
        return (ping, try await echo)
    }

    /// The sequence numbers a receiver reported, in arrival order (a corrupted one may exceed `Int`'s range and
    /// then reads as -1).
    static func seqs(_ report: [String: Any]) -> [Int] {
        (report["seqs"] as? [Any] ?? []).map { ($0 as? NSNumber).flatMap { Int(exactly: $0.doubleValue) } ?? -1 }
    }

    /// The sequence numbers 1...count missing from a receiver report.
    static func missing(_ report: [String: Any], count: Int) -> [Int] {
        let seen = Set(seqs(report))
        return (1...count).filter { !seen.contains($0) }
    }

    /// The longest run of consecutive missing sequence numbers.
    static func longestRun(_ missing: [Int]) -> Int {
        var longest = 0
        var run = 0
        var previous = -1
        for seq in missing {
            run = seq == previous + 1 ? run + 1 : 1
            previous = seq
            longest = max(longest, run)
        }
        return longest
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}

/// The probe printed no JSON.
struct ProbeError: Error, CustomStringConvertible {
    var output: String
    var description: String { "probe failed: \(output)" }
}

/// `address` as `ip` and `getent` print it (RFC 5952: zeros compressed), e.g. `fd00:cafe:cafe::100`.
func printed(_ address: String) -> String {
    var bytes = [UInt8](repeating: 0, count: 16)
    var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
    guard address.contains(":"), inet_pton(AF_INET6, address, &bytes) == 1,
        inet_ntop(AF_INET6, bytes, &text, socklen_t(text.count)) != nil
    else { return address }
    return String(cString: text)
}
