import Foundation
import Testing

/// Golden files under `Tests/ReportersTests/Snapshots`.
///
/// `REPORTERS_RECORD_SNAPSHOTS=1 swift test --filter ReportersTests` rewrites them and fails every comparing
/// test, so a re-record can never pass unnoticed; review the diff, then run again without the variable.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Snapshots")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["REPORTERS_RECORD_SNAPSHOTS"] == "1" }

    /// Compares `actual` with the golden file `name`, or records it.
    static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name)
        if isRecording {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url)
                Issue.record(
                    "recorded snapshot \(name); run again without REPORTERS_RECORD_SNAPSHOTS",
                    sourceLocation: sourceLocation)
            } catch {
                Issue.record("cannot record snapshot \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = try? Data(contentsOf: url) else {
            Issue.record(
                "snapshot \(name) is missing; record it with REPORTERS_RECORD_SNAPSHOTS=1",
                sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard actual != expected else { return }
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line =
            Array(zip(actualLines, expectedLines)).firstIndex { $0 != $1 }
            ?? min(actualLines.count, expectedLines.count)
        let got = line < actualLines.count ? String(actualLines[line]) : "<end>"
        let want = line < expectedLines.count ? String(expectedLines[line]) : "<end>"
        let message =
            "snapshot \(name) differs at line \(line + 1):\n  got:  \(got)\n  want: \(want)\n"
            + "(re-record with REPORTERS_RECORD_SNAPSHOTS=1 if the change is intended)"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}
