import Synchronization

/// Hands out the unprivileged user (and group) each sandboxed endpoint runs as, one per endpoint run.
///
/// A user of its own is what keeps endpoints apart: one cannot signal, trace or read the private files of another
/// endpoint or of the runner (both root), and every process an endpoint starts keeps its user (no capabilities,
/// no_new_privs), so the runner finds them all by it at teardown. The ids come from a block of 4,096 in
/// 0x7000_0000..<0x8000_0000, far above any login or container range (`/etc/subuid` ranges start at 100,000);
/// the block is chosen at random per run, so two runs on one host rarely share ids, and within a run an id comes back
/// only after 4,096 other endpoint runs, long after its processes were killed.
final class SandboxUsers: Sendable {
    /// Every id a sandbox may hand out, in any run.
    static let range: Range<UInt32> = 0x7000_0000..<0x8000_0000
    /// Ids per run.
    static let blockSize: UInt32 = 4096

    /// The first id of this run's block.
    let first: UInt32
    private let next = Atomic<UInt32>(0)

    /// A block of ids at random.
    init() {
        let blocks = UInt32(Self.range.count) / Self.blockSize
        first = Self.range.lowerBound + UInt32.random(in: 0..<blocks) * Self.blockSize
    }

    /// The next id.
    func take() -> UInt32 {
        first + next.add(1, ordering: .relaxed).oldValue % Self.blockSize
    }
}
