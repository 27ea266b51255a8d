import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension OutputTarget {
    /// Every problem with `targets`, each at the place its path was chosen: a folder where a file goes (or the
    /// reverse), a file in the way of a folder to create, a folder the runner cannot write in, an existing log
    /// folder, or two outputs on one path. Writes nothing that stays: writability is tried with a file created and
    /// removed at once, since permission bits do not tell (root ignores them; `/proc` and read-only mounts refuse).
    /// One problem per place: the reports derived from one `--output-dir` share its fault.
    public static func problems(_ targets: [OutputTarget]) -> [SpecProblem] {
        var checker = Checker()
        var problems: [SpecProblem] = []
        var claimed: [String: OutputTarget] = [:]
        var faultyPlaces: Set<Located<String>> = []
        for target in targets {
            var place = target.place
            place.value = ""
            guard !faultyPlaces.contains(place) else { continue }
            let absolute = Self.absolute(target.path)
            if let first = claimed[absolute] {
                problems.append(
                    target.place.problem(
                        "\(target.role) and \(first.role) would both be written to \(Echo.quoted(target.path))"))
                continue
            }
            claimed[absolute] = target
            if let why = checker.problem(target) {
                problems.append(target.place.problem(why))
                faultyPlaces.insert(place)
            }
        }
        return problems
    }

    /// `path` made absolute against the working directory, with `.` and `..` resolved, for comparing targets.
    private static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (full as NSString).standardizingPath
    }
}

/// Checks targets one by one, remembering which folders were tried for writing.
private struct Checker {
    private var writable: [String: String?] = [:]

    mutating func problem(_ target: OutputTarget) -> String? {
        let path = target.path
        guard !path.isEmpty else { return "\(target.role) needs a path (it is empty)" }
        var status = Glibc.stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            guard code == ENOENT || code == ENOTDIR else {
                return "cannot use \(Echo.quoted(path)) for \(target.role): \(String(cString: strerror(code)))"
            }
            return creatable(path, for: target)
        }
        let isFolder = status.st_mode & S_IFMT == S_IFDIR
        switch target.kind {
        case .newFolder:
            return
                "\(target.role) \(Echo.quoted(path)) already exists; choose another with -l/--log-dir or remove it"
        case .folder:
            guard isFolder else { return "\(Echo.quoted(path)) is a file, but \(target.role) is a folder" }
            return folderProblem(path, for: target)
        case .file:
            if isFolder { return "\(Echo.quoted(path)) is a folder, but \(target.role) is a file" }
            guard status.st_mode & S_IFMT == S_IFREG else {
                return "\(Echo.quoted(path)) is not a regular file (a device, pipe or socket); \(target.role) "
                    + "needs one it can replace"
            }
            // Reports are written to a temporary file beside the target, then renamed over it.
            return folderProblem(Self.parent(of: path), for: target)
        }
    }

    /// Why `path`, which does not exist, cannot be created: its nearest existing ancestor is a file, or a folder
    /// the runner cannot write in.
    private mutating func creatable(_ path: String, for target: OutputTarget) -> String? {
        var ancestor = Self.parent(of: path)
        var status = Glibc.stat()
        while stat(ancestor, &status) != 0 {
            guard errno == ENOENT || errno == ENOTDIR, ancestor != "/", ancestor != "." else {
                return "cannot use \(Echo.quoted(path)) for \(target.role): \(String(cString: strerror(errno)))"
            }
            ancestor = Self.parent(of: ancestor)
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            return "\(Echo.quoted(ancestor)) is a file, not a folder, so \(target.role) cannot be written to "
                + "\(Echo.quoted(path))"
        }
        return folderProblem(ancestor, for: target)
    }

    /// Why the runner cannot create files in the existing folder `folder`, or `nil`; tried once per folder.
    private mutating func folderProblem(_ folder: String, for target: OutputTarget) -> String? {
        if let known = writable[folder] { return known.map { "\($0) (needed for \(target.role))" } }
        let probe = folder + "/.interop-runner-write-check-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        let problem: String?
        if descriptor >= 0 {
            close(descriptor)
            unlink(probe)
            problem = nil
        } else {
            problem = "cannot write in the folder \(Echo.quoted(folder)): \(String(cString: strerror(errno)))"
        }
        writable[folder] = problem
        return problem.map { "\($0) (needed for \(target.role))" }
    }

    /// The folder holding `path`: `.` for a bare name, `/` for a top-level entry.
    private static func parent(of path: String) -> String {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        let parent = (trimmed as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }
}
