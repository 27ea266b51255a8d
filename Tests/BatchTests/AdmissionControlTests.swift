import Batch
import Foundation
import Results
import Synchronization
import Testing

/// A load probe that replays a script of samples, then repeats the last one.
final class ScriptedProbe: LoadProbe {
    let samples: Mutex<[LoadSample]>

    init(_ samples: [LoadSample]) { self.samples = Mutex(samples) }

    func sample() -> LoadSample? {
        samples.withLock { samples in samples.count > 1 ? samples.removeFirst() : samples.first }
    }
}

@Suite struct AdmissionControlTests {
    private let plenty: UInt64 = 16 << 30

    /// The pool widens while the CPUs have headroom and it is full, by a quarter far from saturation and by one
    /// near it; narrows above saturation to its floor; never passes its ceiling.
    @Test func widensWithHeadroomAndNarrowsWhenSaturated() {
        var control = AdmissionControl(floor: 4, ceiling: 20)
        #expect(control.limit == 4 && control.adapts)
        control.observe(LoadSample(busy: 0.2, availableMemory: plenty), running: 4, waiting: true)
        #expect(control.limit == 5)
        control.observe(LoadSample(busy: 0.7, availableMemory: plenty), running: 5, waiting: true)
        #expect(control.limit == 6)
        control.observe(LoadSample(busy: 0.2, availableMemory: plenty), running: 3, waiting: true)
        #expect(control.limit == 6, "a pool that is not full does not widen")
        control.observe(LoadSample(busy: 0.2, availableMemory: plenty), running: 6, waiting: false)
        #expect(control.limit == 6, "nothing waits")
        control.observe(LoadSample(busy: 0.9, availableMemory: plenty), running: 6, waiting: true)
        #expect(control.limit == 6, "between headroom and saturation the width holds")
        for _ in 0..<30 {
            control.observe(LoadSample(busy: 0.1, availableMemory: plenty), running: control.limit, waiting: true)
        }
        #expect(control.limit == 20)
        for _ in 0..<30 { control.observe(LoadSample(busy: 0.99, availableMemory: plenty), running: 20, waiting: true) }
        #expect(control.limit == 4)
    }

    /// Short memory stops admission at what runs; it resumes from the floor when memory is back.
    @Test func shortMemoryStopsAdmission() {
        var control = AdmissionControl(floor: 4, ceiling: 20)
        control.observe(LoadSample(busy: 0.1, availableMemory: 100 << 20), running: 2, waiting: true)
        #expect(control.limit == 2)
        control.observe(LoadSample(busy: 0.1, availableMemory: 100 << 20), running: 0, waiting: true)
        #expect(control.limit == 1, "one job still runs, or the run would never end")
        control.observe(LoadSample(busy: 0.1, availableMemory: plenty), running: 1, waiting: true)
        #expect(control.limit == 4)
    }

    /// Sized to the machine: from eight jobs per core to 24 per core, as far as memory holds 200 MB per job;
    /// `--jobs` is the ceiling, and a pool of one never adapts.
    @Test func sizedToTheMachine() {
        let default2 = AdmissionControl.sized(jobs: nil, cores: 2, availableMemory: plenty)
        #expect(default2.floor == 16 && default2.ceiling == 48)
        let smallMemory = AdmissionControl.sized(jobs: nil, cores: 2, availableMemory: (1 << 30) + (2_000 << 20))
        #expect(smallMemory.floor == 10 && smallMemory.ceiling == 10)
        let given = AdmissionControl.sized(jobs: 24, cores: 2, availableMemory: plenty)
        #expect(given.floor == 16 && given.ceiling == 24)
        #expect(!AdmissionControl.sized(jobs: 2, cores: 2, availableMemory: plenty).adapts)
        let one = AdmissionControl.sized(jobs: 1, cores: 64, availableMemory: plenty)
        #expect(one.floor == 1 && one.ceiling == 1 && !one.adapts)
    }

    /// In a real pool the width follows the probe: idle CPUs let it grow past its floor, up to its ceiling.
    @Test(.timeLimit(.minutes(1))) func thePoolGrowsOnAnIdleMachine() async throws {
        let plan = Plan(
            try configuration(
                tests: "handshake,transfer,retry,resumption,zerortt,http3", clients: "aioquic,quic-go,ngtcp2",
                servers: "quic-go,ngtcp2"))
        let executor = SleepExecutor(seconds: 0.3)
        let pool = JobPool(
            admission: AdmissionControl(floor: 2, ceiling: 8), retries: 0, deadline: nil,
            probe: ScriptedProbe([LoadSample(busy: 0.05, availableMemory: plenty)]),
            sampleInterval: .milliseconds(20))
        let outcome = await pool.run(plan, executor: executor, logDir: { _ in "/tmp" }) { _ in }
        #expect(outcome.peakWidth == 8)
        #expect(executor.state.withLock { $0.peak } == 8)
    }

    /// A saturated machine keeps the pool at its floor.
    @Test(.timeLimit(.minutes(1))) func thePoolStaysAtItsFloorOnABusyMachine() async throws {
        let plan = Plan(
            try configuration(
                tests: "handshake,transfer,retry", clients: "aioquic,quic-go,ngtcp2", servers: "quic-go,ngtcp2"))
        let executor = SleepExecutor(seconds: 0.1)
        let pool = JobPool(
            admission: AdmissionControl(floor: 2, ceiling: 8), retries: 0, deadline: nil,
            probe: ScriptedProbe([LoadSample(busy: 1, availableMemory: plenty)]), sampleInterval: .milliseconds(10))
        let outcome = await pool.run(plan, executor: executor, logDir: { _ in "/tmp" }) { _ in }
        #expect(outcome.peakWidth == 2)
    }
}
