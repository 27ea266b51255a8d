/// Everything upstream's QUIC checks read from a trace, computed in one streaming pass over its datagrams.
///
/// Feed datagrams in capture order with ``add(_:)``, or use ``analyze(path:keyLog:roles:)``. State is bounded by
/// the number of connections, paths and distinct values, not by the number of packets. Directions follow
/// upstream: by source IP address (``EndpointRoles``); without roles (e.g. a loopback capture where both sides share
/// an address), by the sender the dissector inferred from the connection IDs of the datagram's first packet.
///
/// Where upstream's checks (`testcases_quic.py`) read (client trace = capture on the client's side, server trace =
/// the server's side, as upstream's `_client_trace()` / `_server_trace()`):
/// - handshake count and version (`_count_handshakes`, `_get_versions`, server trace): ``handshakeCount``,
///   ``serverInitialVersions``
/// - `handshake` (Version Negotiation reply): ``clientFirstInitialDCID`` among ``versionNegotiationSourceCIDs``
/// - no Retry unless expected (`_retry_sent`, client trace): ``retryCount``; `retry`: ``retryTokenUse``
/// - `resumption`: two ``serverHandshakes``, certificate `[true, false]`
/// - `zerortt`: ``zeroRTTPayloadBytes`` and ``clientOneRTTPayloadBytes``
/// - `chacha20`: ``clientHelloLeadingCipherSuites`` is `[0x1303]`
/// - `multiplexing`: every ``serverMaxStreamsBidi`` ≤ 1000
/// - `keyupdate`: ``keyPhaseCounts`` `[.fromClient][1]` (client trace) and `[.fromServer][1]` (server trace) > 0
/// - `ecn`: ``ecnCounts`` (ECT0/ECT1 present, CE absent) and ``ackECNSenders`` for both directions
/// - `amplificationlimit`: ``amplification`` outcome and ``serverHandshakeCryptoEnd`` ≥ 7500 (server trace)
/// - `v2`: ``versions(of:from:)`` for Initial and Handshake per direction
/// - `rebind-port`/`rebind-addr`: ``serverPaths`` (server trace) and ``unansweredPathChallenges`` (client
///   trace's PATH_RESPONSEs must be added to the same analysis, or compare ``clientPathResponses`` across both)
/// - `ipv6`: ``serverIPv4Datagrams`` is 0; `connectionmigration`: ``clientPaths`` without reused DCIDs
/// - `longrtt`: ``clientHelloPackets`` ≥ 2; `goodput`/`crosstraffic`: ``goodputKbps(transferredBytes:)``
/// - `postquantum` (beyond upstream, its pull request #497): ``clientHelloInitialPackets`` ≥ 2
/// - "key log required": ``undecryptedPackets`` and ``KeyLog/connectionCount``
public struct TraceAnalysis: Sendable {
    /// Address roles; nil to use the dissector's per-packet sender.
    public let roles: EndpointRoles?
    /// QUIC datagrams seen.
    public private(set) var datagramCount = 0
    /// QUIC packets seen.
    public private(set) var packetCount = 0
    /// Packets whose payload could not be read, by status (`noKeys`, `failed`).
    public private(set) var undecryptedPackets: [DecryptionStatus: Int] = [:]
    /// Distinct SCIDs of the server's Initial packets, in order; their count is upstream's handshake count.
    public private(set) var serverInitialSourceCIDs: [ConnectionID] = []
    /// Versions of the server's Initial packets (upstream's `_get_versions`).
    public private(set) var serverInitialVersions: Set<UInt32> = []
    /// Versions per direction and long-header packet type.
    public private(set) var versions: [Direction: [PacketType: Set<UInt32>]] = [:]
    /// Retry packets from the server.
    public private(set) var retryCount = 0
    /// Tokens carried by the server's Retry packets, in order.
    public private(set) var retryTokens: [[UInt8]] = []
    /// Result of upstream's Retry token check, updated per client Initial.
    public private(set) var retryTokenUse = RetryTokenUse.noTokenUsed
    private var highestPacketNumberBeforeRetry: Int64 = -1
    /// DCID of the client's first Initial packet.
    public private(set) var clientFirstInitialDCID: ConnectionID?
    /// SCIDs of Version Negotiation packets.
    public private(set) var versionNegotiationSourceCIDs: [ConnectionID] = []
    /// Version Negotiation packets.
    public private(set) var versionNegotiationCount = 0
    /// Per SCID of the server's Handshake packets (in order): whether a Certificate message was seen in them.
    public private(set) var serverHandshakes: [(sourceCID: ConnectionID, certificate: Bool)] = []
    /// Cipher suites offered in the client's ClientHellos, in first-seen order.
    public private(set) var offeredCipherSuites: [UInt16] = []
    /// The first cipher suite of each ClientHello in the client's Initial packets, distinct, in first-seen order.
    /// Upstream's `chacha20` check reads `tls_handshake_ciphersuite` through pyshark, which yields only the first
    /// value of a repeated field, so this is what upstream compares with ChaCha20.
    public private(set) var clientHelloLeadingCipherSuites: [UInt16] = []
    /// Cipher suites selected by the server's ServerHellos.
    public private(set) var selectedCipherSuites: Set<UInt16> = []
    /// Client Initial packets starting a ClientHello (a CRYPTO frame at offset 0), retransmissions included.
    public private(set) var clientHelloPackets = 0
    /// Per client connection, in the order their first ClientHellos completed: how many Initial packets brought
    /// new bytes of it (``ClientHelloAssembly``); 2 or more when it did not fit in one packet.
    public private(set) var clientHelloInitialPackets: [Int] = []
    /// The first ClientHello of each connection still being assembled, by connection index.
    private var clientHelloAssemblies: [Int: ClientHelloAssembly] = [:]
    /// Connections whose first ClientHello was complete.
    private var clientHelloCompleted: Set<Int> = []
    /// `initial_max_streams_bidi` values of the server's EncryptedExtensions.
    public private(set) var serverMaxStreamsBidi: [UInt64] = []
    /// Payload bytes of the client's 0-RTT packets (upstream's `_payload_size`).
    public private(set) var zeroRTTPayloadBytes = 0
    /// Payload bytes of the client's 1-RTT packets.
    public private(set) var clientOneRTTPayloadBytes = 0
    /// 1-RTT packets per direction with key phase bit 0 (index 0) and 1 (index 1).
    public private(set) var keyPhaseCounts: [Direction: [Int]] = [:]
    /// ECN codepoints of QUIC datagrams per direction.
    public private(set) var ecnCounts: [Direction: [ECN: Int]] = [:]
    /// Directions that sent at least one ACK frame with ECN counts.
    public private(set) var ackECNSenders: Set<Direction> = []
    /// Upstream's amplification accounting.
    public private(set) var amplification = AmplificationAccount()
    /// End (offset + length) of the furthest CRYPTO frame in the server's Handshake packets.
    public private(set) var serverHandshakeCryptoEnd: UInt64 = 0
    /// Paths used by the server, with PATH_CHALLENGE on new paths.
    public private(set) var serverPaths = PathTracker()
    /// Paths used by the client, with DCID changes on new paths.
    public private(set) var clientPaths = PathTracker()
    /// PATH_RESPONSE data sent by the client.
    public private(set) var clientPathResponses: Set<[UInt8]> = []
    /// QUIC datagrams the server sent over IPv4.
    public private(set) var serverIPv4Datagrams = 0
    /// Number of the server's 1-RTT packets.
    public private(set) var serverOneRTTPackets = 0
    /// Capture time of the server's first 1-RTT packet.
    public private(set) var serverOneRTTFirst: Timestamp?
    /// Capture time of the server's last 1-RTT packet.
    public private(set) var serverOneRTTLast: Timestamp?

    /// Starts an analysis; with nil `roles`, directions come from the dissector's inferred senders.
    public init(roles: EndpointRoles? = nil) {
        self.roles = roles
    }

    /// Reads the capture at `path` once and analyzes it; returns the analysis, the connections and the diagnostics.
    public static func analyze(
        path: String, keyLog: KeyLog = KeyLog(), roles: EndpointRoles? = nil
    ) -> (analysis: TraceAnalysis, connections: [ConnectionSummary], diagnostics: [Diagnostic]) {
        let reader = QUICTraceReader(path: path, keyLog: keyLog)
        var analysis = TraceAnalysis(roles: roles)
        for datagram in reader {
            analysis.add(datagram)
        }
        return (analysis, reader.connections, reader.diagnostics)
    }

    /// Upstream's handshake count: distinct SCIDs of the server's Initial packets.
    public var handshakeCount: Int { serverInitialSourceCIDs.count }

    /// Versions of packets of `type` sent in `direction`.
    public func versions(of type: PacketType, from direction: Direction) -> Set<UInt32> {
        versions[direction]?[type] ?? []
    }

    /// Server's 1-RTT PATH_CHALLENGE data on new paths that the client never answered with PATH_RESPONSE.
    public var unansweredPathChallenges: Set<[UInt8]> {
        serverPaths.challengesOnNewPaths.subtracting(clientPathResponses)
    }

    /// Goodput in kbit/s for a transfer of `bytes`, from the first to the last server 1-RTT packet (upstream's
    /// goodput measurement); nil when the interval is empty.
    public func goodputKbps(transferredBytes bytes: Int) -> Double? {
        guard let first = serverOneRTTFirst, let last = serverOneRTTLast, last > first else { return nil }
        return Double(8 * bytes) / last.milliseconds(since: first)
    }

    /// Adds one datagram, in capture order.
    public mutating func add(_ datagram: QUICDatagram) {
        let direction: Direction
        if let roles {
            direction = roles.direction(source: datagram.source.address)
        } else {
            switch datagram.packets.first?.sender {
            case .client: direction = .fromClient
            case .server: direction = .fromServer
            case nil: direction = .unknown
            }
        }
        datagramCount += 1
        ecnCounts[direction, default: [:]][datagram.ecn, default: 0] += 1
        amplification.add(datagram, direction: direction)
        switch direction {
        case .fromServer:
            serverPaths.add(datagram)
            if !datagram.source.address.isIPv6 { serverIPv4Datagrams += 1 }
        case .fromClient:
            clientPaths.add(datagram)
        case .unknown:
            break
        }
        for packet in datagram.packets {
            add(packet, direction: direction, timestamp: datagram.timestamp)
        }
    }

    private mutating func add(_ packet: QUICPacket, direction: Direction, timestamp: Timestamp) {
        packetCount += 1
        if packet.decryption == .noKeys || packet.decryption == .failed {
            undecryptedPackets[packet.decryption, default: 0] += 1
        }
        if let version = packet.version {
            insert(version, into: &versions[direction, default: [:]][packet.type, default: []])
        }
        switch (packet.type, direction) {
        case (.initial, .fromServer):
            if let scid = packet.sourceCID, !serverInitialSourceCIDs.contains(scid) {
                serverInitialSourceCIDs.append(scid)
            }
            if let version = packet.version { insert(version, into: &serverInitialVersions) }
        case (.initial, .fromClient):
            if clientFirstInitialDCID == nil { clientFirstInitialDCID = packet.destinationCID }
            checkRetryToken(packet)
            if packet.frames.contains(where: { if case .crypto(0, _) = $0 { true } else { false } }) {
                clientHelloPackets += 1
            }
            assembleClientHello(packet)
        case (.retry, .fromServer):
            retryCount += 1
            if let token = packet.token, retryTokens.count < 100 { retryTokens.append(token) }
        case (.versionNegotiation, _):
            versionNegotiationCount += 1
            if let scid = packet.sourceCID, versionNegotiationSourceCIDs.count < 100 {
                versionNegotiationSourceCIDs.append(scid)
            }
        case (.handshake, .fromServer):
            let certificate = packet.handshakeMessages.contains { if case .certificate = $0 { true } else { false } }
            if let scid = packet.sourceCID {
                if let index = serverHandshakes.firstIndex(where: { $0.sourceCID == scid }) {
                    serverHandshakes[index].certificate = serverHandshakes[index].certificate || certificate
                } else if serverHandshakes.count < 1000 {
                    serverHandshakes.append((scid, certificate))
                }
            }
            for frame in packet.frames {
                if case .crypto(let offset, let length) = frame {
                    serverHandshakeCryptoEnd = max(serverHandshakeCryptoEnd, offset + UInt64(length))
                }
            }
        case (.zeroRTT, .fromClient):
            zeroRTTPayloadBytes += payloadBytes(packet)
        case (.oneRTT, _):
            if direction == .fromClient { clientOneRTTPayloadBytes += packet.payloadLength }
            if let phase = packet.keyPhase {
                var counts = keyPhaseCounts[direction] ?? [0, 0]
                counts[phase ? 1 : 0] += 1
                keyPhaseCounts[direction] = counts
            }
            if direction == .fromServer {
                serverOneRTTPackets += 1
                if serverOneRTTFirst == nil { serverOneRTTFirst = timestamp }
                serverOneRTTLast = timestamp
            }
        default:
            break
        }
        for message in packet.handshakeMessages {
            switch message {
            case .clientHello(let hello):
                for suite in hello.cipherSuites where !offeredCipherSuites.contains(suite) {
                    offeredCipherSuites.append(suite)
                }
                if direction == .fromClient, packet.type == .initial, let leading = hello.cipherSuites.first,
                    !clientHelloLeadingCipherSuites.contains(leading)
                {
                    clientHelloLeadingCipherSuites.append(leading)
                }
            case .serverHello(let hello):
                selectedCipherSuites.insert(hello.cipherSuite)
            case .encryptedExtensions(let parameters):
                if direction == .fromServer, let value = parameters?.integer(.initialMaxStreamsBidi),
                    serverMaxStreamsBidi.count < 1000
                {
                    serverMaxStreamsBidi.append(value)
                }
            default:
                break
            }
        }
        for frame in packet.frames {
            switch frame {
            case .ack(let ack) where ack.ecn != nil:
                ackECNSenders.insert(direction)
            case .pathResponse(let data) where direction == .fromClient && clientPathResponses.count < 1000:
                clientPathResponses.insert(data)
            default:
                break
            }
        }
    }

    /// Counts the packets of a connection's first ClientHello until a packet completes it.
    private mutating func assembleClientHello(_ packet: QUICPacket) {
        guard let connection = packet.connection, !clientHelloCompleted.contains(connection),
            clientHelloCompleted.count < 1000,
            clientHelloAssemblies[connection] != nil || clientHelloAssemblies.count < 1000
        else { return }
        let ranges = packet.frames.compactMap { frame -> Range<UInt64>? in
            guard case .crypto(let offset, let length) = frame else { return nil }
            return offset..<(offset + UInt64(length))
        }
        guard !ranges.isEmpty else { return }
        var assembly = clientHelloAssemblies[connection] ?? ClientHelloAssembly()
        assembly.add(ranges)
        if packet.handshakeMessages.contains(where: { if case .clientHello = $0 { true } else { false } }) {
            clientHelloAssemblies[connection] = nil
            clientHelloCompleted.insert(connection)
            clientHelloInitialPackets.append(assembly.packets)
        } else {
            clientHelloAssemblies[connection] = assembly
        }
    }

    /// Upstream counts the decrypted payload of long-header packets (the ciphertext when undecrypted).
    private func payloadBytes(_ packet: QUICPacket) -> Int {
        packet.decryption == .decrypted ? packet.payloadLength - 16 : packet.payloadLength
    }

    private func insert(_ version: UInt32, into set: inout Set<UInt32>) {
        if set.count < 100 { set.insert(version) }
    }

    /// Upstream's Retry check on one client Initial: token-less Initials raise the packet-number floor; an Initial
    /// with a token must have a higher packet number and carry a token the server sent in a Retry.
    private mutating func checkRetryToken(_ packet: QUICPacket) {
        guard let number = packet.packetNumber, case .noTokenUsed = retryTokenUse else { return }
        guard let token = packet.token, !token.isEmpty else {
            highestPacketNumberBeforeRetry = max(highestPacketNumberBeforeRetry, Int64(clamping: number))
            return
        }
        if Int64(clamping: number) <= highestPacketNumberBeforeRetry {
            retryTokenUse = .packetNumberReset(packetNumber: number)
        } else if retryTokens.contains(token) {
            retryTokenUse = .used(token: token)
        }
    }
}
