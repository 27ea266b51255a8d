public import ArgumentParser
public import Batch
public import Reporters
public import Results

extension WireProtocol: ExpressibleByArgument {}

extension Runtime: ExpressibleByArgument {}
extension PullPolicy: ExpressibleByArgument {}
extension FailOn: ExpressibleByArgument {}
