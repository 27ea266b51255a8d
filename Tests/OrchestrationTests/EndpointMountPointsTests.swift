import Foundation
import Orchestration
import SystemPackage
import Testing

@Suite struct EndpointMountPointsTests {
    private func exists(_ path: FilePath) -> Bool { FileManager.default.fileExists(atPath: path.string) }

    @Test func createsTheMissingOnesAndRemovesOnlyThoseStillEmpty() throws {
        let root = try TemporaryDirectory("mountpoints")
        defer { root.remove() }
        let existing = try root.makeDirectory("www")
        let targets = [existing, root.file("downloads"), root.file("certs"), root.file("logs")]
        let mountPoints = try EndpointMountPoints.ensure(targets, lockFile: root.file("lock"))
        #expect(mountPoints.created == Array(targets.dropFirst()))
        #expect(targets.allSatisfy(exists))
        let mode = try FileManager.default.attributesOfItem(atPath: targets[1].string)[.posixPermissions] as? Int
        #expect(mode == 0o755)

        try root.write("logs/left-behind", "x")
        let removed = mountPoints.removeCreated()
        #expect(removed == [root.file("certs"), root.file("downloads")])
        #expect(exists(existing) && exists(root.file("logs")))
        #expect(!exists(root.file("downloads")) && !exists(root.file("certs")))
        #expect(mountPoints.removeCreated().isEmpty)
    }

    @Test func anotherRunHoldingTheLockKeepsTheDirectories() throws {
        let root = try TemporaryDirectory("mountpoints")
        defer { root.remove() }
        let targets = [root.file("www")]
        let first = try EndpointMountPoints.ensure(targets, lockFile: root.file("lock"))
        let second = try EndpointMountPoints.ensure(targets, lockFile: root.file("lock"))
        #expect(first.created == targets && second.created.isEmpty)
        // The second run still uses /www, so the first must leave it.
        #expect(first.removeCreated().isEmpty)
        #expect(exists(targets[0]))
        #expect(second.removeCreated().isEmpty)
    }

    @Test func aFileInThePlaceOfADirectoryIsAnErrorAndUndoesTheCall() throws {
        let root = try TemporaryDirectory("mountpoints")
        defer { root.remove() }
        try root.write("certs", "a file")
        let targets = [root.file("www"), root.file("certs")]
        let error = #expect(throws: JobSetupError.self) {
            try EndpointMountPoints.ensure(targets, lockFile: root.file("lock"))
        }
        #expect(error?.code == .directory)
        #expect(error?.path == root.file("certs").string)
        #expect(error?.detail == "exists and is not a directory")
        #expect(!exists(root.file("www")))
    }
}
