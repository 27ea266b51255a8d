/// What `interop-endpoint-exec` is asked to do: the namespace to join, the directories and hosts file to mount, the
/// exact environment and the command to execute.
///
/// The runner builds one with ``arguments`` and the launcher reads it back with ``parse(_:)``, so the command line
/// has one definition. Invariants (checked by ``parse(_:)``): every bind target is absolute, every environment name
/// is non-empty, free of `=` and unique, and the command is not empty.
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

    /// The network namespace file to join, e.g. `/run/netns/<name>`.
    public var networkNamespace: String
    /// Directories to bind, in order.
    public var binds: [Bind]
    /// The file bound over `/etc/hosts`, or `nil` to keep the host's.
    public var hostsFile: String?
    /// The endpoint's environment; ``defaultVariables`` fill in names it does not set.
    public var environment: [Variable]
    /// The directory the command starts in, or `nil` for the launcher's own.
    public var workingDirectory: String?
    /// The program (a path, or a name looked up in the endpoint's `PATH`) and its arguments.
    public var command: [String]

    /// Creates a request.
    public init(
        networkNamespace: String,
        binds: [Bind] = [],
        hostsFile: String? = nil,
        environment: [Variable] = [],
        workingDirectory: String? = nil,
        command: [String]
    ) {
        self.networkNamespace = networkNamespace
        self.binds = binds
        self.hostsFile = hostsFile
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.command = command
    }

    /// Variables every endpoint gets unless the request sets them: a root login's basics, since the endpoint runs as
    /// root with nothing inherited from the runner.
    public static let defaultVariables = [
        Variable(name: "PATH", value: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
        Variable(name: "HOME", value: "/root"),
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
        return arguments + ["--"] + command
    }
}
