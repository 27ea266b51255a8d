import Foundation
import SystemPackage
import Testing

@testable import Orchestration

/// The holder image's root filesystem goes to `docker import` as this archive; GNU tar is the judge.
@Suite struct TarArchiveTests {
    @Test func gnuTarListsAndExtractsTheFile() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var archive = TarArchive()
        let contents = [UInt8]((0..<1500).map { UInt8($0 % 251) })
        archive.addFile(named: "pause", mode: 0o755, contents: contents)
        let path = directory.path.string + "/root.tar"
        try Data(archive.finished).write(to: URL(fileURLWithPath: path))

        let listing = try await command("tar", ["-tvf", path])
        #expect(listing.succeeded, "\(listing.standardError)")
        #expect(listing.standardOutput.hasPrefix("-rwxr-xr-x 0/0"), "\(listing.standardOutput)")
        #expect(listing.standardOutput.contains(" 1500 ") && listing.standardOutput.hasSuffix(" pause\n"))

        let extracted = try await command("tar", ["-xf", path, "-C", directory.path.string])
        #expect(extracted.succeeded, "\(extracted.standardError)")
        #expect(FileManager.default.contents(atPath: directory.path.string + "/pause") == Data(contents))
        #expect(archive.finished.count % 512 == 0)
    }
}
