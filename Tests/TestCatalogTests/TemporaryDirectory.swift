import Foundation
import TestCatalog

/// Runs `body` with a fresh directory that is removed afterwards, even when `body` throws.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appending(path: "catalog-tests-\(UUID().uuidString)", directoryHint: .isDirectory)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

/// Copies every served file of `prepared` into the receiver's downloads, as a flawless pair of endpoints would.
func deliver(_ prepared: PreparedTest, in directories: JobDirectories) throws {
    for transfer in prepared.transfers {
        var source = directories.source(of: transfer.direction)
        var destination = directories.destination(of: transfer.direction)
        if let directory = transfer.directory {
            source.append(path: directory, directoryHint: .isDirectory)
            destination.append(path: directory, directoryHint: .isDirectory)
            try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        }
        for name in transfer.files {
            try FileManager.default.copyItem(at: source.appending(path: name), to: destination.appending(path: name))
        }
    }
}
