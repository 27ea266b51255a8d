import EndpointLauncher
import Foundation
import SystemPackage
import Testing

@testable import Orchestration

#if canImport(Glibc)
    import Glibc
#endif

/// `interop-endpoint-exec --user` for real: an endpoint confined to an unprivileged user of its own, without
/// capabilities but CAP_NET_BIND_SERVICE, on a read-only host with only its bound folders writable, unable to create or
/// enter namespaces, under its resource limits.
@Suite(.serialized, .enabled(if: isRoot, "needs root for namespaces, mounts and users"))
struct ConfinedLauncherTests {
    /// A user no account has, in the sandbox's range.
    private static let user: UInt32 = 0x7FFF_F000 + UInt32.random(in: 0..<0x800)

    /// Folders as a job's sandbox has them: `/www` and `/certs` owned by root, the writable ones by the user.
    private struct Fixture {
        let root: TemporaryDirectory
        let log: FilePath

        init() throws {
            root = try TemporaryDirectory("confined")
            for name in ["www", "certs", "downloads", "logs", "tmp"] {
                _ = try root.makeDirectory(name)
            }
            for name in ["downloads", "logs", "tmp"] {
                chown(root.file(name).string, ConfinedLauncherTests.user, ConfinedLauncherTests.user)
            }
            try root.write("www/index.html", "served")
            log = root.file("output.txt")
        }

        func request(_ namespace: TestNetworkNamespace, script: String) -> LaunchRequest {
            LaunchRequest(
                networkNamespace: namespace.path.string,
                binds: [
                    .init(source: root.file("www").string, target: "/www", readOnly: true),
                    .init(source: root.file("downloads").string, target: "/downloads", readOnly: false),
                    .init(source: root.file("certs").string, target: "/certs", readOnly: true),
                    .init(source: root.file("logs").string, target: "/logs", readOnly: false),
                    .init(source: root.file("tmp").string, target: "/tmp", readOnly: false),
                ],
                workingDirectory: "/",
                command: ["/bin/bash", "-c", script],
                confinement: .init(user: ConfinedLauncherTests.user, group: ConfinedLauncherTests.user),
                fileSizeLimit: 1 << 20,
                processLimit: 77
            )
        }
    }

    /// Runs `script` confined in a throwaway namespace; returns its exit and its output lines.
    private func runConfined(_ script: String) async throws -> (ProcessTermination, Set<String>, Fixture) {
        let fixture = try Fixture()
        let mountPoints = try EndpointMountPoints.ensure()
        defer { mountPoints.removeCreated() }
        let termination = try await withTestNetworkNamespace { namespace in
            try await runProcessGroup(
                .endpoint(
                    launcher: try LauncherBinary.locate(), request: fixture.request(namespace, script: script),
                    logFile: fixture.log))
        }
        let lines = Set(try fixture.root.read("output.txt").split(separator: "\n").map(String.init))
        return (termination, lines, fixture)
    }

    /// The host's mounts on the paths a confined launch touches (other tests mount elsewhere at the same time).
    private func hostMounts() throws -> [String] {
        let watched = ["/", "/www", "/downloads", "/certs", "/logs", "/tmp", "/etc/hosts", "/sys", "/proc", "/dev"]
        return (KernelFile.read("/proc/self/mountinfo") ?? "").split(separator: "\n")
            .filter { line in
                let fields = line.split(separator: " ")
                return fields.count > 4 && (watched.contains(String(fields[4])) || fields[4].contains("qir-confined"))
            }
            .map(String.init)
    }

    @Test func theEndpointRunsAsItsUserWithOnlyTheCapabilityToBindLowPorts() async throws {
        let (termination, lines, fixture) = try await runConfined(
            """
            echo "id=$(id -u):$(id -g):$(id -G)"
            grep -E '^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs|Seccomp):' /proc/self/status | tr -d '\\t'
            python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("0.0.0.0", 443)); print("bound 443")'
            echo "limits=$(ulimit -f):$(ulimit -u):$(ulimit -c)"
            """)
        defer { fixture.root.remove() }
        let user = Self.user
        #expect(termination == .exited(0), "\(lines)")
        #expect(lines.contains("id=\(user):\(user):\(user)"), "\(lines)")
        // CAP_NET_BIND_SERVICE is bit 10: 0x400, and nothing else, in every set.
        for set in ["CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"] {
            #expect(lines.contains("\(set):0000000000000400"), "\(set): \(lines)")
        }
        #expect(lines.contains("NoNewPrivs:1") && lines.contains("Seccomp:2"), "\(lines)")
        #expect(lines.contains("bound 443"), "\(lines)")
        // ulimit -f counts 1024-byte blocks in bash.
        #expect(lines.contains("limits=1024:77:0"), "\(lines)")
    }

    @Test func theHostIsReadOnlyButForTheBoundFoldersAndNothingOutsideChanges() async throws {
        let marker = "qir-confined-\(UInt32.random(in: 0...UInt32.max))"
        let mountsBefore = try hostMounts()
        let (termination, lines, fixture) = try await runConfined(
            """
            for path in / /etc /usr/local /opt /var/tmp /run /dev/shm /root /www /certs /sys/kernel /proc/sys/kernel; do
                if echo x > "$path/\(marker)" 2>/dev/null; then echo "writable $path"; else echo "refused $path"; fi
            done
            echo x > /downloads/\(marker) && echo "wrote /downloads"
            mkdir -p /logs/qlog && echo x > /logs/qlog/\(marker) && echo "wrote /logs"
            echo x > /tmp/\(marker) && echo "wrote /tmp"
            echo "www=$(cat /www/index.html)"
            echo x > /dev/null && echo "wrote /dev/null"
            """)
        defer { fixture.root.remove() }
        #expect(termination == .exited(0), "\(lines)")
        for path in ["/", "/etc", "/usr/local", "/opt", "/var/tmp", "/run", "/dev/shm", "/root", "/www", "/certs"] {
            #expect(lines.contains("refused \(path)"), "\(path): \(lines)")
            #expect(!FileManager.default.fileExists(atPath: path + "/" + marker), "\(path)")
        }
        #expect(lines.contains("refused /sys/kernel") && lines.contains("refused /proc/sys/kernel"), "\(lines)")
        for written in ["/downloads", "/logs", "/tmp", "/dev/null"] {
            #expect(lines.contains("wrote \(written)"), "\(written): \(lines)")
        }
        #expect(lines.contains("www=served"))
        #expect(try fixture.root.read("downloads/\(marker)") == "x\n")
        #expect(try fixture.root.read("logs/qlog/\(marker)") == "x\n")
        // The private /tmp is the bound folder, not the host's.
        #expect(try fixture.root.read("tmp/\(marker)") == "x\n")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/" + marker))
        #expect(try hostMounts() == mountsBefore)
    }

    /// No namespace can be entered or made (a user namespace would hand capabilities back), nothing mounted, no root
    /// process signalled; forks and threads still work (clone3 falls back to clone).
    @Test func namespacesMountsAndTheRunnerAreOutOfReach() async throws {
        let (termination, lines, fixture) = try await runConfined(
            """
            try() { if "$@" >/dev/null 2>&1; then echo "allowed: $*"; else echo "refused: $*"; fi; }
            try nsenter --net=/proc/\(getpid())/ns/net true
            try nsenter --net=/proc/1/ns/net true
            try unshare --user --map-root-user true
            try unshare --user true
            try unshare --net true
            try unshare --mount true
            try mount -t tmpfs qir-confined /mnt
            try kill -0 \(getpid())
            python3 -c 'import os, threading; t = threading.Thread(target=print, args=("thread",)); t.start(); t.join(); pid = os.fork(); os._exit(0) if pid == 0 else print("forked", os.waitpid(pid, 0)[1])'
            """)
        defer { fixture.root.remove() }
        #expect(termination == .exited(0), "\(lines)")
        for attempt in [
            "nsenter --net=/proc/\(getpid())/ns/net true", "nsenter --net=/proc/1/ns/net true",
            "unshare --user --map-root-user true", "unshare --user true", "unshare --net true",
            "unshare --mount true", "mount -t tmpfs qir-confined /mnt", "kill -0 \(getpid())",
        ] {
            #expect(lines.contains("refused: \(attempt)"), "\(attempt): \(lines)")
        }
        #expect(lines.contains("thread") && lines.contains("forked 0"), "\(lines)")
    }

    /// A write past the file size limit stops at the limit with SIGXFSZ.
    @Test func aFileStopsAtTheFileSizeLimit() async throws {
        let (termination, lines, fixture) = try await runConfined("exec head -c 3000000 /dev/zero > /downloads/big")
        defer { fixture.root.remove() }
        #expect(termination == .signaled(SIGXFSZ), "\(lines)")
        let size = try FileManager.default.attributesOfItem(atPath: fixture.root.file("downloads/big").string)[.size]
        #expect((size as? NSNumber)?.intValue == 1 << 20)
    }
}
