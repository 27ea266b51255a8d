/// What starts an implementation's endpoints in a run: a local command (process runtime) or a Docker image
/// (docker runtime), and, for an image, the ID it resolved to when the run began.
///
/// Invariant: `imageID` is `nil` for a command.
public struct EndpointProgram: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The runtime that starts the endpoint.
    public enum Runtime: String, Codable, Sendable, Hashable, CaseIterable {
        /// A local `run_endpoint` command inside the job's namespaces.
        case process
        /// A container of an image, inside the job's namespaces.
        case docker
    }

    /// The runtime that starts the endpoint.
    public var runtime: Runtime
    /// The command's path (process) or the image reference (docker).
    public var reference: String
    /// The image ID (`sha256:…`) the reference resolved to, once the run looked it up.
    public var imageID: String?

    /// A local command.
    public static func command(_ path: String) -> EndpointProgram {
        EndpointProgram(runtime: .process, reference: path, imageID: nil)
    }

    /// A Docker image, with its ID when known.
    public static func image(_ reference: String, id: String? = nil) -> EndpointProgram {
        EndpointProgram(runtime: .docker, reference: reference, imageID: id)
    }

    private init(runtime: Runtime, reference: String, imageID: String?) {
        self.runtime = runtime
        self.reference = reference
        self.imageID = imageID
        assert(runtime == .docker || imageID == nil, "a command has no image ID")
    }

    /// `command /path/run_endpoint` or `image name:tag (sha256:…)`.
    public var description: String {
        switch runtime {
        case .process: "command \(reference)"
        case .docker: "image \(reference)" + (imageID.map { " (\($0))" } ?? "")
        }
    }
}
