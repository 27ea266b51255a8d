public import ArgumentParser
public import Batch
public import Results

extension WireProtocol: ExpressibleByArgument {}

extension Runtime: ExpressibleByArgument {}
extension PullPolicy: ExpressibleByArgument {}
extension TracePolicy: ExpressibleByArgument {}

extension ShardSelector: ExpressibleByArgument {
    /// `K/N`.
    public init?(argument: String) { self.init(parsing: argument) }
}
