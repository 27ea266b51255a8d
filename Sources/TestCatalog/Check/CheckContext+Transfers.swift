import Foundation
import Results

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension CheckContext {
    /// Bytes compared per read.
    private static let chunkSize = 64 << 10

    /// Upstream `_check_files` for every expected transfer: the downloads directory holds exactly the served
    /// files, each with the served size and bytes.
    ///
    /// Subdirectories of a downloads directory are ignored, as upstream ignores them; any other unexpected
    /// entry fails the test, and so does a symbolic link, which is never followed.
    public func checkTransfers() -> CheckOutcome {
        guard !prepared.transfers.isEmpty else {
            return .error("no files were generated for \(prepared.test)")
        }
        for transfer in prepared.transfers {
            if let outcome = check(transfer) { return outcome }
        }
        return .succeeded()
    }

    /// The outcome of the first problem with one transfer, or `nil` when it arrived intact.
    private func check(_ transfer: ExpectedTransfer) -> CheckOutcome? {
        for name in [transfer.directory].compactMap(\.self) + transfer.files where !Self.isPlainName(name) {
            return .error("expected file name \"\(name)\" is not a single path component")
        }
        let receiver = transfer.direction == .serverToClient ? "client" : "server"
        let sender = transfer.direction == .serverToClient ? "server" : "client"
        var sourcePath = directories.source(of: transfer.direction).path
        var downloadPath = directories.destination(of: transfer.direction).path
        var place = "the \(receiver)'s downloads"

        switch FileInspector.kind(at: downloadPath) {
        case .directory: break
        case .symbolicLink: return .failed("\(place) directory was replaced by a symbolic link")
        case nil: return .error("\(place) directory \(downloadPath) does not exist")
        default: return .failed("\(place) directory was replaced by a file")
        }
        if let directory = transfer.directory {
            sourcePath += "/" + directory
            downloadPath += "/" + directory
            place += "/" + directory
            switch FileInspector.kind(at: downloadPath) {
            case .directory: break
            case nil: return .failed("missing download directory \(directory) in the \(receiver)'s downloads")
            case .symbolicLink: return .failed("\(place) is a symbolic link, not a directory")
            default: return .failed("\(place) is not a directory")
            }
        }

        let expected = Set(transfer.files)
        let present: [String]
        do {
            present = try FileManager.default.contentsOfDirectory(atPath: downloadPath).sorted()
        } catch {
            return .error("cannot list \(place): \(error)")
        }
        var found: Set<String> = []
        var unexpected: [String] = []
        for name in present {
            switch FileInspector.kind(at: downloadPath + "/" + name) {
            case .directory, nil: continue
            case .symbolicLink: return .failed("\(name) in \(place) is a symbolic link, not a downloaded file")
            case .other: return .failed("\(name) in \(place) is not a regular file")
            case .regular:
                if expected.contains(name) { found.insert(name) } else { unexpected.append(name) }
            }
        }
        let missing = transfer.files.filter { !found.contains($0) }
        var problems: [String] = []
        if !missing.isEmpty { problems.append(Self.summary(missing, of: transfer.files.count, noun: "missing")) }
        if !unexpected.isEmpty { problems.append(Self.summary(unexpected, of: nil, noun: "unexpected")) }
        if !problems.isEmpty { return .failed(problems.joined(separator: "; ") + " in \(place)") }

        for name in transfer.files {
            guard let served = FileInspector.openRegularFile(at: sourcePath + "/" + name) else {
                return .error("the \(sender)'s served file \(name) is missing or not a regular file")
            }
            guard let downloaded = FileInspector.openRegularFile(at: downloadPath + "/" + name) else {
                return .failed("cannot open \(name) in \(place)")
            }
            if downloaded.size != served.size {
                return .failed("file \(name) has \(downloaded.size) bytes, expected \(served.size)")
            }
            if let outcome = Self.compareBytes(name: name, served: served, downloaded: downloaded) {
                return outcome
            }
        }
        return nil
    }

    /// Compares two open files of equal size chunk by chunk.
    private static func compareBytes(name: String, served: OpenFile, downloaded: OpenFile) -> CheckOutcome? {
        let left = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        let right = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer {
            left.deallocate()
            right.deallocate()
        }
        var offset = 0
        while true {
            guard let servedCount = served.readFully(into: left) else {
                return .error("cannot read the served file \(name)")
            }
            guard let downloadedCount = downloaded.readFully(into: right) else {
                return .failed("cannot read the downloaded file \(name)")
            }
            let common = min(servedCount, downloadedCount)
            if let servedBytes = left.baseAddress, let downloadedBytes = right.baseAddress,
                memcmp(servedBytes, downloadedBytes, common) != 0
            {
                let index = (0..<common).first { left[$0] != right[$0] } ?? 0
                return .failed("file \(name) differs from the served file at byte \(offset + index)")
            }
            if servedCount != downloadedCount {
                return .failed("file \(name) changed size while it was compared")
            }
            if servedCount == 0 { return nil }
            offset += servedCount
        }
    }

    /// `missing file a` or `missing 3 of 5 files, first: a`.
    private static func summary(_ names: [String], of total: Int?, noun: String) -> String {
        if names.count == 1 { return "\(noun) file \(names[0])" }
        let count = total.map { "\(names.count) of \($0)" } ?? "\(names.count)"
        return "\(noun) \(count) files, first: \(names[0])"
    }

    /// Whether `name` stays inside its directory: one component, not `.` or `..`.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0")
    }
}
