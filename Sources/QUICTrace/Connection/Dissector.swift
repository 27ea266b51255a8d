/// Turns UDP datagrams into QUIC packets: splits coalesced packets, tracks connections by connection ID, removes
/// header protection, decrypts and parses frames and TLS messages.
///
/// Connections are found by destination connection ID: every CID the dissector learns (the client's first DCID,
/// both sides' SCIDs, Retry SCIDs, NEW_CONNECTION_ID frames) maps to its connection and to the side that receives
/// packets carrying it, which tells the sender of a packet and so its keys. Short headers do not encode the DCID
/// length, so each known length is tried; zero-length CIDs fall back to the address pair.
final class Dissector {
    private struct Route {
        let connection: Int
        let receiver: Sender
    }

    private struct AddressPair: Hashable {
        let a: Endpoint
        let b: Endpoint
        init(_ x: Endpoint, _ y: Endpoint) {
            let xFirst =
                x.address.bytes.lexicographicallyPrecedes(y.address.bytes)
                || (x.address == y.address && x.port < y.port)
            (a, b) = xFirst ? (x, y) : (y, x)
        }
    }

    /// Secrets; grows when a pcapng file embeds a key log.
    var keyLog: KeyLog
    private(set) var connections: [Connection] = []
    private var routes: [[UInt8]: Route] = [:]
    private var cidLengths: [Int] = []
    private var pairs: [AddressPair: Int] = [:]
    /// The address each connection's first Initial was sent to, to tell directions apart without CIDs.
    private var serverEndpoints: [Int: Endpoint] = [:]
    /// Connections whose client chose a zero-length SCID: packets to the client carry no CID to route them by.
    private var zeroLengthClientCIDs: Set<Int> = []
    /// The length of the CIDs each side of each connection was last seen to use in an authenticated packet (absent:
    /// zero-length, or not known yet).
    private var cidLengthOfReceiver: [ReceiverKey: Int] = [:]
    private struct ReceiverKey: Hashable {
        let connection: Int
        let receiver: Sender
    }
    /// Problems found in the datagrams dissected so far; cleared by the caller.
    var diagnostics: [Diagnostic] = []
    private var frameNumber = 0

    /// Creates a dissector using `keyLog`.
    init(keyLog: KeyLog) {
        self.keyLog = keyLog
    }

    /// The QUIC packets of `udp`, or nil when the datagram is not recognisably QUIC.
    func dissect(_ udp: UDPDatagram, frame: Int, timestamp: Timestamp) -> QUICDatagram? {
        frameNumber = frame
        let bytes = udp.payload
        var position = bytes.startIndex
        var packets: [QUICPacket] = []
        while position < bytes.endIndex {
            let first = bytes[position]
            // Padding after coalesced packets (RFC 9000 section 12.2 allows discarding it).
            if !packets.isEmpty, first == 0 { break }
            // A clear fixed bit is no sign of junk: peers that both sent grease_quic_bit (RFC 9287; quinn does)
            // clear it at random, also in coalesced packets. A long header says what it is; a short header behind
            // another packet counts only if it authenticates, and is otherwise taken for trailing junk.
            let greasedShortHeader = !packets.isEmpty && first & 0xc0 == 0
            let diagnosticsBefore = diagnostics.count
            do {
                guard let (packet, end) = try dissectPacket(bytes, at: position, udp: udp, isFirst: packets.isEmpty)
                else { break }
                if greasedShortHeader, !authenticated(packet, diagnosticsBefore: diagnosticsBefore) { break }
                packets.append(packet)
                position = end
            } catch {
                report(.malformedQUIC, "\(error) in QUIC packet at datagram offset \(position - bytes.startIndex)")
                break
            }
        }
        guard !packets.isEmpty else { return nil }
        return QUICDatagram(
            frame: frame, timestamp: timestamp, source: udp.source, destination: udp.destination, ecn: udp.ecn,
            udpLength: udp.udpLength, packets: packets)
    }

    private func report(_ code: Diagnostic.Code, _ message: String) {
        diagnostics.append(Diagnostic(code: code, frame: frameNumber, message: message))
    }

    private func register(_ cid: [UInt8], connection: Int, receiver: Sender) {
        guard !cid.isEmpty else { return }
        routes[cid] = Route(connection: connection, receiver: receiver)
        if !cidLengths.contains(cid.count) {
            cidLengths.append(cid.count)
            cidLengths.sort(by: >)
        }
    }

    // Returns nil for a first packet that is not QUIC this dissector understands.
    private func dissectPacket(
        _ bytes: ArraySlice<UInt8>, at start: Int, udp: UDPDatagram, isFirst: Bool
    ) throws(ParseError) -> (QUICPacket, Int)? {
        var reader = ByteReader(bytes[start...])
        let first = try reader.readUInt8()
        if first & 0x80 == 0 {
            return try shortHeader(bytes, at: start, udp: udp, isFirst: isFirst)
        }
        let version = try reader.readUInt32()
        let dcid = Array(try reader.readBytes(Int(try reader.readUInt8()), "destination connection ID"))
        let scid = Array(try reader.readBytes(Int(try reader.readUInt8()), "source connection ID"))
        var route = routes[dcid]
        if route == nil, dcid.isEmpty, let index = pairs[AddressPair(udp.source, udp.destination)] {
            // A zero-length CID (quic-go's client chooses one): the address pair names the connection, as for short
            // headers; without this the server's Initial and Handshake packets would look like a new connection.
            route = Route(connection: index, receiver: serverSide(of: connections[index], udp: udp))
        }
        if version == QUICVersion.negotiation {
            var versions: [UInt32] = []
            while reader.remaining >= 4 { versions.append(try reader.readUInt32()) }
            let packet = QUICPacket(
                type: .versionNegotiation, version: version, destinationCID: ConnectionID(dcid),
                sourceCID: ConnectionID(scid), token: nil, packetNumber: nil, keyPhase: nil,
                length: reader.endIndex - start, payloadLength: 0, sender: route.map { $0.receiver.peer },
                connection: route?.connection, decryption: .notEncrypted, frames: [], supportedVersions: versions,
                handshakeMessages: [])
            return (packet, reader.endIndex)
        }
        let type = QUICVersion.longPacketType(bits: (first >> 4) & 3, version: version)
        guard QUICVersion.isSupported(version) else {
            // Random non-QUIC UDP must not pass for a packet of an unknown version: require the fixed bit too.
            guard isFirst, first & 0x40 != 0, type == .initial || route != nil else { return nil }
            // Another version's layout past the CIDs is unknown: report the packet and stop at it.
            let packet = QUICPacket(
                type: type, version: version, destinationCID: ConnectionID(dcid), sourceCID: ConnectionID(scid),
                token: nil, packetNumber: nil, keyPhase: nil, length: reader.endIndex - start,
                payloadLength: reader.remaining, sender: route.map { $0.receiver.peer }, connection: route?.connection,
                decryption: .noKeys, frames: [], supportedVersions: [], handshakeMessages: [])
            return (packet, reader.endIndex)
        }
        if type == .retry {
            guard reader.remaining >= 16 else { throw ParseError.truncated("Retry integrity tag", at: reader.position) }
            let token = Array(try reader.readBytes(reader.remaining - 16, "Retry token"))
            if let route {
                let connection = connections[route.connection]
                connection.sawRetry = true
                if connection.pendingRetryCIDs.count < 16 { connection.pendingRetryCIDs.append(scid) }
                register(scid, connection: route.connection, receiver: .server)
            }
            let packet = QUICPacket(
                type: .retry, version: version, destinationCID: ConnectionID(dcid), sourceCID: ConnectionID(scid),
                token: token, packetNumber: nil, keyPhase: nil, length: reader.endIndex - start,
                payloadLength: token.count, sender: .server, connection: route?.connection, decryption: .notEncrypted,
                frames: [], supportedVersions: [], handshakeMessages: [])
            return (packet, reader.endIndex)
        }
        var token: [UInt8]?
        if type == .initial {
            token = Array(try reader.readBytes(try reader.readVarIntLength("Initial token length"), "Initial token"))
        }
        let length = try reader.readVarIntLength("long header Length")
        let pnOffset = reader.position
        let end = pnOffset + length

        let connection: Connection
        let sender: Sender
        if let route {
            connection = connections[route.connection]
            sender = route.receiver.peer
            if sender == .client, type == .initial, connection.pendingRetryCIDs.contains(dcid) {
                connection.applyRetry(destinationCID: dcid)
            }
        } else if type == .initial {
            connection = Connection(index: connections.count, destinationCID: dcid, version: version)
            connections.append(connection)
            register(dcid, connection: connection.index, receiver: .server)
            register(scid, connection: connection.index, receiver: .client)
            serverEndpoints[connection.index] = udp.destination
            if scid.isEmpty { zeroLengthClientCIDs.insert(connection.index) }
            sender = .client
        } else {
            let header = Header(
                type: type, version: version, dcid: dcid, scid: scid, token: token, start: start, pnOffset: pnOffset,
                end: end, isLong: true)
            if let learnt = learning(dcid, header: header, bytes, udp: udp) { return (learnt, end) }
            let packet = QUICPacket(
                type: type, version: version, destinationCID: ConnectionID(dcid), sourceCID: ConnectionID(scid),
                token: token, packetNumber: nil, keyPhase: nil, length: end - start, payloadLength: length,
                sender: nil, connection: nil, decryption: .noKeys, frames: [], supportedVersions: [],
                handshakeMessages: [])
            return (packet, end)
        }
        if sender == .server {
            connection.version = version
            if routes[scid] == nil { register(scid, connection: connection.index, receiver: .server) }
        } else if type == .initial, routes[scid] == nil {
            register(scid, connection: connection.index, receiver: .client)
        }
        pairs[AddressPair(udp.source, udp.destination)] = connection.index

        let header = Header(
            type: type, version: version, dcid: dcid, scid: scid, token: token, start: start, pnOffset: pnOffset,
            end: end, isLong: true)
        let packet = decrypt(bytes, header: header, connection: connection, sender: sender)
        if packet.decryption == .decrypted { noteLength(of: scid, connection: connection.index, receiver: sender) }
        return (packet, end)
    }

    private func shortHeader(
        _ bytes: ArraySlice<UInt8>, at start: Int, udp: UDPDatagram, isFirst: Bool
    ) throws(ParseError) -> (QUICPacket, Int)? {
        var route: Route?
        var dcid: [UInt8] = []
        var unseenCID = false
        for length in cidLengths where bytes.endIndex - start - 1 >= length {
            let candidate = Array(bytes[(start + 1)..<(start + 1 + length)])
            if let found = routes[candidate] {
                route = found
                dcid = candidate
                break
            }
        }
        if route == nil, let index = pairs[AddressPair(udp.source, udp.destination)] {
            // The side whose address started the connection as server is the receiver. With a zero-length CID that
            // is all; a receiver using CIDs of some length got one this module did not see (in a packet it could
            // not decrypt, say NEW_CONNECTION_ID in 0.5-RTT data that arrived before the ServerHello).
            let receiver = serverSide(of: connections[index], udp: udp)
            let length = cidLengthOfReceiver[ReceiverKey(connection: index, receiver: receiver)] ?? 0
            if length > 0, bytes.endIndex - start - 1 >= length {
                dcid = Array(bytes[(start + 1)..<(start + 1 + length)])
                unseenCID = true
            }
            route = Route(connection: index, receiver: receiver)
        } else if route == nil, let index = zeroLengthConnection(sentBy: udp.source) {
            // The server sends on a path not seen before (the client's address was rebound) to a client without a
            // CID: the newest such connection of that server address owns it, and so does the new address pair.
            pairs[AddressPair(udp.source, udp.destination)] = index
            route = Route(connection: index, receiver: .client)
        }
        guard let route else {
            guard !isFirst else { return nil }
            // Behind a packet of a known connection but with an unknown DCID: reported, not decrypted.
            let packet = QUICPacket(
                type: .oneRTT, version: nil, destinationCID: ConnectionID([]), sourceCID: nil, token: nil,
                packetNumber: nil, keyPhase: nil, length: bytes.endIndex - start,
                payloadLength: bytes.endIndex - start - 1,
                sender: nil, connection: nil, decryption: .noKeys, frames: [], supportedVersions: [],
                handshakeMessages: [])
            return (packet, bytes.endIndex)
        }
        let header = Header(
            type: .oneRTT, version: nil, dcid: dcid, scid: nil, token: nil, start: start,
            pnOffset: start + 1 + dcid.count, end: bytes.endIndex, isLong: false)
        let packet = decrypt(
            bytes, header: header, connection: connections[route.connection], sender: route.receiver.peer)
        if unseenCID, packet.decryption == .decrypted {
            adopt(dcid, connection: route.connection, receiver: route.receiver)
        }
        return (packet, bytes.endIndex)
    }

    /// The long-header packet `header` describes, with a DCID no route knows, decrypted as a packet of the
    /// connection its address pair belongs to, whose receiver then owns `dcid`; nil, leaving no trace, when the pair
    /// is unknown or the packet does not authenticate.
    private func learning(
        _ dcid: [UInt8], header: Header, _ bytes: ArraySlice<UInt8>, udp: UDPDatagram
    ) -> QUICPacket? {
        guard !dcid.isEmpty, let index = pairs[AddressPair(udp.source, udp.destination)] else { return nil }
        let connection = connections[index]
        let receiver = serverSide(of: connection, udp: udp)
        let diagnosticsBefore = diagnostics.count
        let packet = decrypt(bytes, header: header, connection: connection, sender: receiver.peer)
        guard authenticated(packet, diagnosticsBefore: diagnosticsBefore) else { return nil }
        adopt(dcid, connection: index, receiver: receiver)
        return packet
    }

    /// Whether `packet` authenticated; if not, the diagnostics its attempt added since `diagnosticsBefore` go, as
    /// the attempt is discarded.
    private func authenticated(_ packet: QUICPacket, diagnosticsBefore: Int) -> Bool {
        if packet.decryption == .decrypted { return true }
        diagnostics.removeSubrange(diagnosticsBefore...)
        return false
    }

    /// Routes `cid`, learnt from an authenticated packet sent to it, to `receiver` of `connection`.
    private func adopt(_ cid: [UInt8], connection: Int, receiver: Sender) {
        register(cid, connection: connection, receiver: receiver)
        noteLength(of: cid, connection: connection, receiver: receiver)
    }

    /// Records the length of `cid`, which `receiver` of `connection` was seen to use in an authenticated packet.
    private func noteLength(of cid: [UInt8], connection: Int, receiver: Sender) {
        guard !cid.isEmpty else { return }
        cidLengthOfReceiver[ReceiverKey(connection: connection, receiver: receiver)] = cid.count
    }

    /// The newest connection whose server sent from `source` and whose client uses a zero-length CID.
    private func zeroLengthConnection(sentBy source: Endpoint) -> Int? {
        zeroLengthClientCIDs.filter { serverEndpoints[$0] == source }.max()
    }

    private func serverSide(of connection: Connection, udp: UDPDatagram) -> Sender {
        serverEndpoints[connection.index] == udp.destination ? .server : .client
    }

    /// The header fields needed to unprotect and describe a packet.
    private struct Header {
        let type: PacketType
        let version: UInt32?
        let dcid: [UInt8]
        let scid: [UInt8]?
        let token: [UInt8]?
        let start: Int
        let pnOffset: Int
        let end: Int
        let isLong: Bool
    }

    private func decrypt(
        _ bytes: ArraySlice<UInt8>, header: Header, connection: Connection, sender: Sender
    ) -> QUICPacket {
        let version = header.version ?? connection.version
        let space = header.type.space ?? .applicationData
        var candidates: [PacketProtection] = []
        var oneRTT: OneRTTKeys?
        switch header.type {
        case .initial: candidates = [connection.initialProtection(sender: sender, version: version)]
        case .handshake:
            candidates =
                connection.handshakeProtection(sender: sender, version: version, keyLog: keyLog).map { [$0] } ?? []
        case .zeroRTT: candidates = connection.zeroRTTCandidates(keyLog: keyLog, version: version)
        case .oneRTT:
            oneRTT = connection.oneRTT(sender: sender, keyLog: keyLog)
            candidates = oneRTT.map { [$0.current] } ?? []
        case .retry, .versionNegotiation: break
        }
        var packetNumber: UInt64?
        var keyPhase: Bool?
        var status = DecryptionStatus.noKeys
        var frames: [Frame] = []
        var messages: [HandshakeMessage] = []
        var payloadLength = header.end - header.pnOffset
        for protection in candidates {
            guard header.pnOffset + 20 <= header.end,
                let mask = protection.headerProtectionMask(
                    sample: bytes[(header.pnOffset + 4)..<(header.pnOffset + 20)])
            else {
                report(.malformedQUIC, "\(header.type.rawValue) packet too short for a header-protection sample")
                break
            }
            let first = bytes[header.start] ^ (mask[0] & (header.isLong ? 0x0f : 0x1f))
            let pnLength = Int(first & 3) + 1
            var headerBytes = Array(bytes[header.start..<(header.pnOffset + pnLength)])
            headerBytes[0] = first
            var truncated: UInt64 = 0
            for index in 0..<pnLength {
                headerBytes[header.pnOffset - header.start + index] ^= mask[1 + index]
                truncated = truncated << 8 | UInt64(headerBytes[header.pnOffset - header.start + index])
            }
            let number = PacketNumberSpace.decode(
                truncated: truncated, bits: pnLength * 8,
                largest: connection.largestPacketNumber(sender: sender, space: space))
            let ciphertext = bytes[(header.pnOffset + pnLength)..<header.end]
            packetNumber = number
            payloadLength = ciphertext.count
            let phase = header.isLong ? nil : first & 0x04 != 0
            keyPhase = phase
            let plain: [UInt8]?
            if var keys = oneRTT, let phase {
                plain = keys.open(ciphertext: ciphertext, header: headerBytes, packetNumber: number, phase: phase)
                connection.oneRTTKeys[sender] = keys
            } else {
                plain = protection.open(ciphertext: ciphertext, header: headerBytes, packetNumber: number)
            }
            guard let plain else {
                status = .failed
                continue
            }
            if header.type == .zeroRTT { connection.zeroRTTKeys = protection }
            status = .decrypted
            connection.record(packetNumber: number, sender: sender, space: space)
            (frames, messages) = handleFrames(plain, connection: connection, sender: sender, space: space)
            break
        }
        if status == .failed {
            report(.decryptionFailed, "\(header.type.rawValue) packet from \(sender.rawValue) did not authenticate")
        }
        if status != .decrypted, candidates.count > 1 {
            // Several 0-RTT suites were tried and none fit: no header field decoded with them is trustworthy.
            packetNumber = nil
        }
        return QUICPacket(
            type: header.type, version: header.version, destinationCID: ConnectionID(header.dcid),
            sourceCID: header.scid.map { ConnectionID($0) }, token: header.token,
            packetNumber: packetNumber, keyPhase: keyPhase,
            length: header.end - header.start, payloadLength: payloadLength, sender: sender,
            connection: connection.index, decryption: status, frames: frames, supportedVersions: [],
            handshakeMessages: messages)
    }

    private func handleFrames(
        _ plain: [UInt8], connection: Connection, sender: Sender, space: PacketNumberSpace
    ) -> ([Frame], [HandshakeMessage]) {
        let parsed: (frames: [Frame], crypto: [(offset: UInt64, data: ArraySlice<UInt8>)])
        do {
            parsed = try FrameParser.parse(plain[...])
        } catch {
            report(.malformedQUIC, "\(error) in the frames of a decrypted packet")
            return ([], [])
        }
        var messages: [HandshakeMessage] = []
        for chunk in parsed.crypto {
            do {
                messages += try connection.addCrypto(
                    offset: chunk.offset, data: chunk.data, sender: sender, space: space)
            } catch {
                report(.malformedTLS, "\(error) in the \(sender.rawValue)'s CRYPTO stream")
            }
        }
        for frame in parsed.frames {
            if case .newConnectionID(let new) = frame {
                adopt(new.connectionID.bytes, connection: connection.index, receiver: sender)
            }
        }
        return (parsed.frames, messages)
    }
}
