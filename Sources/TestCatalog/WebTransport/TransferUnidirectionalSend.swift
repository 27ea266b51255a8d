extension WebTransport {
    /// The client sends files over unidirectional streams.
    ///
    /// Upstream `TestCaseTransferUnidirectionalSend`.
    public struct TransferUnidirectionalSend: WebTransportTransfer {
        /// Creates the test case.
        public init() {}

        public var streamKind: WebTransportStreamKind { .unidirectional }

        public var direction: WebTransportDirection { .send }
    }
}
