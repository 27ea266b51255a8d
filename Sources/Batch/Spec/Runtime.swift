/// How endpoints are started: as local commands, as Docker images, or whichever an entry offers (command first).
public enum Runtime: String, Sendable, Hashable, CaseIterable, Codable {
    case process
    case docker
    case auto
}
