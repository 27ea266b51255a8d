import Synchronization
import Testing

@testable import Orchestration

/// The one race helper every timeout and interruption of the runner goes through.
@Suite struct RaceTests {
    @Test func anOperationThatEndsFirstKeepsItsValue() async throws {
        let value = try await withTimeout(.seconds(10)) { 42 }
        #expect(value == 42)
    }

    @Test func aTimeoutCancelsTheOperationAndWaitsForIt() async throws {
        let wound = Flag()
        let value = try await withTimeout(.milliseconds(50)) { () async throws -> Int in
            do {
                // Long enough that only cancellation ends it, however starved the machine is.
                try await Task.sleep(for: .seconds(3600))
            } catch {
                // Winding down takes a while; the caller must not return before it is done.
                try? await Task.sleep(for: .milliseconds(100))
                wound.set()
                throw error
            }
            return 1
        }
        #expect(value == nil)
        #expect(wound.isSet)
    }

    @Test func anErrorOfTheOperationPropagates() async {
        struct Failure: Error {}
        await #expect(throws: Failure.self) {
            _ = try await withTimeout(.seconds(10)) { () async throws -> Int in throw Failure() }
        }
    }

    @Test func anInterruptionThatGivesUpNeverInterrupts() async throws {
        let outcome = try await withInterruption {
            try await Task.sleep(for: .milliseconds(100))
            return "done"
        } interruptedBy: { () async -> Int32? in
            nil
        }
        guard case .finished("done") = outcome else {
            Issue.record("expected the operation's value, got \(outcome)")
            return
        }
    }

    @Test func anInterruptionWinsWithItsReason() async throws {
        let outcome = try await withInterruption {
            try await Task.sleep(for: .seconds(30))
            return "done"
        } interruptedBy: { () async -> Int32? in
            15
        }
        guard case .interrupted(15) = outcome else {
            Issue.record("expected the interruption, got \(outcome)")
            return
        }
    }
}

/// A flag set from any task.
final class Flag: Sendable {
    private let storage = Mutex(false)

    func set() { storage.withLock { $0 = true } }
    var isSet: Bool { storage.withLock { $0 } }
}

/// A counter incremented from any task.
final class Counter: Sendable {
    private let storage = Mutex(0)

    /// Adds one and returns the new count.
    @discardableResult
    func increment() -> Int {
        storage.withLock {
            $0 += 1
            return $0
        }
    }

    var value: Int { storage.withLock { $0 } }
}
