import Results
import Testing

@testable import Orchestration

/// One compliance check per program and role, run inside the job that asked first; faults are not remembered.
@Suite struct ComplianceCacheTests {
    @Test func concurrentJobsShareOneCheck() async throws {
        let cache = ComplianceCache()
        let runs = Counter()
        let verdicts = try await withThrowingTaskGroup(of: ComplianceCache.Verdict.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await cache.verdict(for: "sha256:abc", as: .server) {
                        runs.increment()
                        try await Task.sleep(for: .milliseconds(100))
                        return .notCompliant(reason: "exited with status 0", output: "")
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(runs.value == 1)
        #expect(verdicts == Array(repeating: .notCompliant(reason: "exited with status 0", output: ""), count: 8))
        #expect(
            await cache.known("sha256:abc", as: .server) == .notCompliant(reason: "exited with status 0", output: ""))
        // The role is part of the key.
        let client = try await cache.verdict(for: "sha256:abc", as: .client) { .compliant }
        #expect(client == .compliant)
    }

    @Test func aCheckThatThrowsIsNotCachedAndWaitersRunTheirOwn() async throws {
        struct SpawnFailure: Error {}
        let cache = ComplianceCache()
        let runs = Counter()
        let outcomes = await withTaskGroup(of: Result<ComplianceCache.Verdict, any Error>.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    do {
                        return .success(
                            try await cache.verdict(for: "/bin/endpoint", as: .client) {
                                let run = runs.increment()
                                try await Task.sleep(for: .milliseconds(50))
                                if run == 1 { throw SpawnFailure() }
                                return .compliant
                            })
                    } catch {
                        return .failure(error)
                    }
                }
            }
            var outcomes: [Result<ComplianceCache.Verdict, any Error>] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        #expect(outcomes.filter { if case .failure = $0 { true } else { false } }.count == 1)
        #expect(outcomes.filter { if case .success(.compliant) = $0 { true } else { false } }.count == 2)
        #expect(runs.value == 2)
        #expect(await cache.known("/bin/endpoint", as: .client) == .compliant)
    }
}
