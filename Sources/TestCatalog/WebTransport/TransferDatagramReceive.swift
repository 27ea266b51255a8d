extension WebTransport {
    /// The server sends files over datagrams, one file per datagram.
    ///
    /// Upstream `TestCaseTransferDatagramReceive`.
    public struct TransferDatagramReceive: WebTransportTransfer {
        /// Creates the test case.
        public init() {}

        public var streamKind: WebTransportStreamKind { .datagram }

        public var direction: WebTransportDirection { .receive }

        /// 200 files of 600 to 998 bytes, each small enough for one datagram.
        public var transferSizes: [Int] { (0..<200).map { 600 + 2 * $0 } }
    }
}
