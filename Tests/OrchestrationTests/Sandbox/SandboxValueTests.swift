import Testing

@testable import Orchestration

#if canImport(Glibc)
    import Glibc
#endif

/// The sandbox's small pure parts: limit names, `/proc` status reading, work folder names, user ids.
@Suite struct SandboxValueTests {
    @Test func limitsAreNamedWithTheirValues() {
        #expect(SandboxLimit.writes(512 << 20).description == "the write limit (512 MiB in /downloads, /logs and /tmp)")
        #expect(SandboxLimit.fileSize(3 << 10).description == "the file size limit (3 KiB per file)")
        #expect(SandboxLimit.fileSize(1000).description == "the file size limit (1000 bytes per file)")
        #expect(SandboxLimit.processes(64).description == "the process limit (64 processes and threads)")
        #expect(SandboxLimit.format(1 << 30) == "1 GiB" && SandboxLimit.format(1_500_000) == "1500000 bytes")
        #expect(SandboxLimits(fileSize: 1, writes: 1 << 20, processes: 8).files == 128)
        #expect(SandboxLimits(fileSize: 1, writes: 64 << 10, processes: 8).files == 64)
    }

    @Test func aProcessBelongsToAUserByAnyOfItsRealEffectiveAndSavedIds() {
        func status(_ state: String, _ uids: String) -> String {
            "Name:\tsleep\nUmask:\t0022\nState:\t\(state)\nTgid:\t42\nUid:\t\(uids)\nGid:\t0\t0\t0\t0\n"
        }
        #expect(
            UserProcesses.belongs(
                status("S (sleeping)", "1879048200\t1879048200\t1879048200\t1879048200"), to: 1_879_048_200))
        #expect(UserProcesses.belongs(status("R (running)", "0\t0\t1879048200\t0"), to: 1_879_048_200))
        #expect(
            !UserProcesses.belongs(
                status("Z (zombie)", "1879048200\t1879048200\t1879048200\t1879048200"), to: 1_879_048_200))
        #expect(!UserProcesses.belongs(status("S (sleeping)", "0\t0\t0\t1879048200"), to: 1_879_048_200))
        #expect(
            !UserProcesses.belongs(status("S (sleeping)", "18790482\t18790482\t18790482\t18790482"), to: 1_879_048_200))
    }

    @Test func workFolderNamesCarryTheirRunsPid() {
        #expect(WorkspaceReaper.ownerPID(of: "interop-runner-4711-123456") == 4711)
        #expect(WorkspaceReaper.ownerPID(of: "interop-runner-4711") == nil)
        #expect(WorkspaceReaper.ownerPID(of: "interop-runner-4711-abc") == nil)
        #expect(WorkspaceReaper.ownerPID(of: "qir-4711x1a2b") == nil)
        let folder = WorkspaceReaper.newFolder(in: "/tmp/")
        #expect(WorkspaceReaper.ownerPID(of: String(folder.dropFirst("/tmp/".count))) == getpid())
    }

    @Test func usersComeFromTheRunsBlockAndDoNotRepeatWithinIt() {
        let users = SandboxUsers()
        let taken = (0..<Int(SandboxUsers.blockSize)).map { _ in users.take() }
        #expect(Set(taken).count == taken.count)
        #expect(taken.allSatisfy { $0 >= users.first && $0 < users.first + SandboxUsers.blockSize })
        #expect(SandboxUsers.range.contains(users.first))
        #expect(SandboxUsers.range.contains(users.first + SandboxUsers.blockSize - 1))
        #expect(users.take() == taken[0])
    }
}
