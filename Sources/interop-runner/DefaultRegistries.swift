import Foundation
import Results

/// Finds the shipped `Registries/` folder: `$INTEROP_RUNNER_HOME`, the working directory, or the checkout the
/// executable was built in (`.build/<config>/interop-runner`).
enum DefaultRegistries {
    static func folder() -> String? {
        var candidates: [String] = []
        if let home = ProcessInfo.processInfo.environment["INTEROP_RUNNER_HOME"] { candidates.append(home) }
        candidates.append(FileManager.default.currentDirectoryPath)
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var url = URL(fileURLWithPath: executable).deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(url.path)
                url.deleteLastPathComponent()
            }
        }
        for candidate in candidates {
            let folder = (candidate as NSString).appendingPathComponent("Registries")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue {
                return folder
            }
        }
        return nil
    }

    /// Upstream's registry of `protocolKind` and, when present, the local endpoints' registry beside it.
    static func paths(for protocolKind: WireProtocol) -> [String] {
        let folder = folder() ?? "Registries"
        let upstream = "\(folder)/implementations_\(protocolKind.rawValue).json"
        let local = "\(folder)/implementations_\(protocolKind.rawValue)_local.json"
        return FileManager.default.fileExists(atPath: local) ? [upstream, local] : [upstream]
    }
}
