import EndpointLauncher
import Results
import SystemPackage

/// One endpoint to start under upstream's endpoint contract, whatever runtime starts it: which implementation and
/// program, in which host of the job network, with which environment and contract folders, and where what it prints
/// goes.
///
/// Invariant: `mounts` targets are the contract's (`/www` read-only, `/downloads`, `/certs` read-only, `/logs`).
struct EndpointSpec: Sendable {
    /// The implementation's registry name.
    var implementation: String
    /// Server or client.
    var perspective: Perspective
    /// The command or image that runs.
    var program: EndpointProgram
    /// The environment of the contract: `ROLE`, `TESTCASE`, `REQUESTS`, `PROTOCOLS`, `SSLKEYLOGFILE`, `QLOGDIR`,
    /// `CLIENT_PARAMS`/`SERVER_PARAMS`.
    var environment: [String: String]
    /// The job's folders bound onto the contract's mount points.
    var mounts: [LaunchRequest.Bind]
    /// Where standard output and standard error go (outside the endpoint's `/logs`, so it cannot overwrite them).
    var logFile: FilePath
    /// The job's private folder (outside the log tree), where a runtime may keep what one endpoint run needs (the
    /// process runtime's sandbox scratch).
    var workspace: String

    /// The job network host the endpoint lives in.
    var host: NetworkHost { perspective == .server ? .server : .client }

    /// The environment as `NAME=value` pairs in name order, so command lines and logs are stable.
    var sortedEnvironment: [(name: String, value: String)] {
        environment.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
