public import ArgumentParser
public import Batch
public import Results

extension WireProtocol: ExpressibleByArgument {}

extension Runtime: ExpressibleByArgument {}
extension PullPolicy: ExpressibleByArgument {}
