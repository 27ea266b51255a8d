import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads the files the kernel makes as they are read (`/proc`, cgroup files): they report size 0, and a large one
/// (`/proc/self/mountinfo` with many mounts) comes in several reads, where Foundation's `String(contentsOfFile:)`
/// stops after the first 4 KiB.
enum KernelFile {
    /// The whole of `path`, or `nil` when it cannot be opened or read.
    static func read(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            guard count >= 0 else { return nil }
            if count == 0 { return String(decoding: bytes, as: UTF8.self) }
            bytes += chunk[..<count]
        }
    }

    /// The mount points in this process's mount namespace, in `/proc/self/mountinfo` order (octal escapes of space,
    /// tab, newline and backslash decoded).
    static func mountPoints() -> [String] {
        (read("/proc/self/mountinfo") ?? "").split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count > 4 else { return nil }
            return String(fields[4]).replacingOccurrences(of: "\\040", with: " ")
                .replacingOccurrences(of: "\\011", with: "\t").replacingOccurrences(of: "\\012", with: "\n")
                .replacingOccurrences(of: "\\134", with: "\\")
        }
    }
}
