extension LaunchRequest {
    /// The usage line printed with a malformed command line.
    public static let usage =
        "usage: interop-endpoint-exec --netns PATH [--bind SRC:TARGET[:ro]]... [--hosts FILE] [--env NAME=VALUE]... "
        + "[--cwd DIR] [--user UID:GID] [--cgroup DIR] [--file-size-limit BYTES] [--process-limit COUNT] "
        + "-- PROGRAM [ARG]..."

    /// Reads the launcher's arguments (without the program name), as ``arguments`` writes them.
    ///
    /// A bind is split at its last `:` (after an optional `:ro`), so the source may contain colons but the target may
    /// not.
    public static func parse(_ arguments: [String]) throws(LaunchFailure) -> LaunchRequest {
        var networkNamespace: String?
        var binds: [Bind] = []
        var hostsFile: String?
        var environment: [Variable] = []
        var workingDirectory: String?
        var confinement: Confinement?
        var cgroup: String?
        var fileSizeLimit: UInt64?
        var processLimit: UInt64?
        var index = arguments.startIndex

        func value(of option: String) throws(LaunchFailure) -> String {
            index += 1
            guard index < arguments.endIndex else {
                throw usageError("\(option) needs a value")
            }
            return arguments[index]
        }

        while index < arguments.endIndex {
            let argument = arguments[index]
            switch argument {
            case "--":
                let command = Array(arguments[(index + 1)...])
                guard let networkNamespace else {
                    throw usageError("--netns is required")
                }
                guard !command.isEmpty else {
                    throw usageError("no program after --")
                }
                return LaunchRequest(
                    networkNamespace: networkNamespace,
                    binds: binds,
                    hostsFile: hostsFile,
                    environment: environment,
                    workingDirectory: workingDirectory,
                    command: command,
                    confinement: confinement,
                    cgroup: cgroup,
                    fileSizeLimit: fileSizeLimit,
                    processLimit: processLimit
                )
            case "--netns":
                networkNamespace = try value(of: argument)
            case "--bind":
                binds.append(try parseBind(try value(of: argument)))
            case "--hosts":
                hostsFile = try value(of: argument)
            case "--env":
                let variable = try parseVariable(try value(of: argument))
                guard !environment.contains(where: { $0.name == variable.name }) else {
                    throw usageError("--env \(variable.name) given twice")
                }
                environment.append(variable)
            case "--cwd":
                workingDirectory = try value(of: argument)
            case "--user":
                confinement = try parseConfinement(try value(of: argument))
            case "--cgroup":
                cgroup = try value(of: argument)
            case "--file-size-limit":
                fileSizeLimit = try parseLimit(try value(of: argument), of: argument)
            case "--process-limit":
                processLimit = try parseLimit(try value(of: argument), of: argument)
            default:
                throw usageError("unknown argument '\(argument)'")
            }
            index += 1
        }
        throw usageError("missing -- before the program")
    }

    private static func usageError(_ problem: String) -> LaunchFailure {
        LaunchFailure(code: .usage, step: "arguments", detail: "\(problem); \(usage)")
    }

    private static func parseBind(_ text: String) throws(LaunchFailure) -> Bind {
        var rest = Substring(text)
        let readOnly = rest.hasSuffix(":ro")
        if readOnly {
            rest = rest.dropLast(3)
        }
        guard let colon = rest.lastIndex(of: ":") else {
            throw usageError("--bind '\(text)' is not SRC:TARGET[:ro]")
        }
        let source = String(rest[..<colon])
        let target = String(rest[rest.index(after: colon)...])
        guard !source.isEmpty, target.hasPrefix("/") else {
            throw usageError("--bind '\(text)' needs a source and an absolute target")
        }
        return Bind(source: source, target: target, readOnly: readOnly)
    }

    private static func parseConfinement(_ text: String) throws(LaunchFailure) -> Confinement {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let user = UInt32(parts[0]), let group = UInt32(parts[1]), user != 0, group != 0
        else {
            throw usageError("--user '\(text)' is not UID:GID of a user other than root")
        }
        return Confinement(user: user, group: group)
    }

    private static func parseLimit(_ text: String, of option: String) throws(LaunchFailure) -> UInt64 {
        guard let limit = UInt64(text), limit > 0 else {
            throw usageError("\(option) '\(text)' is not a positive integer")
        }
        return limit
    }

    private static func parseVariable(_ text: String) throws(LaunchFailure) -> Variable {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw usageError("--env '\(text)' is not NAME=VALUE")
        }
        return Variable(name: String(text[..<equals]), value: String(text[text.index(after: equals)...]))
    }
}
