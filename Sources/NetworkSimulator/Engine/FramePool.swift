/// Fixed-size frame buffers in one allocation, handed out by index so the packet path never allocates.
///
/// Invariant: every slot index is either in `free` or owned by exactly one holder (a receive batch or a link).
final class FramePool {
    /// Bytes per slot; longer frames are dropped (the veths use a 1500-byte MTU).
    let slotSize: Int
    private let storage: UnsafeMutableRawPointer
    private var free: [Int32]

    /// Allocates `slots` buffers of `slotSize` bytes, all free.
    init(slots: Int, slotSize: Int) {
        self.slotSize = slotSize
        storage = UnsafeMutableRawPointer.allocate(byteCount: slots * slotSize, alignment: 64)
        free = (0..<Int32(slots)).reversed()
    }

    deinit { storage.deallocate() }

    /// Slots currently free.
    var available: Int { free.count }

    /// Takes a free slot, or `nil` when all are in use.
    func take() -> Int32? { free.popLast() }

    /// Returns a slot.
    func give(_ slot: Int32) {
        free.append(slot)
    }

    /// The buffer of a slot.
    func pointer(_ slot: Int32) -> UnsafeMutableRawPointer { storage + Int(slot) * slotSize }
}
