import QUICTrace
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

        /// Upstream `TestCaseChaCha20.check`: one handshake, every ClientHello leads with ChaCha20, QUIC v1, the file.
        public func check(_ context: CheckContext) -> CheckOutcome {
            context.judge { () throws(CheckStop) -> CheckOutcome in
                try context.requireHandshakes(1)
                let suites = try context.clientTrace().clientHelloLeadingCipherSuites
                guard suites == [CipherSuite.chacha20Poly1305SHA256.rawValue] else {
                    let seen = suites.isEmpty ? "no cipher suite" : suites.map(Self.name).joined(separator: ", ")
                    throw .failed("client offered \(seen), expected only TLS_CHACHA20_POLY1305_SHA256")
                }
                try context.requireVersionAndFiles()
                return .succeeded()
            }
        }

        /// The IANA name of a TLS 1.3 cipher suite, or its code.
        static func name(_ suite: UInt16) -> String {
            switch CipherSuite(rawValue: suite) {
            case .aes128GCMSHA256: "TLS_AES_128_GCM_SHA256"
            case .aes256GCMSHA384: "TLS_AES_256_GCM_SHA384"
            case .chacha20Poly1305SHA256: "TLS_CHACHA20_POLY1305_SHA256"
            case nil: "cipher suite " + CheckContext.hex16(suite)
            }
        }
    }
}
