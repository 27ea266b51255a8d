import Foundation
import QUICTrace
import Results
import Synchronization

/// A job's two traces and its key log, each read at most once however many requirements ask for them.
///
/// A trace can be several megabytes; every field a check needs comes from one ``TraceAnalysis`` pass per side.
final class TraceStore: Sendable {
    private struct State {
        var keyLog: SelectedKeyLog??
        var analyses: [TraceSide: Result<TraceAnalysis, CheckStop>] = [:]
    }

    private let state = Mutex(State())

    /// Creates an empty store.
    init() {}

    /// The key log chosen as upstream's `_keylog_file()`, or `nil` when neither endpoint wrote a valid one.
    func keyLog(_ artifacts: JobArtifacts) -> SelectedKeyLog? {
        state.withLock { state in
            if let chosen = state.keyLog { return chosen }
            let chosen = SelectedKeyLog.select(from: artifacts)
            state.keyLog = .some(chosen)
            return chosen
        }
    }

    /// The analysis of one side's trace, decrypted with the selected key log; a missing or unreadable capture
    /// stops the check with `error`, because the runner, not an implementation, failed to record it.
    func analysis(of side: TraceSide, _ artifacts: JobArtifacts) throws(CheckStop) -> TraceAnalysis {
        let keyLog = keyLog(artifacts)
        let result = state.withLock { state in
            if let cached = state.analyses[side] { return cached }
            let result = Self.analyze(side, artifacts, keyLog: keyLog?.keyLog ?? KeyLog())
            state.analyses[side] = result
            return result
        }
        return try result.get()
    }

    private static func analyze(
        _ side: TraceSide, _ artifacts: JobArtifacts, keyLog: KeyLog
    ) -> Result<TraceAnalysis, CheckStop> {
        let url = side == .client ? artifacts.clientSideTrace : artifacts.serverSideTrace
        guard let url else {
            return .failure(
                CheckStop(outcome: .error("no \(side.rawValue)-side trace (\(side.fileName)) was recorded")))
        }
        guard case .regular = FileInspector.kind(at: url.path) else {
            return .failure(CheckStop(outcome: .error("the \(side.rawValue)-side trace \(url.path) is missing")))
        }
        let (analysis, _, diagnostics) = TraceAnalysis.analyze(path: url.path, keyLog: keyLog, roles: .interop)
        // A capture cut short (the simulator stopped mid-record) keeps what was read, as upstream keeps pyshark's
        // packets up to its exception; only a file that is no capture at all is the runner's fault.
        let structural: Set<Diagnostic.Code> = [.unknownFileFormat, .malformedFile, .truncatedFile]
        if analysis.datagramCount == 0, let fatal = diagnostics.first(where: { structural.contains($0.code) }) {
            return .failure(CheckStop(outcome: .error("cannot read the \(side.rawValue)-side trace: \(fatal.message)")))
        }
        return .success(analysis)
    }
}
