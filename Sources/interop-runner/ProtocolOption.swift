public import ArgumentParser
public import Batch
public import Reporters
public import Results

extension WireProtocol: ExpressibleByArgument {}

extension Runtime: ExpressibleByArgument {}
extension PullPolicy: ExpressibleByArgument {}
extension TracePolicy: ExpressibleByArgument {}

extension ShardSelector: ExpressibleByArgument {
    /// `K/N`.
    public init?(argument: String) { self.init(parsing: argument) }
}
extension FailOn: ExpressibleByArgument {}
