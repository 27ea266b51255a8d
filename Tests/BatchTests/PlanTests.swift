import Batch
import Results
import Testing

@Suite struct PlanTests {
    private func configuration(tests: String, clients: String = "aioquic,quic-go", servers: String = "ngtcp2,quic-go")
        throws -> RunConfiguration
    {
        try BatchTests.configuration(tests: tests, clients: clients, servers: servers)
    }

    @Test func testsThenMeasurementsWithRepetitions() throws {
        let plan = Plan(try configuration(tests: "goodput,handshake,transfer"))
        #expect(
            plan.tests.map(\.id.logPath) == [
                "ngtcp2_aioquic/handshake", "ngtcp2_aioquic/transfer", "quic-go_aioquic/handshake",
                "quic-go_aioquic/transfer", "ngtcp2_quic-go/handshake", "ngtcp2_quic-go/transfer",
                "quic-go_quic-go/handshake", "quic-go_quic-go/transfer",
            ])
        #expect(plan.measurementSeries.count == 4)
        #expect(plan.measurementSeries[0].map(\.id.logPath) == (1...5).map { "ngtcp2_aioquic/goodput/\($0)" })
        #expect(plan.allJobs.count == 8 + 20)
    }

    @Test func seedsAreStablePerJobAndDiffer() throws {
        let first = Plan(try configuration(tests: "handshake,transfer"))
        let second = Plan(try configuration(tests: "transfer"))
        let transfer = first.tests.first { $0.id.logPath == "quic-go_quic-go/transfer" }
        #expect(transfer?.seed == second.tests.first { $0.id.logPath == "quic-go_quic-go/transfer" }?.seed)
        #expect(Set(first.tests.map(\.seed)).count == first.tests.count)
    }
}
