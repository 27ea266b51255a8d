import Foundation
import Results

/// Writes one job's random files and directories and remembers what it wrote.
///
/// Names are unique within the job across files, WebTransport endpoints and protocol names, as upstream's
/// `unique_random_slugs` keeps them unique within a run.
struct FileGenerator {
    /// Upstream gives up after this many collisions in a row.
    private static let maximumAttempts = 100_000
    /// Files are written in pieces of this size, so a 25 MiB file never sits in memory whole.
    private static let chunkSize = 1 << 20

    private var usedNames: Set<String> = []
    /// Every file written so far.
    private(set) var files: [GeneratedFile] = []
    /// Every directory created so far.
    private(set) var directories: [GeneratedDirectory] = []

    /// Creates the four directories of a job (those missing), so every endpoint finds its mounts.
    static func createLayout(_ directories: JobDirectories) throws(PreparationError) {
        for url in [
            directories.serverWWW, directories.clientWWW, directories.serverDownloads, directories.clientDownloads,
        ] {
            try createDirectory(url)
        }
    }

    /// A name no earlier call returned.
    mutating func uniqueName(
        _ naming: FileNaming,
        using generator: inout SeededGenerator
    ) throws(PreparationError) -> String {
        for _ in 0..<Self.maximumAttempts {
            let name = naming.makeName(using: &generator)
            if usedNames.insert(name).inserted { return name }
        }
        throw PreparationError(
            code: .namesExhausted,
            path: "",
            detail: "no unused \(naming) name after \(Self.maximumAttempts) attempts"
        )
    }

    /// Creates `www/<name>` (and `www` itself when missing).
    mutating func makeDirectory(_ name: String, side: Perspective, in www: URL) throws(PreparationError) {
        try Self.createDirectory(www.appending(path: name, directoryHint: .isDirectory))
        directories.append(GeneratedDirectory(side: side, path: name))
    }

    /// Writes a file of `size` random bytes with a new random name into `www` or `www/<subdirectory>`.
    /// - Returns: The file's name.
    mutating func writeFile(
        size: Int,
        naming: FileNaming,
        side: Perspective,
        www: URL,
        subdirectory: String? = nil,
        using generator: inout SeededGenerator
    ) throws(PreparationError) -> String {
        let name = try uniqueName(naming, using: &generator)
        var directory = www
        if let subdirectory { directory.append(path: subdirectory, directoryHint: .isDirectory) }
        try Self.createDirectory(directory)
        let url = directory.appending(path: name, directoryHint: .notDirectory)
        try Self.write(size: size, to: url, using: &generator)
        files.append(GeneratedFile(side: side, path: subdirectory.map { "\($0)/\(name)" } ?? name, size: size))
        return name
    }

    private static func createDirectory(_ url: URL) throws(PreparationError) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw PreparationError(code: .cannotCreateDirectory, path: url.path, detail: "\(error)")
        }
    }

    private static func write(size: Int, to url: URL, using generator: inout SeededGenerator) throws(PreparationError) {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw PreparationError(code: .cannotWriteFile, path: url.path, detail: "cannot create the file")
        }
        do {
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            var remaining = size
            while remaining > 0 {
                var chunk = Data(count: min(remaining, chunkSize))
                chunk.withUnsafeMutableBytes { generator.fill($0) }
                try handle.write(contentsOf: chunk)
                remaining -= chunk.count
            }
        } catch {
            throw PreparationError(code: .cannotWriteFile, path: url.path, detail: "\(error)")
        }
    }
}
