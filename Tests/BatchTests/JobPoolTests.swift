import Batch
import Foundation
import Results
import Synchronization
import Testing

/// Runs each job as a real `/bin/sleep` process and records how many ran at once.
final class SleepExecutor: JobExecutor {
    struct State {
        var running = 0
        var peak = 0
        var measurementsBesideOthers = 0
        var started: [String] = []
        var live: Set<Int32> = []
    }

    let seconds: Double
    let failing: Set<String>
    let state = Mutex(State())

    init(seconds: Double, failing: Set<String> = []) {
        self.seconds = seconds
        self.failing = failing
    }

    func run(_ job: PlannedJob, logDir: String) async -> JobResult {
        let start = Date()
        state.withLock { state in
            state.running += 1
            state.peak = max(state.peak, state.running)
            state.started.append(job.id.logPath)
            if job.isMeasurement && state.running > 1 { state.measurementsBesideOthers += 1 }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sleep")
        process.arguments = [String(seconds)]
        var status = JobStatus.succeeded
        var reason: String?
        do {
            try process.run()
            let pid = process.processIdentifier
            state.withLock { _ = $0.live.insert(pid) }
            await withTaskCancellationHandler {
                while process.isRunning { try? await Task.sleep(for: .milliseconds(5)) }
            } onCancel: {
                // SIGKILL, not SIGTERM: the test runner ignores SIGTERM and a spawned child inherits that.
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            state.withLock { _ = $0.live.remove(pid) }
            if Task.isCancelled {
                status = .error
                reason = "cancelled"
            }
        } catch {
            status = .error
            reason = "\(error)"
        }
        if failing.contains(job.id.logPath) { status = .failed }
        state.withLock { $0.running -= 1 }
        return JobResult(
            id: job.id, status: status, reason: reason, start: start, duration: Date().timeIntervalSince(start))
    }
}

@Suite(.serialized) struct JobPoolTests {
    private func plan(tests: String, clients: String = "aioquic,quic-go,ngtcp2", servers: String = "quic-go,ngtcp2")
        throws -> Plan
    {
        Plan(try configuration(tests: tests, clients: clients, servers: servers))
    }

    @Test(.timeLimit(.minutes(1)), arguments: [1, 3, 5])
    func neverMoreThanWidthProcessesAtOnce(width: Int) async throws {
        let plan = try plan(tests: "handshake,transfer,retry")
        let executor = SleepExecutor(seconds: 0.15)
        let results = Mutex<[JobResult]>([])
        let start = ContinuousClock.now
        await JobPool(width: width).run(plan, executor: executor, logDir: { _ in "/tmp" }) { result in
            results.withLock { $0.append(result) }
        }
        let elapsed = ContinuousClock.now - start
        let peak = executor.state.withLock { $0.peak }
        #expect(peak == width)
        #expect(results.withLock { $0.count } == 18)
        #expect(results.withLock { $0.allSatisfy { $0.status == .succeeded } })
        // 18 jobs of 0.15 s cannot finish in fewer than 18/width waves if at most `width` run at once.
        #expect(elapsed >= .milliseconds(150 * (18 / width)))
    }

    @Test(.timeLimit(.minutes(1)))
    func measurementsRunAloneAndStopAtTheFirstFailure() async throws {
        let plan = try plan(tests: "handshake,goodput", clients: "aioquic,quic-go", servers: "ngtcp2")
        let executor = SleepExecutor(seconds: 0.05, failing: ["ngtcp2_aioquic/goodput/2"])
        let results = Mutex<[JobResult]>([])
        await JobPool(width: 4).run(plan, executor: executor, logDir: { _ in "/tmp" }) { result in
            results.withLock { $0.append(result) }
        }
        #expect(executor.state.withLock { $0.measurementsBesideOthers } == 0)
        let started = executor.state.withLock { $0.started }
        #expect(Array(started.prefix(2)).sorted() == ["ngtcp2_aioquic/handshake", "ngtcp2_quic-go/handshake"])
        #expect(
            Array(started.dropFirst(2)) == [
                "ngtcp2_aioquic/goodput/1", "ngtcp2_aioquic/goodput/2",
                "ngtcp2_quic-go/goodput/1", "ngtcp2_quic-go/goodput/2", "ngtcp2_quic-go/goodput/3",
                "ngtcp2_quic-go/goodput/4", "ngtcp2_quic-go/goodput/5",
            ])
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellationStartsNothingNewAndEndsRunningProcesses() async throws {
        let plan = try plan(tests: "handshake,transfer,retry")
        let executor = SleepExecutor(seconds: 30)
        let results = Mutex<[JobResult]>([])
        let task = Task {
            await JobPool(width: 2).run(plan, executor: executor, logDir: { _ in "/tmp" }) { result in
                results.withLock { $0.append(result) }
            }
        }
        while executor.state.withLock({ $0.running }) < 2 { try await Task.sleep(for: .milliseconds(10)) }
        let start = ContinuousClock.now
        task.cancel()
        await task.value
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(executor.state.withLock { $0.started.count } == 2)
        #expect(executor.state.withLock { $0.live.isEmpty })
        #expect(results.withLock { $0.map(\.status) } == [.error, .error])
    }
}
