public import SystemPackage

#if canImport(Glibc)
    import Glibc
#endif

/// Where `interop-endpoint-exec` is: SwiftPM puts it in the same products directory as the runner and the test
/// bundle, so it is looked up next to the running executable.
public enum LauncherBinary {
    /// The launcher's executable name.
    public static let name = "interop-endpoint-exec"

    /// The launcher next to this process's executable.
    public static func locate() throws(JobSetupError) -> FilePath {
        guard let executable = SiblingExecutable.current(),
            let candidate = SiblingExecutable.candidates(named: name).first
        else {
            throw JobSetupError(code: .spawn, path: "/proc/self/exe", detail: String(cString: strerror(errno)))
        }
        guard access(candidate, X_OK) == 0 else {
            throw JobSetupError(
                code: .spawn,
                path: candidate,
                detail: "\(name) is not built next to \(executable) (swift build --product \(name))"
            )
        }
        return FilePath(candidate)
    }
}
