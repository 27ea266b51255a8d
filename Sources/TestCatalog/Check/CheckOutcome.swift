public import Results

/// The verdict of a test case's check: a status, one readable line saying why, and a measurement's value.
public struct CheckOutcome: Sendable, Hashable, Codable {
    /// `succeeded`, `failed`, `unsupported` (the check cannot judge, as upstream without a key log) or
    /// `error` (the runner's own files are broken, which is never the implementations' fault).
    public var status: JobStatus
    /// Why the job did not succeed, in one line; `nil` on success.
    public var reason: String?
    /// A measurement's value in its unit; `nil` for test cases and until a trace check computes it.
    public var value: Double?

    /// Creates an outcome.
    public init(status: JobStatus, reason: String? = nil, value: Double? = nil) {
        self.status = status
        self.reason = reason
        self.value = value
    }

    /// The check passed.
    public static func succeeded(value: Double? = nil) -> CheckOutcome {
        CheckOutcome(status: .succeeded, value: value)
    }

    /// The implementations did not do what the test asks.
    public static func failed(_ reason: String) -> CheckOutcome {
        CheckOutcome(status: .failed, reason: reason)
    }

    /// The check cannot judge the job, as upstream without a usable key log.
    public static func unsupported(_ reason: String) -> CheckOutcome {
        CheckOutcome(status: .unsupported, reason: reason)
    }

    /// The runner's own side is broken (a served file vanished, an expectation is malformed).
    public static func error(_ reason: String) -> CheckOutcome {
        CheckOutcome(status: .error, reason: reason)
    }
}
