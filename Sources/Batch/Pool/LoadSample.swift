/// What the machine had to spare at one moment: how busy its CPUs were since the last sample, and free memory.
public struct LoadSample: Sendable, Hashable {
    /// The share of all cores' time spent busy (not idle, not waiting for I/O) since the previous sample, 0...1.
    public var busy: Double
    /// Memory the kernel could give new processes without swapping (`MemAvailable`), in bytes.
    public var availableMemory: UInt64

    /// Creates a sample.
    public init(busy: Double, availableMemory: UInt64) {
        self.busy = busy
        self.availableMemory = availableMemory
    }
}
