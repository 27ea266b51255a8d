import Foundation

extension EndToEnd {
    /// What a runner process left on the host: its namespaces, the mounts and cgroups named after it, its work
    /// folders, and the processes in its namespaces and cgroups.
    struct Leftovers: CustomStringConvertible {
        var namespaces: [String]
        var mounts: [String]
        var workspaces: [String]
        var cgroups: [String]
        var processes: [Int32]

        /// What runner `pid` left now.
        init(of pid: Int32) {
            namespaces = EndToEnd.namespaces(of: pid)
            mounts = EndToEnd.mountTable().split(separator: "\n").compactMap { line in
                let fields = line.split(separator: " ")
                guard fields.count > 4 else { return nil }
                let point = String(fields[4])
                return point.contains("qir-\(pid)x") || point.contains("interop-runner-\(pid)-") ? point : nil
            }
            let temporary = NSTemporaryDirectory()
            workspaces = ((try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? [])
                .filter { $0.hasPrefix("interop-runner-\(pid)-") }.map { temporary + $0 }
            let parent = "/sys/fs/cgroup/pids/interop-runner"
            cgroups = ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [])
                .filter { $0.hasPrefix("qir-\(pid)x") }.map { parent + "/" + $0 }
            var found: Set<Int32> = []
            for folder in cgroups {
                for child in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                    let procs = (try? String(contentsOfFile: "\(folder)/\(child)/cgroup.procs", encoding: .utf8)) ?? ""
                    found.formUnion(procs.split(separator: "\n").compactMap { Int32($0) })
                }
            }
            let inodes = Set(
                namespaces.compactMap { name -> String? in
                    let attributes = try? FileManager.default.attributesOfItem(atPath: "/run/netns/" + name)
                    return (attributes?[.systemFileNumber] as? NSNumber).map { "net:[\($0)]" }
                })
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
                guard let process = Int32(entry),
                    let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(entry)/ns/net")
                else { continue }
                if inodes.contains(link) { found.insert(process) }
            }
            processes = found.sorted()
        }

        var description: String {
            "namespaces \(namespaces), mounts \(mounts), workspaces \(workspaces), cgroups \(cgroups), "
                + "processes \(processes)"
        }
    }

    /// `/proc/self/mountinfo`, read to its end: `String(contentsOfFile:)` stops after the first 4 KiB of a kernel
    /// file, and a busy machine has more mounts than that.
    static func mountTable() -> String {
        guard let handle = FileHandle(forReadingAtPath: "/proc/self/mountinfo") else { return "" }
        defer { try? handle.close() }
        var bytes = Data()
        while let chunk = try? handle.read(upToCount: 16 * 1024), !chunk.isEmpty { bytes += chunk }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether process `pid` runs (exists and is not a zombie: a killed orphan stays one until the machine's init
    /// reaps it).
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first != "Z"
    }

    /// The network interfaces of the host's own network namespace: a veth a job leaked would be among them (a
    /// job's veths are made inside its namespaces and die with them).
    static func hostInterfaces() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/sys/class/net")) ?? []).sorted()
    }

    /// Whether job `job` of runner `pid` has a client download under way: a file with bytes in its sandbox's
    /// `/downloads`.
    static func downloading(runner pid: Int32, job: String) -> Bool {
        let temporary = NSTemporaryDirectory()
        let manager = FileManager.default
        for workspace in ((try? manager.contentsOfDirectory(atPath: temporary)) ?? [])
        where workspace.hasPrefix("interop-runner-\(pid)-") {
            let folder = temporary + workspace + "/" + job
            for sandbox in ((try? manager.contentsOfDirectory(atPath: folder)) ?? [])
            where sandbox.hasPrefix("sandbox-client-") {
                let downloads = folder + "/" + sandbox + "/downloads"
                for file in (try? manager.contentsOfDirectory(atPath: downloads)) ?? [] {
                    let size = (try? manager.attributesOfItem(atPath: downloads + "/" + file))?[.size] as? NSNumber
                    if (size?.intValue ?? 0) > 0 { return true }
                }
            }
        }
        return false
    }
}
