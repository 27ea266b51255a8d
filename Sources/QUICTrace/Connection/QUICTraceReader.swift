/// Reads a capture file once, front to back, and yields its QUIC datagrams with decrypted packets.
///
/// Memory does not grow with the capture: one frame is read at a time and per-connection state is bounded
/// (keys, packet-number state, handshake reassembly). Damaged input never stops the program: a broken file
/// structure ends the sequence with a diagnostic, a broken packet is reported and skipped.
public final class QUICTraceReader: Sequence, IteratorProtocol {
    /// At most this many diagnostics are kept; the rest are counted in ``droppedDiagnostics``.
    public static let maximumDiagnostics = 1000

    private let capture: CaptureReader?
    private let dissector: Dissector
    private var embeddedKeyLines = 0
    private var finished = false
    /// Problems found so far, in file order.
    public private(set) var diagnostics: [Diagnostic] = []
    /// Diagnostics beyond ``maximumDiagnostics``.
    public private(set) var droppedDiagnostics = 0
    /// Frames read from the file so far.
    public private(set) var frameCount = 0

    /// Opens `path`; secrets come from `keyLog` and from any key log embedded in a pcapng file. A file that cannot
    /// be opened or is not a capture yields no datagrams and one diagnostic.
    public init(path: String, keyLog: KeyLog = KeyLog()) {
        dissector = Dissector(keyLog: keyLog)
        do {
            capture = try CaptureReader(path: path)
        } catch {
            capture = nil
            diagnostics.append(Diagnostic(code: error.diagnosticCode, frame: 0, message: error.message))
        }
        for problem in keyLog.problems {
            diagnostics.append(Diagnostic(code: .keyLog, frame: 0, message: problem))
        }
    }

    /// The next QUIC datagram, nil at the end of the capture.
    public func next() -> QUICDatagram? {
        guard let capture, !finished else { return nil }
        while true {
            let frame: CapturedFrame
            do {
                guard let next = try capture.next() else {
                    finished = true
                    return nil
                }
                frame = next
            } catch {
                finished = true
                add(Diagnostic(code: error.diagnosticCode, frame: frameCount + 1, message: error.message))
                return nil
            }
            frameCount = frame.number
            if capture.embeddedKeyLogLines.count > embeddedKeyLines {
                dissector.keyLog.add(lines: Array(capture.embeddedKeyLogLines[embeddedKeyLines...]))
                embeddedKeyLines = capture.embeddedKeyLogLines.count
            }
            let udp: UDPDatagram
            do {
                guard let datagram = try LinkDecoder.udpDatagram(in: frame) else { continue }
                udp = datagram
            } catch {
                add(Diagnostic(code: .malformedFrame, frame: frame.number, message: error.message))
                continue
            }
            let datagram = dissector.dissect(udp, frame: frame.number, timestamp: frame.timestamp)
            for diagnostic in dissector.diagnostics { add(diagnostic) }
            dissector.diagnostics.removeAll(keepingCapacity: true)
            if let datagram { return datagram }
        }
    }

    /// The connections seen so far, in order of the clients' first Initial packets.
    public var connections: [ConnectionSummary] {
        dissector.connections.map(\.summary)
    }

    private func add(_ diagnostic: Diagnostic) {
        if diagnostics.count < Self.maximumDiagnostics {
            diagnostics.append(diagnostic)
        } else {
            droppedDiagnostics += 1
        }
    }
}
