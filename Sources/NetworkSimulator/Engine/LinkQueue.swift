/// One direction of ns-3's point-to-point link: a drop-tail queue, a transmitter serialising at the link rate and
/// a propagation delay. Times are nanoseconds on the monotonic clock.
///
/// ns-3 holds up to `queue` packets in the traffic-control queue plus one in the device queue while another is
/// being transmitted, so a packet is admitted when fewer than `queue + 1` packets wait for the transmitter.
/// Invariant: entries are in FIFO order with non-decreasing `transmitStart` and `arrival`.
struct LinkQueue {
    /// A packet on the link.
    struct Entry {
        /// The frame pool slot holding the frame.
        var slot: Int32
        /// The frame's length in bytes.
        var length: Int32
        /// When the transmitter starts serialising it.
        var transmitStart: UInt64
        /// When it reaches the far end: transmission end plus delay.
        var arrival: UInt64
    }

    private let nanosecondsPerByte: Double
    private let delay: UInt64
    private let capacity: Int
    private var entries: [Entry]
    private var head = 0
    private var count = 0
    /// Ring index of the first entry whose transmission has not started (relative to `head`: `started` entries).
    private var started = 0
    private var transmitterFreeAt: UInt64 = 0
    /// Packets dropped because the queue was full.
    private(set) var queueDrops = 0

    /// Creates the queue; `ringSize` bounds the packets on the link at once (at least `queuePackets + 2`).
    init(link: LinkParameters, ringSize: Int) {
        nanosecondsPerByte = 8e9 / Double(link.bitsPerSecond)
        let (seconds, attoseconds) = link.delay.components
        delay = UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
        capacity = link.queuePackets + 1
        entries = Array(repeating: Entry(slot: 0, length: 0, transmitStart: 0, arrival: 0), count: ringSize)
    }

    /// Offers a packet of `linkBytes` at `now`. Returns `false` (a tail drop) when the queue is full or the ring
    /// has no room.
    mutating func enqueue(slot: Int32, length: Int, linkBytes: Int, now: UInt64) -> Bool {
        while started < count && entries[(head + started) % entries.count].transmitStart <= now { started += 1 }
        guard count - started < capacity, count < entries.count else {
            queueDrops += 1
            return false
        }
        let start = max(now, transmitterFreeAt)
        let end = start + UInt64((Double(linkBytes) * nanosecondsPerByte).rounded())
        transmitterFreeAt = end
        entries[(head + count) % entries.count] = Entry(
            slot: slot, length: Int32(length), transmitStart: start, arrival: end + delay)
        count += 1
        return true
    }

    /// The arrival time of the oldest packet on the link, if any.
    var nextArrival: UInt64? { count > 0 ? entries[head].arrival : nil }

    /// Removes and returns the oldest packet if it has arrived by `now`.
    mutating func dequeueArrived(now: UInt64) -> Entry? {
        guard count > 0, entries[head].arrival <= now else { return nil }
        let entry = entries[head]
        head = (head + 1) % entries.count
        count -= 1
        started = max(0, started - 1)
        return entry
    }
}
