/// The anti-amplification accounting of upstream's `amplificationlimit` check, fed datagram by datagram: each
/// client Initial datagram allows the server three (with tolerance four) times its UDP payload size, each server
/// datagram spends its size, and the first client Handshake packet ends the accounting successfully.
///
/// Unlike upstream, which looks only at a datagram's first packet, a Handshake packet coalesced behind the client's
/// Initial ACK also ends the accounting: it validates the client's address just the same.
public struct AmplificationAccount: Sendable {
    /// Outcome so far.
    public enum Outcome: String, Sendable, Hashable {
        /// No client Handshake packet yet.
        case undecided
        /// The client sent a Handshake packet before the server exceeded four times what it received.
        case withinLimit
        /// The server sent a datagram of at least the tolerated remaining budget.
        case violated
        /// A Version Negotiation packet appeared (upstream fails the test on it).
        case versionNegotiation
        /// A datagram from neither client nor server address.
        case unknownSender
    }

    /// Outcome so far; fixed once it leaves `undecided`.
    public private(set) var outcome = Outcome.undecided
    /// Bytes the server may still send at 3x.
    public private(set) var allowed = 0
    /// Bytes the server may still send at 4x.
    public private(set) var allowedWithTolerance = 0
    /// Server datagrams that exceeded 3x but stayed within 4x (upstream lets them slide).
    public private(set) var toleratedExcess = 0
    /// The accounting as upstream logs it, one line per datagram.
    public private(set) var log: [String] = []
    private var clientSent = 0
    private var serverSent = 0

    /// Starts with no budget.
    public init() {}

    /// Accounts for one datagram; its first packet decides whether an Initial adds budget.
    public mutating func add(_ datagram: QUICDatagram, direction: Direction) {
        guard outcome == .undecided, let first = datagram.packets.first else { return }
        if first.type == .versionNegotiation {
            outcome = .versionNegotiation
            return
        }
        let size = datagram.udpLength - 8
        switch direction {
        case .fromClient:
            if datagram.packets.contains(where: { $0.type == .handshake }) {
                outcome = .withinLimit
            } else if first.type == .initial {
                clientSent += size
                allowed += 3 * size
                allowedWithTolerance += 4 * size
                log.append(
                    "Received a \(size) byte Initial packet from the client. Amplification limit: \(3 * clientSent)")
            }
        case .fromServer:
            serverSent += size
            log.append("Received a \(size) byte Handshake packet from the server. Total: \(serverSent)")
            if size >= allowedWithTolerance {
                log.append("Server violated the amplification limit.")
                outcome = .violated
                return
            }
            if size > allowed {
                toleratedExcess += 1
                log.append("Server violated the amplification limit, but stayed within 3-4x amplification.")
            }
            allowed -= size
            allowedWithTolerance -= size
        case .unknown:
            outcome = .unknownSender
        }
    }
}
