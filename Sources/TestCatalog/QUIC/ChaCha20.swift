public import Results

extension QUIC {
    /// Both endpoints offer only TLS_CHACHA20_POLY1305_SHA256.
    ///
    /// Upstream `TestCaseChaCha20`.
    public struct ChaCha20: QUICTestCase {
        /// Creates the test case.
        public init() {}

        public var descriptor: TestDescriptor {
            TestDescriptor(
                name: "chacha20",
                abbreviation: "C20",
                description: "Handshake completes using ChaCha20.",
                isMeasurement: false
            )
        }

        public var fileSizes: [Int] { [3 * ByteCount.mB] }
    }
}
