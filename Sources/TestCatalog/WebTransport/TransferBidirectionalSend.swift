extension WebTransport {
    /// The client sends files over bidirectional streams.
    ///
    /// Upstream `TestCaseTransferBidirectionalSend`.
    public struct TransferBidirectionalSend: WebTransportTransfer {
        /// Creates the test case.
        public init() {}

        public var streamKind: WebTransportStreamKind { .bidirectional }

        public var direction: WebTransportDirection { .send }
    }
}
