import ArgumentParser
import Foundation
import Reporters
import Results

/// `interop-runner site --runs DIR... --output-dir SITE`: a static site of many runs.
struct Site: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Build a static results site (run selector, protocol tabs, filters, per-cell history) from run folders.")

    @Option(
        parsing: .upToNextOption,
        help: "Run output folders (each with result.json; index.html and logs/ are linked when present).")
    var runs: [String] = []

    @Option(name: .customLong("output-dir"), help: "Where to write the site's index.html.")
    var outputDir: String

    func validate() throws {
        if runs.isEmpty { throw ValidationError("give --runs DIR... (run output folders, each with a result.json)") }
        if outputDir.isEmpty { throw ValidationError("--output-dir must not be empty") }
    }

    func run() async throws {
        let site = URL(fileURLWithPath: outputDir).standardizedFileURL
        var names: Set<String> = []
        var siteRuns: [SiteRun] = []
        for path in runs {
            let folder = URL(fileURLWithPath: path).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw ValidationError("--runs \(path): not a folder (give a run's output folder)")
            }
            let result = try loadRunResult(from: folder.appendingPathComponent("result.json"))
            var name = folder.lastPathComponent
            var suffix = 2
            while !names.insert(name).inserted {
                name = "\(folder.lastPathComponent)~\(suffix)"
                suffix += 1
            }
            let link = relativeLink(from: site, to: folder)
            let hasReport = FileManager.default.fileExists(atPath: folder.appendingPathComponent("index.html").path)
            let hasLogs = FileManager.default.fileExists(atPath: folder.appendingPathComponent("logs").path)
            siteRuns.append(
                SiteRun(
                    name: name, result: result, report: hasReport ? link + "index.html" : nil,
                    logs: hasLogs ? link + "logs/" : nil))
        }
        let page = try ResultsSite.write(siteRuns, to: site)
        print("wrote \(page.path) (\(siteRuns.count) runs)")
    }

    /// The relative link from folder `from` to folder `to`, ending in `/` (`./` when they are the same).
    private func relativeLink(from: URL, to: URL) -> String {
        let source = from.pathComponents
        let target = to.pathComponents
        var common = 0
        while common < source.count, common < target.count, source[common] == target[common] { common += 1 }
        let parts = Array(repeating: "..", count: source.count - common) + target[common...]
        return parts.isEmpty
            ? "./"
            : parts.map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? $0 }
                .joined(separator: "/") + "/"
    }
}
