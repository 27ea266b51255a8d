#if canImport(Glibc)
    import Glibc
#endif

/// Finds the `interop-sim` executable: `$INTEROP_SIM`, then next to the running executable (SwiftPM puts every
/// product of a build, test bundles included, in one folder), then `$PATH`.
public enum InteropSimLocator {
    /// The path of `interop-sim`, or `nil` when none is found.
    public static func locate() -> String? {
        if let explicit = getenv("INTEROP_SIM").map({ String(cString: $0) }), access(explicit, X_OK) == 0 {
            return explicit
        }
        // Walk up a few levels: a test bundle may be a folder (`*.xctest/…`) inside the build folder.
        var candidates = SiblingExecutable.candidates(named: "interop-sim", levels: 3)
        if let path = getenv("PATH").map({ String(cString: $0) }) {
            candidates += path.split(separator: ":").map { $0 + "/interop-sim" }
        }
        return candidates.first { access($0, X_OK) == 0 }
    }
}
