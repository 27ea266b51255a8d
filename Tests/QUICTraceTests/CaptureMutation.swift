import Foundation

/// Rewrites committed pcap fixtures into temporary files for the robustness and synthetic tests.
enum CaptureMutation {
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("quictrace-\(getpid())-\(name)").path
    }

    static func write(_ bytes: [UInt8], name: String) throws -> String {
        let path = temporaryPath(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func read(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Applies `transform` to each frame of a little-endian pcap file (record lengths follow the new frame sizes);
    /// returns the rewritten file.
    static func mapFrames(_ pcap: [UInt8], _ transform: (Int, inout [UInt8]) -> Void) -> [UInt8] {
        var output = Array(pcap[0..<24])
        var position = 24
        var index = 0
        while position + 16 <= pcap.count {
            let length = Int(pcap[position + 8]) | Int(pcap[position + 9]) << 8 | Int(pcap[position + 10]) << 16
            var frame = Array(pcap[(position + 16)..<(position + 16 + length)])
            transform(index, &frame)
            var header = Array(pcap[position..<(position + 16)])
            for field in [8, 12] {
                for byte in 0..<4 { header[field + byte] = UInt8((frame.count >> (8 * byte)) & 0xff) }
            }
            output += header
            output += frame
            position += 16 + length
            index += 1
        }
        return output
    }
}
