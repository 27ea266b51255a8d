import Dispatch
import Foundation

/// SIGINT and SIGTERM as an async sequence, so a run can treat them as a child task that cancels the pool.
///
/// While the sequence exists the signals no longer kill the process; the default action is restored when the
/// stream ends.
enum TerminationSignals {
    /// A stream that yields the number of each SIGINT or SIGTERM received.
    static func stream() -> AsyncStream<Int32> {
        AsyncStream { continuation in
            let signals = [SIGINT, SIGTERM]
            var sources: [any DispatchSourceSignal] = []
            for number in signals {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { continuation.yield(number) }
                source.resume()
                sources.append(source)
            }
            let installed = UncheckedBox(sources)
            continuation.onTermination = { _ in
                for source in installed.value { source.cancel() }
                for number in signals { signal(number, SIG_DFL) }
            }
        }
    }
}

/// Carries non-Sendable dispatch sources into the `onTermination` closure, which runs once.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
