/// Where the pool learns how loaded the machine is; ``SystemLoadProbe`` reads the kernel's figures, tests script
/// their own.
public protocol LoadProbe: Sendable {
    /// The load since the previous call (the first call starts the measurement and may return `nil`), or `nil` when
    /// it cannot be known.
    func sample() -> LoadSample?
}
