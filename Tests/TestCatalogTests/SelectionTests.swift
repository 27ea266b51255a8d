import Results
import Testing

@testable import TestCatalog

@Suite struct SelectionTests {
    @Test func noArgumentSelectsEverything() throws {
        let selection = try Selection(nil, for: .quic)
        #expect(selection.tests.count == 22)
        #expect(selection.measurements.map(\.name) == ["goodput", "crosstraffic"])
    }

    @Test func keywordsSelectOneKind() throws {
        #expect(try Selection("onlyTests", for: .quic).measurements.isEmpty)
        #expect(try Selection("onlyTests", for: .quic).tests.count == 22)
        #expect(try Selection("onlyMeasurements", for: .quic).tests.isEmpty)
        #expect(try Selection("onlyMeasurements", for: .quic).measurements.count == 2)
        let none = try Selection("", for: .quic)
        #expect(none.tests.isEmpty && none.measurements.isEmpty)
    }

    @Test func listKeepsTheGivenOrderAndSplitsTestsFromMeasurements() throws {
        let selection = try Selection("retry,goodput,handshake", for: .quic)
        #expect(selection.tests.map(\.name) == ["retry", "handshake"])
        #expect(selection.measurements.map(\.name) == ["goodput"])
    }

    @Test func webTransportHasNoMeasurements() throws {
        let selection = try Selection(nil, for: .webtransport)
        #expect(selection.tests.count == 7)
        #expect(selection.measurements.isEmpty)
    }

    @Test func everyUnknownNameIsReported() {
        #expect {
            try Selection("handshake,nope,goodput,versionnegotiation", for: .quic)
        } throws: { error in
            guard let error = error as? SelectionError else { return false }
            return error.code == .unknownTest && error.names == ["nope", "versionnegotiation"]
                && error.description.contains("\"nope\", \"versionnegotiation\"")
                && error.description.contains("available measurements: goodput, crosstraffic")
        }
        #expect(throws: SelectionError.self) { try Selection("goodput", for: .webtransport) }
    }
}
