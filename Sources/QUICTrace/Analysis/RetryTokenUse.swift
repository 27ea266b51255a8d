/// How the client used a Retry token, as upstream's `retry` check judges it.
public enum RetryTokenUse: Sendable, Hashable {
    /// No client Initial carried a token from a Retry (yet).
    case noTokenUsed
    /// A client Initial carried this Retry token with a higher packet number than before the Retry.
    case used(token: [UInt8])
    /// A client Initial with a token reused a packet number not above those sent before the Retry.
    case packetNumberReset(packetNumber: UInt64)
}
