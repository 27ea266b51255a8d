public import Results

extension RunConfiguration {
    /// What a policy's exact names must be: an implementation of the registries, a test or measurement of the
    /// protocol's catalog (selected in this run or not: one policy serves several matrices).
    public var policyNames: Policy.Names {
        let menu = TestMenu(catalogFor: protocolKind)
        let tests = menu.tests + menu.measurements + menu.experimentalTests
        return Policy.Names(implementations: registry.names, tests: tests.map(\.name))
    }
}
