/// A job network that could not be set up, run or torn down; a runner fault, never an endpoint's.
public struct NetworkError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Code: String, Sendable {
        case commandFailed
        case namespaceConfiguration
        case simulatorNotFound
        case simulatorFailed
        case teardownIncomplete
    }

    /// The kind of failure.
    public var code: Code
    /// What failed, with the command's output where there is one.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "network error (\(code.rawValue)): \(message)" }
}
