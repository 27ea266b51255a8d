/// Whether a packet's payload could be read.
public enum DecryptionStatus: String, Sendable, Hashable {
    /// Retry and Version Negotiation packets carry no encrypted payload.
    case notEncrypted
    /// The payload authenticated and its frames were parsed.
    case decrypted
    /// No keys for this packet (no key log, or the packet's connection or epoch is unknown).
    case noKeys
    /// Keys were available but the payload did not authenticate.
    case failed
}
