import Foundation
import Results

extension CheckContext {
    /// The longest `negotiated_protocol.txt` read; a protocol name is a few dozen bytes.
    private static let maximumProtocolFileSize = 64 << 10

    /// The file part of upstream's WebTransport handshake check: both endpoints wrote the expected protocol
    /// into `negotiated_protocol.txt` in their `/downloads` (surrounding white space ignored, as `strip()`).
    public func checkNegotiatedProtocol() -> CheckOutcome {
        guard let expected = prepared.expectedNegotiatedProtocol else {
            return .error("the preparation of \(prepared.test) recorded no expected protocol")
        }
        let sides: [(Perspective, URL)] = [
            (.client, directories.clientDownloads), (.server, directories.serverDownloads),
        ]
        var negotiated: [String] = []
        let fileName = WebTransport.negotiatedProtocolFile
        for (perspective, downloads) in sides {
            guard let file = FileInspector.openRegularFile(at: downloads.path + "/" + fileName) else {
                return .failed("the \(perspective.rawValue) wrote no \(fileName)")
            }
            guard file.size <= Self.maximumProtocolFileSize else {
                return .failed("the \(perspective.rawValue)'s \(fileName) has \(file.size) bytes")
            }
            var bytes = [UInt8](repeating: 0, count: file.size)
            guard let count = bytes.withUnsafeMutableBytes({ file.readFully(into: $0) }) else {
                return .failed("cannot read the \(perspective.rawValue)'s \(fileName)")
            }
            let text = String(decoding: bytes[..<count], as: UTF8.self)
            negotiated.append(text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        for (index, (perspective, _)) in sides.enumerated() where negotiated[index] != expected {
            return .failed("the \(perspective.rawValue) negotiated \"\(negotiated[index])\", expected \"\(expected)\"")
        }
        return .succeeded()
    }
}
