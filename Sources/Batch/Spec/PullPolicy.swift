/// Whether a run pulls a Docker image that is not on the machine (as `docker run --pull`).
public enum PullPolicy: String, Sendable, Hashable, CaseIterable, Codable {
    /// Pull an image only when it is missing (Docker's default).
    case missing
    /// Never pull: a missing image is an error for the jobs that need it.
    case never
}
