/// How ``withInterruption(_:interruptedBy:)`` ended.
public enum RaceOutcome<Value: Sendable, Interruption: Sendable>: Sendable {
    /// The operation finished first and returned this.
    case finished(Value)
    /// The interruption came first; the operation was cancelled and has wound down.
    case interrupted(Interruption)
}

/// Runs `operation` until it finishes or `interruption` returns a value, whichever comes first.
///
/// When the interruption wins, the operation is cancelled and awaited before this returns, so nothing it started
/// outlives the call (its value, or the error it throws while winding down, is discarded). When the operation wins,
/// the interruption is cancelled. An interruption that returns `nil` (a sleep that was cancelled, a signal stream
/// that ended) never interrupts. Every race of the runner (a job against its timeout, a compliance check against its
/// limit, the pool against SIGINT/SIGTERM) goes through here.
///
/// - Throws: what `operation` throws when it ends first.
public func withInterruption<Value: Sendable, Interruption: Sendable>(
    _ operation: @escaping @Sendable () async throws -> Value,
    interruptedBy interruption: @escaping @Sendable () async -> Interruption?
) async throws -> RaceOutcome<Value, Interruption> {
    try await withThrowingTaskGroup(of: RaceChild<Value, Interruption>.self) { group in
        group.addTask { .operation(try await operation()) }
        group.addTask { .interruption(await interruption()) }
        while let child = try await group.next() {
            switch child {
            case .operation(let value):
                group.cancelAll()
                return .finished(value)
            case .interruption(nil):
                continue
            case .interruption(let reason?):
                group.cancelAll()
                // Wind the operation down before returning; what it ends with no longer matters.
                while (try? await group.next()) != nil {}
                return .interrupted(reason)
            }
        }
        preconditionFailure("the operation's child task always returns or throws")
    }
}

/// Runs `operation`, cancelling it when `limit` passes first; returns its value, or `nil` when the time ran out
/// (after the operation has wound down).
///
/// - Throws: what `operation` throws when it ends first.
public func withTimeout<Value: Sendable>(
    _ limit: Duration,
    _ operation: @escaping @Sendable () async throws -> Value
) async throws -> Value? {
    let outcome = try await withInterruption(operation) { () async -> Void? in
        do {
            try await Task.sleep(for: limit)
            return ()
        } catch {
            return nil
        }
    }
    switch outcome {
    case .finished(let value): return value
    case .interrupted: return nil
    }
}

/// The two kinds of child a race runs, as one result type.
private enum RaceChild<Value: Sendable, Interruption: Sendable>: Sendable {
    case operation(Value)
    case interruption(Interruption?)
}
