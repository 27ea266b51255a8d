import CLinuxSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The locked-memory limit of endpoint containers: upstream's compose file sets `ulimits: memlock: 67108864`, and
/// so does the runtime where the machine allows it. Raising a hard limit needs `CAP_SYS_RESOURCE`; a machine that
/// withholds it from root (a sandbox) makes runc refuse every container with a higher limit, so there the containers
/// get the highest limit the runner itself has.
enum MemlockLimit {
    /// Upstream's value.
    static let upstream = 67_108_864

    /// The limit to give containers, and whether it is lower than upstream's.
    static func forContainers() -> (bytes: Int, reduced: Bool) {
        var hard: UInt64 = 0
        guard qir_memlock_hard_limit(&hard) == 0, !hasSysResource(), hard < UInt64(upstream) else {
            return (upstream, false)
        }
        return (Int(hard), true)
    }

    /// Whether this process has `CAP_SYS_RESOURCE` (bit 24 of `CapEff` in `/proc/self/status`).
    private static func hasSysResource() -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("CapEff:") }),
            let mask = UInt64(line.dropFirst("CapEff:".count).trimmingCharacters(in: .whitespaces), radix: 16)
        else { return false }
        return mask & (1 << 24) != 0
    }
}
