import Foundation
public import Orchestration
internal import Yams

extension MatrixSpec {
    /// The spec's `limits:`, the endpoint sandbox's limits per local-command endpoint; a key not given keeps its
    /// default (``SandboxLimits/defaults``).
    ///
    /// ```yaml
    /// limits:
    ///   file-size: 256MiB   # the largest file an endpoint may write, its output log included
    ///   writes: 512MiB      # what it may keep in /downloads, /logs and /tmp together
    ///   processes: 1024     # processes and threads at once
    /// ```
    public struct Limits: Sendable, Hashable {
        /// `file-size`, in bytes.
        public var fileSize: UInt64?
        /// `writes`, in bytes.
        public var writes: UInt64?
        /// `processes`.
        public var processes: Int?

        /// No limit given.
        public init() {}

        /// The limits to run with: these over the defaults.
        public var resolved: SandboxLimits {
            let defaults = SandboxLimits.defaults
            return SandboxLimits(
                fileSize: fileSize ?? defaults.fileSize, writes: writes ?? defaults.writes,
                processes: processes ?? defaults.processes)
        }
    }

    /// The keys of `limits`.
    static let limitsKeys = ["file-size", "writes", "processes"]

    /// The byte units a size may carry: binary (`KiB`, `MiB`, `GiB`) and decimal (`KB`, `MB`, `GB`).
    static let byteUnits: [(suffix: String, factor: UInt64)] = [
        ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("KB", 1_000), ("MB", 1_000_000),
        ("GB", 1_000_000_000), ("B", 1),
    ]

    /// Decodes `limits:` into ``limits``, recording a problem for each bad key or value.
    mutating func decodeLimits(_ node: Node, _ reader: DocumentReader) {
        guard let pairs = reader.mapping(node, at: "limits") else { return }
        reader.rejectUnknownKeys(pairs, known: Self.limitsKeys, at: "limits")
        var decoded = Limits()
        for (key, _, value) in pairs {
            let path = "limits.\(key)"
            switch key {
            case "file-size": decoded.fileSize = Self.byteCount(value, at: path, in: (64 << 10)...(1 << 40), reader)
            case "writes": decoded.writes = Self.byteCount(value, at: path, in: (1 << 20)...(1 << 40), reader)
            case "processes": decoded.processes = reader.integer(value, at: path, in: 8...4_194_304)
            default: break  // reported by rejectUnknownKeys
            }
        }
        limits = decoded
    }

    /// A number of bytes: an integer, or a string of an integer and a unit (`512MiB`, `10 MB`) within `range`.
    private static func byteCount(
        _ node: Node, at path: String, in range: ClosedRange<UInt64>, _ reader: DocumentReader
    ) -> UInt64? {
        guard case .scalar(let scalar) = node, node.tag == Tag(.int) || node.tag == Tag(.str) else {
            reader.problem(at: path, node, "expected a size in bytes (e.g. 512MiB), found \(reader.kind(of: node))")
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        let unit = byteUnits.first { text.hasSuffix($0.suffix) } ?? ("", 1)
        let number = text.dropLast(unit.suffix.count).trimmingCharacters(in: .whitespaces)
        guard let count = UInt64(number), count.multipliedReportingOverflow(by: unit.factor).overflow == false else {
            reader.problem(
                at: path, node,
                "\"\(text)\" is not a size; expected bytes or a number with B, KiB, MiB, GiB, KB, MB or GB")
            return nil
        }
        let bytes = count * unit.factor
        guard range.contains(bytes) else {
            reader.problem(
                at: path, node,
                "\(text) is out of range \(SandboxLimit.format(range.lowerBound))...\(SandboxLimit.format(range.upperBound))"
            )
            return nil
        }
        return bytes
    }
}
