/// Everything the dissector tracks about one QUIC connection: keys per epoch and direction, packet-number state,
/// CRYPTO reassembly and the TLS messages seen.
final class Connection {
    /// Position in the dissector's connection list.
    let index: Int
    /// Version of the newest long-header packet; 1-RTT packets use its labels.
    var version: UInt32
    /// The DCID that keys the Initial packets: the client's first DCID, or the SCID of a Retry.
    private(set) var initialDCID: [UInt8]
    /// The SCIDs of the Retry packets seen since the last one the client followed: a server may answer each of a
    /// split ClientHello's Initials with its own Retry, and the client follows one (the first, RFC 9000 17.2.5.2),
    /// whose Initial keys apply once its SCID is the DCID of a client Initial.
    var pendingRetryCIDs: [[UInt8]] = []
    /// True once the server sent a Retry.
    var sawRetry = false
    private var initialKeys: [UInt32: (client: PacketProtection, server: PacketProtection)] = [:]
    private var handshakeKeys: [Sender: PacketProtection] = [:]
    /// 0-RTT keys, once one packet authenticated with them.
    var zeroRTTKeys: PacketProtection?
    /// 1-RTT keys per sender.
    var oneRTTKeys: [Sender: OneRTTKeys] = [:]
    /// Largest decrypted packet number per sender and space; -1 when none.
    private var largest: [[Int64]] = [[-1, -1, -1], [-1, -1, -1]]
    private var cryptoStreams: [[CryptoStream]] = Array(repeating: Array(repeating: CryptoStream(), count: 3), count: 2)
    /// The first ClientHello.
    var clientHello: ClientHello?
    /// The ServerHello.
    var serverHello: ServerHello?
    /// The server's transport parameters from EncryptedExtensions.
    var serverTransportParameters: TransportParameters?
    /// Number of certificates in the server's Certificate message, if one was seen.
    var certificateCount: Int?

    /// Creates the connection for a client Initial with destination `destinationCID`.
    init(index: Int, destinationCID: [UInt8], version: UInt32) {
        self.index = index
        self.initialDCID = destinationCID
        self.version = version
    }

    /// The negotiated cipher suite.
    var cipherSuite: CipherSuite? {
        serverHello.flatMap { CipherSuite(rawValue: $0.cipherSuite) }
    }

    /// Switches the Initial keys to a Retry's SCID (RFC 9001 section 5.2: the client's next Initial uses it).
    ///
    /// The Initial CRYPTO streams restart too: a client may send a new ClientHello (aioquic does, with a new
    /// random), and the key log holds the secrets of that one.
    func applyRetry(destinationCID: [UInt8]) {
        initialDCID = destinationCID
        initialKeys = [:]
        pendingRetryCIDs = []
        for side in 0..<2 {
            cryptoStreams[side][PacketNumberSpace.initial.rawValue] = CryptoStream()
        }
        clientHello = nil
    }

    /// The Initial keys of `sender` for packets of `version`.
    func initialProtection(sender: Sender, version: UInt32) -> PacketProtection {
        let keys: (client: PacketProtection, server: PacketProtection)
        if let cached = initialKeys[version] {
            keys = cached
        } else {
            let secrets = HKDFLabel.initialSecrets(destinationCID: initialDCID, version: version)
            keys = (
                PacketProtection(secret: secrets.client, suite: .aes128GCMSHA256, version: version),
                PacketProtection(secret: secrets.server, suite: .aes128GCMSHA256, version: version)
            )
            initialKeys[version] = keys
        }
        return sender == .client ? keys.client : keys.server
    }

    /// The Handshake keys of `sender`, once the ClientHello random, the cipher and the secret are known.
    func handshakeProtection(sender: Sender, version: UInt32, keyLog: KeyLog) -> PacketProtection? {
        if let keys = handshakeKeys[sender], keys.version == version { return keys }
        let label: KeyLog.Label =
            sender == .client ? .clientHandshakeTrafficSecret : .serverHandshakeTrafficSecret
        guard let suite = cipherSuite, let random = clientHello?.random,
            let secret = keyLog.secret(label, clientRandom: random), secret.count == suite.secretLength
        else { return nil }
        let keys = PacketProtection(secret: secret, suite: suite, version: version)
        handshakeKeys[sender] = keys
        return keys
    }

    /// The 1-RTT key state of `sender`, created from the key log on first use.
    func oneRTT(sender: Sender, keyLog: KeyLog) -> OneRTTKeys? {
        if let keys = oneRTTKeys[sender] { return keys }
        let label: KeyLog.Label = sender == .client ? .clientTrafficSecret0 : .serverTrafficSecret0
        guard let suite = cipherSuite, let random = clientHello?.random,
            let secret = keyLog.secret(label, clientRandom: random), secret.count == suite.secretLength
        else { return nil }
        let keys = OneRTTKeys(initial: PacketProtection(secret: secret, suite: suite, version: version))
        oneRTTKeys[sender] = keys
        return keys
    }

    /// Candidate 0-RTT keys: the cached ones, else one per cipher suite the ClientHello offered (the resumed
    /// session's suite is not visible before the ServerHello).
    func zeroRTTCandidates(keyLog: KeyLog, version: UInt32) -> [PacketProtection] {
        if let keys = zeroRTTKeys { return [keys] }
        guard let hello = clientHello,
            let secret = keyLog.secret(.clientEarlyTrafficSecret, clientRandom: hello.random)
        else { return [] }
        return hello.cipherSuites.compactMap(CipherSuite.init(rawValue:))
            .filter { $0.secretLength == secret.count }
            .map { PacketProtection(secret: secret, suite: $0, version: version) }
    }

    /// Largest packet number decrypted so far from `sender` in `space`, -1 when none.
    func largestPacketNumber(sender: Sender, space: PacketNumberSpace) -> Int64 {
        largest[sender == .client ? 0 : 1][space.rawValue]
    }

    /// Records a decrypted packet number.
    func record(packetNumber: UInt64, sender: Sender, space: PacketNumberSpace) {
        let side = sender == .client ? 0 : 1
        largest[side][space.rawValue] = max(largest[side][space.rawValue], Int64(clamping: packetNumber))
    }

    /// Feeds CRYPTO data and returns the TLS messages it completes, remembering the ones that select keys.
    func addCrypto(
        offset: UInt64, data: ArraySlice<UInt8>, sender: Sender, space: PacketNumberSpace
    ) throws(ParseError) -> [HandshakeMessage] {
        let side = sender == .client ? 0 : 1
        let messages = try cryptoStreams[side][space.rawValue].add(offset: offset, data: data)
        for message in messages {
            switch message {
            case .clientHello(let hello) where clientHello == nil: clientHello = hello
            case .serverHello(let hello) where serverHello == nil: serverHello = hello
            case .encryptedExtensions(let parameters) where sender == .server:
                serverTransportParameters = parameters
            case .certificate(let count) where sender == .server: certificateCount = count
            default: break
            }
        }
        return messages
    }

    /// A public snapshot.
    var summary: ConnectionSummary {
        ConnectionSummary(
            index: index, version: version, clientHello: clientHello, serverHello: serverHello,
            serverTransportParameters: serverTransportParameters, certificateCount: certificateCount,
            sawRetry: sawRetry)
    }
}
