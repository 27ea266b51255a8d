public import SystemPackage

#if canImport(Glibc)
    import Glibc
#endif

/// Where `interop-endpoint-exec` is: SwiftPM puts it in the same products directory as the runner and the test
/// bundle, so it is looked up next to the running executable.
public enum LauncherBinary {
    /// The launcher's executable name.
    public static let name = "interop-endpoint-exec"

    /// The launcher next to this process's executable (`/proc/self/exe`, which names the real file even when the
    /// runner was started through a symlink or a relative path).
    public static func locate() throws(JobSetupError) -> FilePath {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else {
            throw JobSetupError(code: .spawn, path: "/proc/self/exe", detail: String(cString: strerror(errno)))
        }
        let executable = FilePath(String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self))
        let candidate = executable.removingLastComponent().appending(name)
        guard access(candidate.string, X_OK) == 0 else {
            throw JobSetupError(
                code: .spawn,
                path: candidate.string,
                detail: "\(name) is not built next to \(executable) (swift build --product \(name))"
            )
        }
        return candidate
    }
}
