import Foundation
import Results
import Testing

@testable import TestCatalog

@Suite struct ListingTests {
    @Test func rowsFollowTheCatalog() {
        #expect(TestListing.rows(for: .quic).count == 25)
        #expect(TestListing.rows(for: .webtransport).count == 7)
        #expect(TestListing.rows().count == 32)
        let postQuantum = TestListing.rows(for: .quic).last
        #expect(postQuantum?.name == "postquantum" && postQuantum?.status == .experimental)
        #expect(TestListing.rows().filter { $0.status == .experimental }.map(\.name) == ["postquantum"])
        let keyUpdate = TestListing.rows(for: .quic).first { $0.name == "keyupdate" }
        #expect(keyUpdate?.testcase == TestListing.Testcase(client: "keyupdate", server: "transfer"))
        let crossTraffic = TestListing.rows(for: .quic).first { $0.name == "crosstraffic" }
        #expect(crossTraffic?.timeoutSeconds == 180)
        #expect(crossTraffic?.repetitions == 5)
        #expect(crossTraffic?.unit == "kbps")
    }

    @Test func jsonIsStableAndRoundTrips() throws {
        let rows = TestListing.rows(for: .quic)
        let data = TestListing.json(rows)
        #expect(try JSONDecoder().decode([TestListing].self, from: data) == rows)
        #expect(TestListing.json(rows) == data)
        let text = String(decoding: TestListing.json([TestListing(QUIC.Handshake())]), as: UTF8.self)
        let expected = """
            [
              {
                "abbreviation" : "H",
                "description" : "Handshake completes successfully.",
                "isMeasurement" : false,
                "name" : "handshake",
                "protocol" : "quic",
                "repetitions" : 1,
                "scenario" : "simple-p2p --delay=15ms --bandwidth=10Mbps --queue=25",
                "status" : "upstream",
                "testcase" : {
                  "client" : "handshake",
                  "server" : "handshake"
                },
                "timeoutSeconds" : 60,
                "unit" : null
              }
            ]
            """
        #expect(text == expected)
    }
}
