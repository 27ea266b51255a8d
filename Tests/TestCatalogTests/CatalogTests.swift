import Results
import Testing

@testable import TestCatalog

@Suite struct CatalogTests {
    @Test func quicHasUpstreamsTwentyTwoTestsAndTwoMeasurementsInOrder() {
        #expect(Catalog.quicTests.count == 22)
        #expect(Catalog.quicMeasurements.count == 2)
        #expect(Catalog.quicTests.map(\.name) == upstreamQUICTests.map(\.name))
        #expect(Catalog.quicMeasurements.map(\.name) == ["goodput", "crosstraffic"])
        #expect(Catalog.webTransportTests.map(\.name) == upstreamWebTransportTests.map(\.name))
        #expect(Catalog.measurements(for: .webtransport).isEmpty)
        #expect(Catalog.all.count == 22 + 2 + 1 + 7)
    }

    @Test func onlyTheExperimentalListHoldsExperimentalTestCases() {
        #expect(Catalog.quicExperimentalTests.map(\.name) == ["postquantum"])
        #expect(Catalog.experimentalTests(for: .webtransport).isEmpty)
        #expect(Catalog.quicExperimentalTests.allSatisfy { $0.status == .experimental && !$0.isMeasurement })
        let upstream = Catalog.quicTests + Catalog.quicMeasurements + Catalog.webTransportTests
        #expect(upstream.allSatisfy { $0.status == .upstream })
    }

    /// Upstream's open pull request #497: a `TestCaseHandshake` whose `testname()` is its name, on the default
    /// scenario, with the handshake's one file.
    @Test func postQuantumFollowsUpstreamsPullRequest() throws {
        let test = try #require(Catalog.named("postquantum", in: .quic) as? QUIC.PostQuantum)
        #expect(test.testcase(for: .client) == "postquantum" && test.testcase(for: .server) == "postquantum")
        #expect(test.scenario == Scenario.default && test.timeout == .seconds(60))
        #expect(test.fileSizes == QUIC.Handshake().fileSizes && test.requestHost == "server4")
        #expect(test.descriptor.abbreviation == "PQ")
    }

    @Test(arguments: WireProtocol.allCases)
    func namesAndAbbreviationsAreUniqueWithinAProtocol(_ protocolKind: WireProtocol) {
        let entries = Catalog.all(for: protocolKind)
        #expect(Set(entries.map(\.name)).count == entries.count)
        #expect(Set(entries.map(\.descriptor.abbreviation)).count == entries.count)
        #expect(entries.allSatisfy { $0.protocolKind == protocolKind })
    }

    @Test(arguments: upstreamQUICTests + upstreamQUICMeasurements)
    func quicEntryMatchesUpstream(_ fact: UpstreamFact) throws {
        let test = try #require(Catalog.named(fact.name, in: .quic))
        let quic = try #require(test as? any QUICTestCase)
        expectMatches(test, fact)
        #expect(quic.fileSizes == fact.fileSizes)
        #expect(test.requestHost == fact.host)
        #expect(test.urlPrefix == "https://\(fact.host):443/")
        #expect(test.certificateChainLength == fact.chain)
        #expect(
            test.crossTraffic == (fact.name == "crosstraffic" ? IperfCrossTraffic(congestionControl: "cubic") : nil))
    }

    @Test(arguments: upstreamWebTransportTests)
    func webTransportEntryMatchesUpstream(_ fact: UpstreamFact) throws {
        let test = try #require(Catalog.named(fact.name, in: .webtransport))
        expectMatches(test, fact)
        #expect(test.requestHost == "server4")
        #expect(test.certificateChainLength == 1)
        if let transfer = test as? any WebTransportTransfer {
            #expect(transfer.transferSizes == fact.fileSizes)
        } else {
            #expect(fact.fileSizes.isEmpty)
        }
    }

    @Test(arguments: upstreamWebTransportEnvironment)
    func webTransportEnvironmentMatchesUpstream(_ fact: UpstreamWebTransportFact) throws {
        let test = try #require(Catalog.named(fact.name, in: .webtransport))
        let sizes = try #require(upstreamWebTransportTests.first { $0.name == fact.name }).fileSizes
        for seed in UInt64(0)..<3 {
            try withTemporaryDirectory { root in
                let directories = JobDirectories(root: root)
                let prepared = try test.prepare(in: directories, seed: seed)
                #expect(prepared.clientProtocols.count == fact.clientProtocols)
                #expect(prepared.serverProtocols.count == fact.serverProtocols)
                #expect(Set(prepared.clientProtocols).intersection(prepared.serverProtocols).count == fact.shared)
                #expect((prepared.expectedNegotiatedProtocol != nil) == fact.checksProtocol)
                let endpoint = try #require(prepared.createdDirectories.first?.path)
                #expect(Set(prepared.createdDirectories.map(\.side)) == fact.endpointDirectories)
                #expect(prepared.createdDirectories.allSatisfy { $0.path == endpoint })
                #expect(prepared.generatedFiles.map(\.size) == sizes)
                #expect(prepared.generatedFiles.allSatisfy { $0.side == fact.sender })
                let files = prepared.generatedFiles.map { String($0.path.dropFirst(endpoint.count + 1)) }
                #expect(prepared.generatedFiles.allSatisfy { $0.path.hasPrefix(endpoint + "/") })
                switch fact.clientRequests {
                case .none: #expect(prepared.clientRequests.isEmpty)
                case .session: #expect(prepared.clientRequests == ["https://server4:443/\(endpoint)"])
                case .files: #expect(prepared.clientRequests == files.map { "https://server4:443/\(endpoint)/\($0)" })
                }
                switch fact.serverRequests {
                case .none: #expect(prepared.serverRequests.isEmpty)
                case .session: #expect(prepared.serverRequests == [endpoint])
                case .files: #expect(prepared.serverRequests == files.map { "\(endpoint)/\($0)" })
                }
                if let sender = fact.sender {
                    let direction: TransferDirection = sender == .server ? .serverToClient : .clientToServer
                    #expect(
                        prepared.transfers == [
                            ExpectedTransfer(direction: direction, directory: endpoint, files: files)
                        ])
                } else {
                    #expect(prepared.transfers.isEmpty)
                }
            }
        }
    }

    @Test func crossTrafficCarriesUpstreamsIperfEnvironment() {
        #expect(QUIC.CrossTraffic().crossTraffic?.environment == ["IPERF_CONGESTION": "cubic"])
        #expect(IperfCrossTraffic.upstreamContainers == ["iperf_server", "iperf_client"])
    }

    @Test func lookupIsPerProtocol() throws {
        let quic = try #require(Catalog.named("handshake", in: .quic))
        let webTransport = try #require(Catalog.named("handshake", in: .webtransport))
        #expect(quic is QUIC.Handshake)
        #expect(webTransport is WebTransport.Handshake)
        #expect(Catalog.named("goodput", in: .webtransport) == nil)
        #expect(Catalog.named("versionnegotiation", in: .quic) == nil)
    }

    private func expectMatches(_ test: any TestCase, _ fact: UpstreamFact) {
        #expect(test.descriptor.abbreviation == fact.abbreviation)
        #expect(test.descriptor.description == fact.description)
        #expect(test.testcase(for: .client) == fact.client)
        #expect(test.testcase(for: .server) == fact.server)
        #expect(test.scenario == fact.scenario)
        #expect(test.timeout == .seconds(fact.timeoutSeconds))
        #expect(test.repetitions == fact.repetitions)
        #expect(test.isMeasurement == (fact.unit != nil))
        #expect(test.descriptor.unit == fact.unit)
    }
}
