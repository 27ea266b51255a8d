/// What `interop-endpoint-exec` is asked to do: the namespace to join, the directories and hosts file to mount, the
/// sandbox to build, the exact environment and the command to execute.
///
/// The runner builds one with ``arguments`` and the launcher reads it back with ``parse(_:)``, so the command line
/// has one definition. Invariants (checked by ``parse(_:)``): every bind target is absolute, every environment name
/// is non-empty, free of `=` and unique, the limits are positive, and the command is not empty.
public struct LaunchRequest: Sendable, Hashable {
    /// One directory bound into the endpoint's mount namespace.
    public struct Bind: Sendable, Hashable {
        /// The host directory.
        public var source: String
        /// Where the endpoint sees it (`/www`, `/downloads`, `/certs`, `/logs`); must already exist.
        public var target: String
        /// Whether the endpoint may only read it.
        public var readOnly: Bool

        /// Creates a bind.
        public init(source: String, target: String, readOnly: Bool) {
            self.source = source
            self.target = target
            self.readOnly = readOnly
        }
    }

    /// One environment variable.
    public struct Variable: Sendable, Hashable {
        /// The name, without `=`.
        public var name: String
        /// The value.
        public var value: String

        /// Creates a variable.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The sandbox of an endpoint: an unprivileged user of its own, a read-only view of the host, no way to create or
    /// enter namespaces.
    ///
    /// The launcher makes every mount of its private mount namespace read-only (and nosuid) except the binds that are
    /// not ``Bind/readOnly``, drops every capability but `CAP_NET_BIND_SERVICE` (kept as an ambient capability, so
    /// the endpoint can bind UDP 443), becomes ``user``:``group`` with no supplementary groups, sets no_new_privs
    /// (setuid programs gain nothing) and installs a seccomp filter that refuses `unshare` and `clone` with namespace
    /// flags. What remains writable is exactly what the runner bound writable.
    public struct Confinement: Sendable, Hashable {
        /// The user the endpoint runs as; the runner gives each endpoint one of its own.
        public var user: UInt32
        /// The endpoint's group.
        public var group: UInt32

        /// Creates a confinement.
        public init(user: UInt32, group: UInt32) {
            self.user = user
            self.group = group
        }
    }

    /// The network namespace file to join, e.g. `/run/netns/<name>`.
    public var networkNamespace: String
    /// Directories to bind, in order (after the hosts file); a source must not lie below an earlier bind's target.
    public var binds: [Bind]
    /// The file bound over `/etc/hosts`, or `nil` to keep the host's.
    public var hostsFile: String?
    /// The endpoint's environment; ``defaultVariables`` fill in names it does not set.
    public var environment: [Variable]
    /// The directory the command starts in, or `nil` for the launcher's own.
    public var workingDirectory: String?
    /// The program (a path, or a name looked up in the endpoint's `PATH`) and its arguments.
    public var command: [String]
    /// The sandbox, or `nil` to run the command with the launcher's own privileges.
    public var confinement: Confinement?
    /// A cgroup directory the launcher moves itself into first (writing its pid to `cgroup.procs`), so every process
    /// the endpoint starts is counted there and held to its `pids.max`.
    public var cgroup: String?
    /// The largest file the endpoint may write, in bytes (RLIMIT_FSIZE: a larger write stops there with SIGXFSZ).
    public var fileSizeLimit: UInt64?
    /// How many processes and threads the endpoint's user may have (RLIMIT_NPROC; only binding for a user other
    /// than root).
    public var processLimit: UInt64?

    /// Creates a request.
    public init(
        networkNamespace: String,
        binds: [Bind] = [],
        hostsFile: String? = nil,
        environment: [Variable] = [],
        workingDirectory: String? = nil,
        command: [String],
        confinement: Confinement? = nil,
        cgroup: String? = nil,
        fileSizeLimit: UInt64? = nil,
        processLimit: UInt64? = nil
    ) {
        self.networkNamespace = networkNamespace
        self.binds = binds
        self.hostsFile = hostsFile
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.command = command
        self.confinement = confinement
        self.cgroup = cgroup
        self.fileSizeLimit = fileSizeLimit
        self.processLimit = processLimit
    }

    /// Variables every endpoint gets unless the request sets them, since nothing is inherited from the runner: a
    /// login's basics, with `HOME` in `/tmp`, the one place a confined endpoint may write besides its contract folders.
    public static let defaultVariables = [
        Variable(name: "PATH", value: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
        Variable(name: "HOME", value: "/tmp"),
        Variable(name: "LANG", value: "C.UTF-8"),
    ]

    /// The environment the endpoint receives: the request's variables, then the defaults it does not override.
    public var effectiveEnvironment: [Variable] {
        environment + Self.defaultVariables.filter { variable in !environment.contains { $0.name == variable.name } }
    }

    /// The launcher's arguments (without the program name) that ``parse(_:)`` turns back into this request.
    public var arguments: [String] {
        var arguments = ["--netns", networkNamespace]
        for bind in binds {
            arguments += ["--bind", "\(bind.source):\(bind.target)\(bind.readOnly ? ":ro" : "")"]
        }
        if let hostsFile {
            arguments += ["--hosts", hostsFile]
        }
        for variable in environment {
            arguments += ["--env", "\(variable.name)=\(variable.value)"]
        }
        if let workingDirectory {
            arguments += ["--cwd", workingDirectory]
        }
        if let confinement {
            arguments += ["--user", "\(confinement.user):\(confinement.group)"]
        }
        if let cgroup {
            arguments += ["--cgroup", cgroup]
        }
        if let fileSizeLimit {
            arguments += ["--file-size-limit", "\(fileSizeLimit)"]
        }
        if let processLimit {
            arguments += ["--process-limit", "\(processLimit)"]
        }
        return arguments + ["--"] + command
    }
}
