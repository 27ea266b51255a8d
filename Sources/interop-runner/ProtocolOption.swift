import ArgumentParser
import Results

extension WireProtocol: ExpressibleByArgument {}

extension Runtime: ExpressibleByArgument {}
