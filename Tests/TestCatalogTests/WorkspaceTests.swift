import Foundation
import Results
import Testing

@testable import TestCatalog

@Suite struct WorkspaceTests {
    private func size(of url: URL) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
    }

    private func isSlug(_ name: String) -> Bool {
        let words = name.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        return words.count == 3 && SlugWords.adjectives.contains(words[0]) && SlugWords.adjectives.contains(words[1])
            && SlugWords.nouns.contains(words[2])
    }

    @Test func quicFilesHaveUpstreamsSizesAndSlugNames() throws {
        try withTemporaryDirectory { root in
            let directories = JobDirectories(root: root)
            let prepared = try QUIC.HTTP3().prepare(in: directories, seed: 1)
            #expect(prepared.generatedFiles.map(\.size) == [5 << 10, 10 << 10, 500 << 10])
            #expect(prepared.generatedFiles.allSatisfy { $0.side == .server && isSlug($0.path) })
            for file in prepared.generatedFiles {
                #expect(try size(of: directories.serverWWW.appending(path: file.path)) == file.size)
            }
            let names = prepared.generatedFiles.map(\.path)
            #expect(prepared.clientRequests == names.map { "https://server4:443/\($0)" })
            #expect(prepared.serverRequests.isEmpty)
            #expect(prepared.transfers == [ExpectedTransfer(direction: .serverToClient, files: names)])
            for url in [directories.clientWWW, directories.clientDownloads, directories.serverDownloads] {
                #expect(FileManager.default.fileExists(atPath: url.path))
            }
            #expect(
                prepared.environment(for: .client)
                    == [
                        "TESTCASE": "http3", "REQUESTS": prepared.clientRequests.joined(separator: " "),
                        "PROTOCOLS": "",
                    ]
            )
            #expect(prepared.environment(for: .server) == ["TESTCASE": "http3", "REQUESTS": "", "PROTOCOLS": ""])
        }
    }

    @Test func zeroRTTUsesFortyNamesOfTwoHundredFiftyLowercaseLetters() throws {
        try withTemporaryDirectory { root in
            let prepared = try QUIC.ZeroRTT().prepare(in: JobDirectories(root: root), seed: 2)
            let names = prepared.transfers[0].files
            #expect(names.count == 40)
            #expect(Set(names).count == 40)
            #expect(names.allSatisfy { $0.utf8.count == 250 && $0.utf8.allSatisfy { (97...122).contains($0) } })
            #expect(prepared.generatedFiles.allSatisfy { $0.size == 32 })
        }
    }

    @Test func multiplexingWritesNineteenNinetyNineDistinctFiles() throws {
        try withTemporaryDirectory { root in
            let directories = JobDirectories(root: root)
            let prepared = try QUIC.Multiplexing().prepare(in: directories, seed: 3)
            #expect(prepared.clientRequests.count == 1999)
            #expect(Set(prepared.clientRequests).count == 1999)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directories.serverWWW.path).count == 1999)
            #expect(prepared.clientTestcase == "transfer")
        }
    }

    @Test func requestHostFollowsTheTest() throws {
        try withTemporaryDirectory { root in
            let ipv6 = try QUIC.IPv6().prepare(in: JobDirectories(root: root.appending(path: "a")), seed: 4)
            #expect(ipv6.clientRequests.allSatisfy { $0.hasPrefix("https://server6:443/") })
            let migration = try QUIC.ConnectionMigration().prepare(
                in: JobDirectories(root: root.appending(path: "b")),
                seed: 4
            )
            #expect(migration.clientRequests.allSatisfy { $0.hasPrefix("https://server46:443/") })
            #expect(migration.clientTestcase == "transfer")
            #expect(migration.serverTestcase == "connectionmigration")
        }
    }

    @Test func theSameSeedGivesTheSameNamesAndBytes() throws {
        try withTemporaryDirectory { root in
            let first = JobDirectories(root: root.appending(path: "first"))
            let second = JobDirectories(root: root.appending(path: "second"))
            let other = JobDirectories(root: root.appending(path: "other"))
            let a = try QUIC.Resumption().prepare(in: first, seed: 99)
            let b = try QUIC.Resumption().prepare(in: second, seed: 99)
            let c = try QUIC.Resumption().prepare(in: other, seed: 100)
            #expect(a == b)
            #expect(a.clientRequests != c.clientRequests)
            for file in a.generatedFiles {
                let left = try Data(contentsOf: first.serverWWW.appending(path: file.path))
                let right = try Data(contentsOf: second.serverWWW.appending(path: file.path))
                #expect(left == right)
                #expect(Set(left).count > 200)
            }
        }
    }

    @Test func webTransportHandshakeOffersFiveProtocolsEachSharingTwoInOppositeOrder() throws {
        for seed in UInt64(0)..<20 {
            try withTemporaryDirectory { root in
                let directories = JobDirectories(root: root)
                let prepared = try WebTransport.Handshake().prepare(in: directories, seed: seed)
                #expect(prepared.clientProtocols.count == 5)
                #expect(prepared.serverProtocols.count == 5)
                #expect(Set(prepared.clientProtocols + prepared.serverProtocols).count == 8)
                let shared = prepared.clientProtocols.filter(prepared.serverProtocols.contains)
                #expect(shared.count == 2)
                #expect(prepared.serverProtocols.filter(prepared.clientProtocols.contains) == shared.reversed())
                let positions = shared.compactMap { prepared.clientProtocols.firstIndex(of: $0) }
                #expect(positions.map { prepared.serverProtocols[$0] } == shared.reversed())
                #expect(prepared.expectedNegotiatedProtocol == shared.first)

                let endpoint = try #require(prepared.createdDirectories.first)
                #expect(prepared.createdDirectories == [GeneratedDirectory(side: .server, path: endpoint.path)])
                #expect(prepared.clientRequests == ["https://server4:443/\(endpoint.path)"])
                #expect(prepared.serverRequests.isEmpty)
                #expect(prepared.generatedFiles.isEmpty)
                #expect(
                    prepared.environment(for: .client)["PROTOCOLS"] == prepared.clientProtocols.joined(separator: " "))
                var isDirectory: ObjCBool = false
                #expect(
                    FileManager.default.fileExists(
                        atPath: directories.serverWWW.appending(path: endpoint.path).path, isDirectory: &isDirectory))
                #expect(isDirectory.boolValue)
            }
        }
    }

    @Test func webTransportReceiveServesFromTheServerAndRequestsEachFile() throws {
        try withTemporaryDirectory { root in
            let directories = JobDirectories(root: root)
            let prepared = try WebTransport.TransferBidirectionalReceive().prepare(in: directories, seed: 5)
            let transfer = try #require(prepared.transfers.first)
            let endpoint = try #require(transfer.directory)
            #expect(transfer.direction == .serverToClient)
            #expect(transfer.files.count == 5)
            #expect(prepared.generatedFiles.map(\.size) == [100 << 10, 500 << 10, 250 << 10, 1 << 20, 2 << 20])
            #expect(prepared.generatedFiles.allSatisfy { $0.side == .server && $0.path.hasPrefix(endpoint + "/") })
            #expect(prepared.clientRequests == transfer.files.map { "https://server4:443/\(endpoint)/\($0)" })
            #expect(prepared.serverRequests.isEmpty)
            #expect(prepared.clientProtocols.count == 1 && prepared.clientProtocols == prepared.serverProtocols)
            #expect(Set(prepared.createdDirectories.map(\.side)) == [.client, .server])
            #expect(prepared.clientTestcase == "transfer-bidirectional-receive")
            #expect(prepared.serverTestcase == "transfer")
        }
    }

    @Test func webTransportSendServesFromTheClientAndTheServerRequests() throws {
        try withTemporaryDirectory { root in
            let directories = JobDirectories(root: root)
            let prepared = try WebTransport.TransferDatagramSend().prepare(in: directories, seed: 6)
            let transfer = try #require(prepared.transfers.first)
            let endpoint = try #require(transfer.directory)
            #expect(transfer.direction == .clientToServer)
            #expect(prepared.generatedFiles.count == 200)
            #expect(prepared.generatedFiles.map(\.size) == (0..<200).map { 600 + 2 * $0 })
            #expect(prepared.generatedFiles.allSatisfy { $0.side == .client })
            #expect(prepared.clientRequests == ["https://server4:443/\(endpoint)"])
            #expect(prepared.serverRequests == transfer.files.map { "\(endpoint)/\($0)" })
            let served = try FileManager.default.contentsOfDirectory(
                atPath: directories.clientWWW.appending(path: endpoint).path
            )
            #expect(served.count == 200)
        }
    }

    /// Every catalog entry prepares, and a flawless delivery of what it prepared passes its check.
    @Test(arguments: Catalog.all.map { CatalogEntry($0) })
    func everyEntryPassesWhenEndpointsDeliverEverything(_ entry: CatalogEntry) throws {
        try withTemporaryDirectory { root in
            let directories = JobDirectories(root: root)
            let prepared = try entry.test.prepare(in: directories, seed: 11)
            #expect(prepared.test == entry.test.name)
            #expect(prepared.clientTestcase == entry.test.testcase(for: .client))
            #expect(prepared.serverTestcase == entry.test.testcase(for: .server))
            if let quic = entry.test as? any QUICTestCase {
                #expect(prepared.generatedFiles.map(\.size) == quic.fileSizes)
            }
            try deliver(prepared, in: directories)
            if let expected = prepared.expectedNegotiatedProtocol {
                for downloads in [directories.clientDownloads, directories.serverDownloads] {
                    try Data((expected + "\n").utf8).write(to: downloads.appending(path: "negotiated_protocol.txt"))
                }
            }
            // Checks also read traces (TraceCheckTests); here only the files the preparation made are judged.
            let context = CheckContext(prepared: prepared, directories: directories)
            let outcome =
                prepared.expectedNegotiatedProtocol == nil
                ? context.checkTransfers() : context.checkNegotiatedProtocol()
            #expect(outcome == .succeeded())
        }
    }
}

/// A catalog entry labelled with its protocol and name in test output.
struct CatalogEntry: Sendable, CustomTestStringConvertible {
    let test: any TestCase
    init(_ test: any TestCase) { self.test = test }
    var testDescription: String { "\(test.protocolKind.rawValue)/\(test.name)" }
}
