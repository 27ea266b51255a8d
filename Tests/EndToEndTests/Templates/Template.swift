import Foundation
import Yams

/// A CI template of `ci/github` or `ci/gitlab`, read as YAML, with its shell scripts.
struct Template {
    /// The file, relative to the repository.
    let path: String
    /// The parsed document.
    let document: [String: Any]

    /// Reads `path` (relative to the repository).
    init(_ path: String) throws {
        self.path = path
        let text = try String(contentsOfFile: EndToEnd.repository + "/" + path, encoding: .utf8)
        guard let document = try Yams.load(yaml: text) as? [String: Any] else {
            throw TemplateError("\(path) is not a mapping")
        }
        self.document = document
    }

    /// Every shell script of the template with where it is: the `run:` of each step of a GitHub action or
    /// workflow, the `script` lines of each GitLab job (joined, as the runner runs them one after another).
    var scripts: [(location: String, shell: String, text: String)] {
        var found: [(String, String, String)] = []
        func steps(_ steps: Any?, at location: String) {
            for (index, step) in ((steps as? [[String: Any]]) ?? []).enumerated() {
                if let run = step["run"] as? String { found.append(("\(location).steps[\(index)]", "bash", run)) }
            }
        }
        if let runs = document["runs"] as? [String: Any] { steps(runs["steps"], at: "runs") }
        if let jobs = document["jobs"] as? [String: Any] {
            for (name, job) in jobs { steps((job as? [String: Any])?["steps"], at: "jobs.\(name)") }
        }
        if path.contains("gitlab") {
            for (name, job) in document {
                guard let job = job as? [String: Any] else { continue }
                for key in ["before_script", "script", "after_script"] {
                    guard let lines = job[key] as? [String] else { continue }
                    found.append(("\(name).\(key)", "sh", lines.joined(separator: "\n")))
                }
            }
        }
        return found.sorted { $0.0 < $1.0 }
    }
}

/// A template that cannot be read as expected.
struct TemplateError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
