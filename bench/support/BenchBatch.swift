public import Batch
import Foundation

/// A benchmark's run: `options` resolved as the runner resolves a command line without a spec (no default
/// registries, this machine's cores, seed 1 unless given), its outputs prepared, its version `runnerVersion`.
public func benchBatch(
    _ options: RunOptions, runnerVersion: String
) throws -> (batch: BatchRun, configuration: RunConfiguration) {
    let configuration = try RunConfiguration.resolve(
        options: options, spec: nil,
        environment: RunConfiguration.Environment(
            defaultRegistries: { _ in [] }, menu: { TestMenu(catalogFor: $0) },
            cores: ProcessInfo.processInfo.activeProcessorCount, now: Date(), randomSeed: { 1 }))
    let batch = BatchRun(configuration: configuration, runnerVersion: runnerVersion)
    try batch.prepareOutputs()
    return (batch, configuration)
}
