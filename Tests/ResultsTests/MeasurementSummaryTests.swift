import Foundation
import Results
import Testing

@Suite struct MeasurementSummaryTests {
    private func repetition(_ index: Int, _ status: JobStatus, _ value: Double?) -> JobResult {
        JobResult(
            id: JobID(server: "s", client: "c", test: "goodput", repetition: index),
            status: status,
            start: Date(timeIntervalSince1970: 0),
            duration: 1,
            value: value
        )
    }

    @Test func meanAndSampleStandardDeviationLikePython() {
        // statistics.mean([9000, 9500, 10000]) == 9500, statistics.stdev(...) == 500
        let summary = MeasurementSummary(
            repetitions: [
                repetition(3, .succeeded, 10000), repetition(1, .succeeded, 9000), repetition(2, .succeeded, 9500),
            ],
            unit: "kbps"
        )
        #expect(summary.values == [9000, 9500, 10000])
        #expect(summary.mean == 9500)
        #expect(summary.standardDeviation == 500)
        #expect(summary.details == "9500 (± 500) kbps")
    }

    @Test func roundsHalfToEvenAsPythonFormat() {
        // "{:.0f}".format(2.5) == "2", "{:.0f}".format(3.5) == "4"
        let summary = MeasurementSummary(
            repetitions: [repetition(1, .succeeded, 2), repetition(2, .succeeded, 3)],
            unit: "kbps"
        )
        #expect(summary.mean == 2.5)
        #expect(summary.details.hasPrefix("2 (± 1) "))
    }

    @Test func firstNonSuccessDecidesAndDetailsAreEmpty() {
        let summary = MeasurementSummary(
            repetitions: [repetition(1, .succeeded, 5), repetition(2, .timeout, nil)],
            unit: "kbps"
        )
        #expect(summary.status == .timeout)
        #expect(summary.details == "")
    }
}
