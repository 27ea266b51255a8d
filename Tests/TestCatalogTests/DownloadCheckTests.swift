import Foundation
import Results
import Testing

@testable import TestCatalog

/// The file-based check (upstream `_check_files`) against real directories: one served set, then one defect at a time.
@Suite struct DownloadCheckTests {
    /// Prepares the resumption test (files of 5 and 10 KiB), delivers it, lets `damage` break it and checks.
    private func outcome(
        test: any TestCase = QUIC.Resumption(),
        _ damage: (PreparedTest, JobDirectories) throws -> Void
    ) throws -> CheckOutcome {
        try withTemporaryDirectory { root in
            let directories = JobDirectories(root: root)
            let prepared = try test.prepare(in: directories, seed: 21)
            try deliver(prepared, in: directories)
            try damage(prepared, directories)
            return CheckContext(prepared: prepared, directories: directories).checkTransfers()
        }
    }

    private func download(_ prepared: PreparedTest, _ directories: JobDirectories, _ index: Int) -> URL {
        directories.clientDownloads.appending(path: prepared.transfers[0].files[index])
    }

    @Test func intactDownloadsSucceed() throws {
        #expect(try outcome { _, _ in } == .succeeded())
    }

    @Test func subdirectoriesAreIgnoredAsUpstreamIgnoresThem() throws {
        let result = try outcome { _, directories in
            try FileManager.default.createDirectory(
                at: directories.clientDownloads.appending(path: "qlog"),
                withIntermediateDirectories: true
            )
        }
        #expect(result == .succeeded())
    }

    @Test func aShortFileFailsWithItsSize() throws {
        var name = ""
        let result = try outcome { prepared, directories in
            name = prepared.transfers[0].files[1]
            let url = download(prepared, directories, 1)
            try Data(try Data(contentsOf: url).prefix(1000)).write(to: url)
        }
        #expect(result == .failed("file \(name) has 1000 bytes, expected 10240"))
    }

    @Test func aChangedByteFailsWithItsOffset() throws {
        var name = ""
        let result = try outcome { prepared, directories in
            name = prepared.transfers[0].files[0]
            let url = download(prepared, directories, 0)
            var data = try Data(contentsOf: url)
            data[4097] ^= 0xFF
            try data.write(to: url)
        }
        #expect(result == .failed("file \(name) differs from the served file at byte 4097"))
    }

    @Test func aMissingFileFails() throws {
        var name = ""
        let result = try outcome { prepared, directories in
            name = prepared.transfers[0].files[0]
            try FileManager.default.removeItem(at: download(prepared, directories, 0))
        }
        #expect(result == .failed("missing file \(name) in the client's downloads"))
    }

    @Test func manyMissingFilesAreCounted() throws {
        let result = try outcome(test: QUIC.HandshakeLoss()) { prepared, directories in
            for index in 0..<3 { try FileManager.default.removeItem(at: download(prepared, directories, index)) }
        }
        #expect(result.status == .failed)
        #expect(result.reason?.hasPrefix("missing 3 of 50 files, first: ") == true)
    }

    @Test func anUnexpectedExtraFileFails() throws {
        let result = try outcome { _, directories in
            try Data("x".utf8).write(to: directories.clientDownloads.appending(path: "index.html"))
        }
        #expect(result == .failed("unexpected file index.html in the client's downloads"))
    }

    @Test func aSymbolicLinkToTheServedFileIsNotADownload() throws {
        var name = ""
        let result = try outcome { prepared, directories in
            name = prepared.transfers[0].files[0]
            let url = download(prepared, directories, 0)
            try FileManager.default.removeItem(at: url)
            try FileManager.default.createSymbolicLink(
                at: url,
                withDestinationURL: directories.serverWWW.appending(path: name)
            )
        }
        #expect(result == .failed("\(name) in the client's downloads is a symbolic link, not a downloaded file"))
    }

    @Test func aSymbolicLinkReplacingTheDownloadsDirectoryIsNotFollowed() throws {
        let result = try outcome { _, directories in
            try FileManager.default.removeItem(at: directories.clientDownloads)
            try FileManager.default.createSymbolicLink(
                at: directories.clientDownloads, withDestinationURL: directories.serverWWW)
        }
        #expect(result == .failed("the client's downloads directory was replaced by a symbolic link"))
    }

    @Test(arguments: ["..", ".", "../escape", "a/b", ""])
    func anExpectedNameLeavingTheDirectoryIsARunnerError(_ name: String) throws {
        try withTemporaryDirectory { root in
            let directories = JobDirectories(root: root)
            var prepared = try QUIC.Handshake().prepare(in: directories, seed: 1)
            try deliver(prepared, in: directories)
            prepared.transfers[0].files.append(name)
            let result = CheckContext(prepared: prepared, directories: directories).checkTransfers()
            #expect(result.status == .error)
        }
    }

    @Test func aMissingWebTransportEndpointDirectoryFails() throws {
        var endpoint = ""
        let result = try outcome(test: WebTransport.TransferUnidirectionalSend()) { prepared, directories in
            endpoint = try #require(prepared.transfers[0].directory)
            try FileManager.default.removeItem(at: directories.serverDownloads.appending(path: endpoint))
        }
        #expect(result == .failed("missing download directory \(endpoint) in the server's downloads"))
    }

    @Test func aWebTransportFileInTheWrongPlaceFails() throws {
        var name = ""
        let result = try outcome(test: WebTransport.TransferUnidirectionalReceive()) { prepared, directories in
            let endpoint = try #require(prepared.transfers[0].directory)
            name = prepared.transfers[0].files[2]
            try FileManager.default.moveItem(
                at: directories.clientDownloads.appending(path: endpoint).appending(path: name),
                to: directories.clientDownloads.appending(path: name)
            )
        }
        #expect(result.status == .failed)
        #expect(result.reason?.hasPrefix("missing file \(name) in the client's downloads/") == true)
    }

    @Test func aCheckWithoutGeneratedFilesIsARunnerError() throws {
        try withTemporaryDirectory { root in
            let directories = JobDirectories(root: root)
            var prepared = try QUIC.Handshake().prepare(in: directories, seed: 1)
            prepared.transfers = []
            #expect(CheckContext(prepared: prepared, directories: directories).checkTransfers().status == .error)
        }
    }
}

@Suite struct NegotiatedProtocolCheckTests {
    private func outcome(client: String?, server: String?) throws -> (CheckOutcome, String) {
        try withTemporaryDirectory { root in
            let directories = JobDirectories(root: root)
            let prepared = try WebTransport.Handshake().prepare(in: directories, seed: 8)
            let expected = try #require(prepared.expectedNegotiatedProtocol)
            for (text, downloads) in [(client, directories.clientDownloads), (server, directories.serverDownloads)] {
                guard let text else { continue }
                let value = text.replacingOccurrences(of: "EXPECTED", with: expected)
                try Data(value.utf8).write(to: downloads.appending(path: "negotiated_protocol.txt"))
            }
            return (CheckContext(prepared: prepared, directories: directories).checkNegotiatedProtocol(), expected)
        }
    }

    @Test func bothSidesReportingTheClientsPreferenceSucceeds() throws {
        #expect(try outcome(client: "EXPECTED\n", server: "  EXPECTED").0 == .succeeded())
    }

    @Test func aMissingFileFails() throws {
        #expect(
            try outcome(client: "EXPECTED", server: nil).0 == .failed("the server wrote no negotiated_protocol.txt"))
    }

    @Test func theWrongProtocolFails() throws {
        let (result, expected) = try outcome(client: "other-protocol", server: "EXPECTED")
        #expect(result == .failed("the client negotiated \"other-protocol\", expected \"\(expected)\""))
    }
}
