extension WebTransport {
    /// The server sends files over unidirectional streams.
    ///
    /// Upstream `TestCaseTransferUnidirectionalReceive`.
    public struct TransferUnidirectionalReceive: WebTransportTransfer {
        /// Creates the test case.
        public init() {}

        public var streamKind: WebTransportStreamKind { .unidirectional }

        public var direction: WebTransportDirection { .receive }
    }
}
