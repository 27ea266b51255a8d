public import Results

/// How the reports say which jobs kept their traces.
public enum TracePolicyText {
    /// `pcaps, qlogs and key logs kept for the jobs that did not succeed`, and the like.
    public static func kept(_ policy: TracePolicy) -> String {
        switch policy {
        case .failed: "pcaps, qlogs and key logs kept for the jobs that did not succeed"
        case .all: "pcaps, qlogs and key logs kept for every job"
        case .never: "pcaps, qlogs and key logs not kept"
        }
    }
}
