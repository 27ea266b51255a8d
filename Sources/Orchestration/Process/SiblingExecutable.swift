#if canImport(Glibc)
    import Glibc
#endif

/// Where the runner's helper executables are: SwiftPM puts every product of a build (the runner, `interop-sim`,
/// `interop-endpoint-exec`, test bundles) in one folder, so helpers are looked up next to the running executable.
enum SiblingExecutable {
    /// The running executable (`/proc/self/exe` names the real file even through a symlink or a relative path).
    static func current() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `name` in the running executable's folder and, with `levels` > 1, in the folders above it (a test bundle
    /// may be a folder inside the build folder), nearest first.
    static func candidates(named name: String, levels: Int = 1) -> [String] {
        guard var directory = current() else { return [] }
        var candidates: [String] = []
        for _ in 0..<levels {
            guard let slash = directory.lastIndex(of: "/") else { break }
            directory = String(directory[..<slash])
            candidates.append(directory + "/" + name)
        }
        return candidates
    }
}
