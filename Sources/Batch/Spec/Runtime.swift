public import Results

/// How endpoints are started: as local commands, as Docker images, or whichever an entry offers (command first).
public enum Runtime: String, Sendable, Hashable, CaseIterable, Codable {
    case process
    case docker
    case auto

    /// What starts `entry` under this runtime, or `nil` when it cannot: `process` needs a command, `docker` an
    /// image; `auto` takes the command, unless `-r/--replace` set the entry's image (`imageReplaced`) or it has
    /// no command, and then the image.
    public func program(for entry: Implementation, imageReplaced: Bool) -> EndpointProgram? {
        switch self {
        case .process:
            return entry.command.map(EndpointProgram.command)
        case .docker:
            return entry.image.map { EndpointProgram.image($0) }
        case .auto:
            if imageReplaced, let image = entry.image { return .image(image) }
            if let command = entry.command { return .command(command) }
            return entry.image.map { EndpointProgram.image($0) }
        }
    }
}
