import CLinuxSupport
public import SystemPackage

#if canImport(Glibc)
    public import Glibc
#endif

/// How waiting for a server's UDP port ended.
public enum UDPPortWait: Sendable, Hashable {
    /// A socket of the namespace is bound to the port; the wait took this long.
    case bound(after: Duration)
    /// The process exited (or became a zombie) before the port was bound.
    case processExited
    /// The deadline passed first.
    case timedOut
}

/// Waits until a UDP socket bound to `port` exists in the network namespace of process `pid`, polling
/// `/proc/<pid>/net/udp` and `udp6` (which show the sockets of that process's namespace) every `pollInterval`.
///
/// When `networkNamespace` is given, sockets count only once the process is inside that namespace
/// (`/proc/<pid>/ns/net` is the same inode): a launcher that has not yet called `setns` still sees the host's
/// sockets. `pid` must be a child that has not been reaped (any pid inside a ``withProcessGroup(_:_:)`` scope is).
///
/// - Throws: ``JobSetupError`` with code `procfs` when `/proc` answers with something other than "no such process".
public func waitForUDPPort(
    _ port: UInt16 = 443,
    process pid: pid_t,
    networkNamespace: FilePath? = nil,
    timeout: Duration,
    pollInterval: Duration = .milliseconds(5)
) async throws -> UDPPortWait {
    let clock = ContinuousClock()
    let start = clock.now
    let deadline = start.advanced(by: timeout)
    let expectedNamespace = try networkNamespace.map { path throws(JobSetupError) in try inode(of: path.string) }
    while true {
        switch try UDPSocketTable.probe(pid: pid, port: port, namespace: expectedNamespace) {
        case .bound: return .bound(after: clock.now - start)
        case .gone: return .processExited
        case .notYet: break
        }
        if clock.now >= deadline {
            return .timedOut
        }
        try await Task.sleep(for: pollInterval)
    }
}

/// A namespace file's identity: device and inode, as `stat` reports them through the nsfs.
private struct NamespaceIdentity: Equatable {
    var device: UInt64
    var inode: UInt64
}

private func inode(of path: String) throws(JobSetupError) -> NamespaceIdentity {
    var identity = NamespaceIdentity(device: 0, inode: 0)
    var isDirectory: Int32 = 0
    guard qir_file_identity(path, &identity.device, &identity.inode, &isDirectory) == 0 else {
        throw JobSetupError(code: .procfs, path: path, detail: String(cString: strerror(errno)))
    }
    return identity
}

/// Reads the kernel's UDP socket tables of one process's network namespace.
enum UDPSocketTable {
    /// One look at the tables.
    enum Probe: Equatable {
        case bound
        case notYet
        case gone
    }

    fileprivate static func probe(pid: pid_t, port: UInt16, namespace: NamespaceIdentity?) throws(JobSetupError)
        -> Probe
    {
        if isGone(pid) {
            return .gone
        }
        if let namespace {
            guard let current = try? inode(of: "/proc/\(pid)/ns/net") else {
                return isGone(pid) ? .gone : .notYet
            }
            guard current == namespace else {
                return .notYet
            }
        }
        for table in ["udp", "udp6"] {
            let path = "/proc/\(pid)/net/\(table)"
            guard let text = try read(path) else {
                return .gone
            }
            if boundPorts(in: text).contains(port) {
                return .bound
            }
        }
        return .notYet
    }

    /// The local ports of every socket in a `/proc/net/udp` or `udp6` table.
    ///
    /// Each line after the header reads `sl local_address rem_address st ...`, the local address being
    /// `HEXADDR:HEXPORT` with the port in big-endian hex.
    static func boundPorts(in table: String) -> Set<UInt16> {
        var ports = Set<UInt16>()
        for line in table.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count > 1, let colon = fields[1].lastIndex(of: ":"),
                let port = UInt16(fields[1][fields[1].index(after: colon)...], radix: 16)
            else { continue }
            ports.insert(port)
        }
        return ports
    }

    /// Whether `pid` has exited: its `/proc` entry is gone or it is a zombie (state `Z` in `/proc/<pid>/stat`).
    static func isGone(_ pid: pid_t) -> Bool {
        guard let stat = try? read("/proc/\(pid)/stat") else {
            return true
        }
        // The state follows the command name, which is in parentheses and may itself contain ") ".
        guard let close = stat.lastIndex(of: ")") else {
            return true
        }
        return stat[stat.index(after: close)...].trimmingPrefix(" ").first == "Z"
    }

    /// What `/proc` answers for a process that has exited: its directory is gone, or (for a zombie, whose namespaces
    /// are already released) the per-namespace files refuse to open or read.
    private static let processGoneErrors: Set<Errno> = [.noSuchFileOrDirectory, .noSuchProcess, .invalidArgument]

    /// The whole of a `/proc` file, or `nil` when the process is gone.
    ///
    /// `/proc` files report size 0 and are produced as they are read, so this reads until end of file.
    private static func read(_ path: String) throws(JobSetupError) -> String? {
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec])
        } catch let error as Errno where processGoneErrors.contains(error) {
            return nil
        } catch {
            throw JobSetupError(code: .procfs, path: path, detail: "\(error)")
        }
        defer { try? descriptor.close() }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count: Int
            do {
                count = try chunk.withUnsafeMutableBytes { try descriptor.read(into: $0) }
            } catch let error as Errno where processGoneErrors.contains(error) {
                return nil
            } catch {
                throw JobSetupError(code: .procfs, path: path, detail: "\(error)")
            }
            if count == 0 {
                return String(decoding: bytes, as: UTF8.self)
            }
            bytes += chunk[..<count]
        }
    }
}
