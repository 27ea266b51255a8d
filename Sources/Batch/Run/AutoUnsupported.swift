public import Results

/// Upstream's post-processing: a test that a client failed or did not support against every server (with more
/// than one server) becomes `unsupported` for that client, and likewise for servers against every client.
///
/// Only test cases take part, never measurements. `timeout` counts as failed; `error` is no verdict on the
/// implementation, so a single runner error keeps the rule from applying. Only the pairs of the plan are looked at
/// (upstream assumes a full matrix; with `-i` it would look up pairs that never ran).
public enum AutoUnsupported {
    /// Rewrites `jobs` in place and returns one line per change, in upstream's words.
    public static func apply(
        to jobs: inout [JobResult],
        pairs: [(client: String, server: String)],
        tests: [String],
        exempt: Set<String>
    ) -> [String] {
        var index: [JobID: Int] = [:]
        for (position, job) in jobs.enumerated() where job.id.repetition == nil { index[job.id] = position }
        let clients = unique(pairs.map(\.client))
        let servers = unique(pairs.map(\.server))
        var messages: [String] = []

        func questionable(_ id: JobID) -> Bool {
            guard let position = index[id] else { return false }
            return [.failed, .unsupported, .timeout].contains(jobs[position].status)
        }
        func markUnsupported(_ ids: [JobID], _ message: String) {
            messages.append(message)
            for id in ids {
                guard let position = index[id], jobs[position].status != .unsupported else { continue }
                jobs[position].status = .unsupported
                jobs[position].reason = [jobs[position].reason, "marked unsupported: \(message)"]
                    .compactMap { $0 }.joined(separator: "; ")
            }
        }

        if servers.count > 1 {
            for client in clients where !exempt.contains(client) {
                let partners = pairs.filter { $0.client == client }.map(\.server)
                for test in tests {
                    let ids = partners.map { JobID(server: $0, client: client, test: test) }
                    if !ids.isEmpty, ids.allSatisfy(questionable) {
                        markUnsupported(
                            ids,
                            "Client \(client) failed or did not support test \(test) against all servers, marking the entire test as \"unsupported\""
                        )
                    }
                }
            }
        }
        if clients.count > 1 {
            for server in servers where !exempt.contains(server) {
                let partners = pairs.filter { $0.server == server }.map(\.client)
                for test in tests {
                    let ids = partners.map { JobID(server: server, client: $0, test: test) }
                    if !ids.isEmpty, ids.allSatisfy(questionable) {
                        markUnsupported(
                            ids,
                            "Server \(server) failed or did not support test \(test) against all clients, marking the entire test as \"unsupported\""
                        )
                    }
                }
            }
        }
        return messages
    }
}
