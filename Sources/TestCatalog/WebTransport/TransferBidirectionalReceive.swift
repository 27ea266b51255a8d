extension WebTransport {
    /// The server sends files over bidirectional streams.
    ///
    /// Upstream `TestCaseTransferBidirectionalReceive`.
    public struct TransferBidirectionalReceive: WebTransportTransfer {
        /// Creates the test case.
        public init() {}

        public var streamKind: WebTransportStreamKind { .bidirectional }

        public var direction: WebTransportDirection { .receive }
    }
}
