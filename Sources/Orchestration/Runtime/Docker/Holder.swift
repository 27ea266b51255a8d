import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A namespace holder: a container of ``HolderImage`` started with `--network none`, whose network namespace a job
/// attaches under its own name, wires into the job network, and shares with the endpoint container
/// (`--network container:<holder>`). It outlives one job: a clean one goes back to its ``HolderPool``.
struct Holder: Sendable, Hashable {
    /// The container's ID.
    let id: String
    /// The host of the job network it plays (client or server); its host name.
    let host: NetworkHost
    /// The pid of its program, which lives in the network namespace as long as the holder does.
    let pid: pid_t

    /// Whether its network namespace is as a new one: only `lo` (a job's `eth0` goes with the job's network).
    var isClean: Bool {
        guard kill(pid, 0) == 0, let file = fopen("/proc/\(pid)/net/dev", "r") else { return false }
        defer { fclose(file) }
        var interfaces: [String] = []
        var line = [CChar](repeating: 0, count: 512)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            // Interface lines read `  name: counters…`; the two header lines have no colon before a bar.
            guard let colon = text.firstIndex(of: ":"), !text[..<colon].contains("|") else { continue }
            interfaces.append(text[..<colon].trimmingCharacters(in: .whitespaces))
        }
        return interfaces == ["lo"]
    }
}
