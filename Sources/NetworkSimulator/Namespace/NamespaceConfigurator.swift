internal import CNetworkSimulator

#if canImport(Glibc)
    import Glibc
#endif

/// Settings that `ip` cannot make from outside a network namespace (sysctls, ethtool offloads), applied from a
/// short-lived thread that enters the namespace, so no process has to be spawned for them.
public enum NamespaceConfigurator {
    /// A setting that could not be applied.
    public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
        /// The namespace file, e.g. `/run/netns/qir-…`.
        public var namespacePath: String
        /// The errno of the failing call.
        public var errno: Int32
        public var description: String {
            "configuring network namespace \(namespacePath) failed: \(String(cString: strerror(errno)))"
        }
    }

    /// Writes each sysctl (path below `/proc/sys`, e.g. `net/ipv6/conf/all/accept_dad`), then prepares the named
    /// endpoint interfaces inside the namespace at `namespacePath`.
    ///
    /// Transmit checksum offload must be off on the endpoints' veths (as upstream's `ethtool -K eth0 tx off`):
    /// otherwise their frames reach the simulator's packet sockets with unfinished checksums. GRO is turned on
    /// so that a veth receives through NAPI, which keeps TCP receive cheap at Gbit/s rates.
    public static func configure(
        namespacePath: String, sysctls: [(path: String, value: String)], endpointInterfaces interfaces: [String]
    ) throws(ConfigurationError) {
        let result = withCStrings(sysctls.map(\.path)) { paths in
            withCStrings(sysctls.map(\.value)) { values in
                withCStrings(interfaces) { names in
                    qir_netns_configure(
                        namespacePath, paths, values, Int32(sysctls.count), names, Int32(interfaces.count))
                }
            }
        }
        guard result == 0 else { throw ConfigurationError(namespacePath: namespacePath, errno: -result) }
    }

    private static func withCStrings<R>(
        _ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R
    ) -> R {
        let duplicates = strings.map { strdup($0) }
        defer { duplicates.forEach { free($0) } }
        let pointers = duplicates.map { UnsafePointer($0) }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}
