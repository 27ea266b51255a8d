import Batch
import Foundation
import Results
import Testing

/// The main job's specs (`ci/main-job.sh`) resolve against the shipped registries and catalog.
@Suite struct ShippedSpecTests {
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    private func resolve(_ name: String) throws -> RunConfiguration {
        let spec = try MatrixSpec.load(from: Self.repository + "/ci/" + name)
        return try RunConfiguration.resolve(
            options: RunOptions(), spec: spec,
            environment: RunConfiguration.Environment(
                defaultRegistries: { _ in [] }, menu: { TestMenu(catalogFor: $0) }, cores: 2,
                now: Date(timeIntervalSince1970: 0), randomSeed: { 1 }))
    }

    @Test func theWebTransportMatrixIsEveryLocalImplementationAndTestCase() throws {
        let configuration = try resolve("matrix-webtransport-local.yml")
        #expect(configuration.protocolKind == .webtransport)
        #expect(configuration.servers == ["aioquic-webtransport", "qh3-webtransport"])
        #expect(configuration.clients == ["aioquic-webtransport", "qh3-webtransport"])
        #expect(
            configuration.tests.map(\.name) == [
                "handshake", "transfer-unidirectional-receive", "transfer-unidirectional-send",
                "transfer-bidirectional-receive", "transfer-bidirectional-send", "transfer-datagram-receive",
                "transfer-datagram-send",
            ])
        #expect(configuration.measurements.isEmpty)
        #expect(configuration.output.dir == "out/webtransport")
    }

    @Test func theQUICMatrixStaysBesideIt() throws {
        let configuration = try resolve("matrix-local.yml")
        #expect(configuration.protocolKind == .quic)
        #expect(configuration.output.dir == "out")
        #expect(configuration.tests.count == 22)
        // Loss and corruption verdicts of a few pairs vary from run to run: the main job runs a failed job again.
        #expect(configuration.retries == 2 && configuration.keepTraces == .failed && configuration.jobs == nil)
    }
}
