/// A scenario string that the simulator cannot run; `message` names the flag or value at fault.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem this is.
    public enum Code: String, Sendable {
        case empty
        case unknownScenario
        case unknownFlag
        case missingFlag
        case invalidValue
    }

    /// The kind of problem.
    public var code: Code
    /// A sentence naming what and where.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "scenario error (\(code.rawValue)): \(message)" }
}
