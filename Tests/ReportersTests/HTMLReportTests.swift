import Foundation
import Results
import Testing

@testable import Reporters

/// The HTML report rendered by Debian's headless Chromium: filters from the URL, the detail panel, escaping.
@Suite(.serialized) struct HTMLReportTests {
    private static let chromium = "/usr/bin/chromium"

    /// Writes `run`'s page into a fresh directory (beside a `logs` folder) and returns the page's file URL.
    private func page(_ run: RunResult) throws -> (directory: URL, page: URL) {
        let directory = try Fixtures.temporaryDirectory("html")
        let reports = directory.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        let page = reports.appendingPathComponent("index.html")
        try Data(HTMLReport.render(run, logBase: "../logs/").utf8).write(to: page)
        return (directory, page)
    }

    /// The DOM after the page's script ran, for `page` with `fragment` in the URL.
    private func dom(_ page: URL, fragment: String, profile: URL) throws -> String {
        let output = try Fixtures.run(
            Self.chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--user-data-dir=\(profile.path)",
                "--dump-dom", page.absoluteString + (fragment.isEmpty ? "" : "#" + fragment),
            ]
        )
        #expect(output.status == 0, "chromium: \(output.stderr)")
        return output.text
    }

    @Test(.timeLimit(.minutes(3))) func filtersFromTheURLHideRowsColumnsAndTests() throws {
        guard Fixtures.requireFile(Self.chromium, "ci/packages/reporters.apt installs chromium") else { return }
        let (directory, page) = try page(Fixtures.sample)
        defer { try? FileManager.default.removeItem(at: directory) }
        let profile = directory.appendingPathComponent("profile")

        let all = try dom(page, fragment: "", profile: profile)
        #expect(
            Fixtures.tags(all, containing: "hidden").filter { $0.hasPrefix("tr ") || $0.hasPrefix("button") }.isEmpty)
        #expect(Fixtures.tags(all, containing: "class=\"job s-").filter { $0.hasPrefix("button") }.count == 19)

        let filtered = try dom(page, fragment: "client=lsquic&server=ngtcp2&test=H,DC", profile: profile)
        #expect(Fixtures.tags(filtered, containing: "data-client=\"quic-go\"").allSatisfy { $0.contains("hidden") })
        #expect(Fixtures.tags(filtered, containing: "data-client=\"lsquic\"").allSatisfy { !$0.contains("hidden") })
        #expect(Fixtures.tags(filtered, containing: "td data-server=\"quic-go\"").allSatisfy { $0.contains("hidden") })
        #expect(Fixtures.tags(filtered, containing: "td data-server=\"ngtcp2\"").allSatisfy { !$0.contains("hidden") })
        let jobs = Fixtures.tags(filtered, containing: "class=\"job s-").filter { $0.hasPrefix("button") }
        #expect(jobs.filter { $0.contains("data-test=\"S\"") }.allSatisfy { $0.contains("hidden") })
        #expect(jobs.filter { $0.contains("data-test=\"H\"") }.allSatisfy { !$0.contains("hidden") })
        let pressed = Fixtures.tags(filtered, containing: "data-kind=\"client\"")
        #expect(pressed.first { $0.contains("data-name=\"quic-go\"") }?.contains("aria-pressed=\"false\"") == true)
        #expect(pressed.first { $0.contains("data-name=\"lsquic\"") }?.contains("aria-pressed=\"true\"") == true)

        let searched = try dom(page, fragment: "q=timed%20out", profile: profile)
        let visible = Fixtures.tags(searched, containing: "class=\"job s-").filter {
            $0.hasPrefix("button") && !$0.contains("hidden")
        }
        #expect(visible.count == 1)
        #expect(visible.first?.contains("s-timeout") == true)
        #expect(searched.contains("value=\"timed out\"") || searched.contains("id=\"search\""))
    }

    @Test(.timeLimit(.minutes(3))) func clicksAndTypingUpdateTheFiltersAndTheURL() throws {
        guard Fixtures.requireFile(Self.chromium, "ci/packages/reporters.apt installs chromium") else { return }
        let (directory, page) = try page(Fixtures.sample)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Drive the page as a user would, then record the URL fragment where --dump-dom shows it.
        let driver = """
            <script>
            document.querySelector('button.toggle[data-kind="server"][data-name="quic-go"]').click();
            document.querySelector('button.toggle[data-kind="test"][data-name="R"]').click();
            var search = document.getElementById("search");
            search.value = "lsquic";
            search.dispatchEvent(new Event("input"));
            document.querySelector('tr[data-client="lsquic"] button.job[data-test="DC"].s-succeeded').click();
            document.body.setAttribute("data-fragment", window.location.hash);
            </script>
            </body>
            """
        let html = try String(contentsOf: page, encoding: .utf8).replacingOccurrences(of: "</body>", with: driver)
        try Data(html.utf8).write(to: page)
        let result = try dom(page, fragment: "", profile: directory.appendingPathComponent("profile"))
        let body = try #require(Fixtures.tags(result, containing: "data-fragment=").first)
        #expect(body.contains("data-fragment=\"#server=ngtcp2&amp;test=H%2CDC%2CS%2CG%2CC&amp;q=lsquic&amp;job="))
        #expect(Fixtures.tags(result, containing: "td data-server=\"quic-go\"").allSatisfy { $0.contains("hidden") })
        let jobs = Fixtures.tags(result, containing: "class=\"job s-").filter { $0.hasPrefix("button") }
        #expect(jobs.filter { $0.contains("data-test=\"R\"") }.allSatisfy { $0.contains("hidden") })
        // The search keeps the jobs that mention lsquic (its row, less the deselected R), nothing of the other client.
        let visible = jobs.filter { !$0.contains("hidden") }
        #expect(visible.count == 8)
        #expect(!result.contains("<aside id=\"detail\" hidden"))
        #expect(result.contains("server ngtcp2, client lsquic"))
    }

    @Test(.timeLimit(.minutes(3))) func detailPanelShowsStatusReasonAndRelativeLogLinks() throws {
        guard Fixtures.requireFile(Self.chromium, "ci/packages/reporters.apt installs chromium") else { return }
        let (directory, page) = try page(Fixtures.sample)
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = try String(contentsOf: page, encoding: .utf8)
        // The failed transfer of server quic-go and client lsquic.
        let button = try #require(Fixtures.tags(html, containing: "s-failed").first { $0.contains("data-test=\"DC\"") })
        let entry = try #require(button.components(separatedBy: "data-e=\"").last?.prefix { $0.isNumber })
        let shown = try dom(page, fragment: "job=\(entry)", profile: directory.appendingPathComponent("profile"))
        let panel = try #require(shown.components(separatedBy: "<aside id=\"detail\"").last)
        #expect(!panel.hasPrefix(" hidden"))
        #expect(panel.contains("transfer (DC)"))
        #expect(panel.contains("server quic-go, client lsquic"))
        #expect(panel.contains("Stream data is being sent and received correctly."))
        #expect(panel.contains("<span class=\"job s-failed\">failed</span> in 3.000 s"))
        #expect(panel.contains("expected 3 files, got 2 — “missing” café 🙂"))
        #expect(panel.contains("href=\"../logs/quic-go_lsquic/transfer/output.txt\""))
        #expect(panel.contains("href=\"../logs/quic-go_lsquic/transfer/sim/\(SimulatorCapture.clientSide)\""))
        #expect(panel.contains("href=\"../logs/quic-go_lsquic/transfer/client/keys.log\""))
        #expect(panel.contains("href=\"../logs/quic-go_lsquic/transfer/server/qlog/\""))
        // The failure's detail: the rerun command, the seed, both outputs folded, the job's files.
        #expect(
            panel.contains("<code class=\"rerun\">interop-runner -s quic-go -c lsquic -t transfer --seed 42</code>"))
        #expect(panel.contains("seed 1020; rerun: "))
        #expect(
            panel.contains(
                "<details><summary>Client output, last lines</summary><pre>downloaded 2 of 3 files\nerror: stream reset</pre></details>"
            ))
        #expect(panel.contains("<ul class=\"evidence\"><li><a href=\"../logs/quic-go_lsquic/transfer/output.txt\">"))

        let measurement = try #require(
            Fixtures.tags(html, containing: "data-test=\"G\"").first { $0.contains("s-failed") })
        let measurementEntry = try #require(
            measurement.components(separatedBy: "data-e=\"").last?.prefix { $0.isNumber })
        let repetitions = try dom(
            page, fragment: "job=\(measurementEntry)", profile: directory.appendingPathComponent("profile"))
        #expect(repetitions.contains("href=\"../logs/ngtcp2_quic-go/goodput/2/output.txt\""))
        #expect(repetitions.contains("goodput check: 2 files missing"))
    }

    @Test(.timeLimit(.minutes(3))) func hostileNamesAndReasonsAreEscaped() throws {
        guard Fixtures.requireFile(Self.chromium, "ci/packages/reporters.apt installs chromium") else { return }
        let (directory, page) = try page(Fixtures.hostile)
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(!html.contains(Fixtures.hostileName))
        #expect(!html.contains("<img"))
        #expect(!html.contains("href=\"javascript:"))
        let failed = try #require(Fixtures.tags(html, containing: "s-failed").first { $0.contains("data-test=\"DC\"") })
        let entry = try #require(failed.components(separatedBy: "data-e=\"").last?.prefix { $0.isNumber })
        let shown = try dom(page, fragment: "job=\(entry)", profile: directory.appendingPathComponent("profile"))
        #expect(shown.contains("<title>QUIC interop run</title>"))
        #expect(!shown.contains("<img"))
        #expect(!shown.contains("<script>alert(1)</script>"))
        #expect(shown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(shown.contains("&lt;/script&gt;&lt;script&gt;document.title='pwned'&lt;/script&gt;&lt;img"))
        // The detail of a job of the hostile server: its name is a path segment, percent-encoded.
        let hostileJob = try #require(
            Fixtures.tags(html, containing: "s-failed").first { $0.contains("data-test=\"S\"") })
        let hostileEntry = try #require(hostileJob.components(separatedBy: "data-e=\"").last?.prefix { $0.isNumber })
        let hostileDOM = try dom(
            page, fragment: "job=\(hostileEntry)", profile: directory.appendingPathComponent("profile"))
        #expect(hostileDOM.contains("href=\"../logs/%3Cscript%3Ealert(1)%3C%2Fscript%3E_quic-go/retry/output.txt\""))
    }

    @Test(.timeLimit(.minutes(3))) func screenshotRendersWithoutNetwork() throws {
        guard Fixtures.requireFile(Self.chromium, "ci/packages/reporters.apt installs chromium") else { return }
        let (directory, page) = try page(Fixtures.sample)
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        for reference in [" src=", "<link", "url(", "@import", "http-equiv=\"refresh\""] {
            #expect(!html.contains(reference), "\(reference)")
        }
        let screenshot =
            ProcessInfo.processInfo.environment["REPORTERS_SCREENSHOT"].map(URL.init(fileURLWithPath:))
            ?? directory.appendingPathComponent("report.png")
        let output = try Fixtures.run(
            Self.chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--hide-scrollbars",
                "--user-data-dir=\(directory.appendingPathComponent("profile").path)", "--window-size=1280,900",
                "--screenshot=\(screenshot.path)", page.absoluteString + "#job=5",
            ]
        )
        #expect(output.status == 0, "chromium: \(output.stderr)")
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 20_000, "a blank page compresses to a few KiB")
    }
}

extension HTMLReportTests {
    /// A flaky job wears ↻ and its panel lists its earlier runs with links to their folders; a succeeded job's panel
    /// offers no trace when traces were kept for failed jobs only, a failed one's does; the header gives the
    /// archive's size and why the run is incomplete.
    @Test(.timeLimit(.minutes(3))) func flakyJobsAndKeptTraces() throws {
        guard Fixtures.requireFile(Self.chromium, "ci/packages/reporters.apt installs chromium") else { return }
        let (directory, page) = try page(Fixtures.retried)
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("<dt>Flaky</dt><dd>1 (failed, then succeeded when run again)</dd>"))
        #expect(html.contains("<dt>Archive</dt><dd>logs.zip, 42.1 MB</dd>"))
        #expect(html.contains("<dt>Incomplete</dt><dd>the deadline of 45m came first: 1 of 28 jobs did not run</dd>"))
        let flaky = try #require(
            Fixtures.tags(html, containing: "s-succeeded flaky").first { $0.contains("data-test=\"H\"") })
        #expect(html.contains(">H<span class=\"badge\">↻</span></button>"))
        let entry = try #require(flaky.components(separatedBy: "data-e=\"").last?.prefix { $0.isNumber })
        let shown = try dom(page, fragment: "job=\(entry)", profile: directory.appendingPathComponent("profile"))
        let panel = try #require(
            shown.components(separatedBy: "<aside id=\"detail\"").last?.components(separatedBy: "</aside>").first)
        #expect(panel.contains("<span class=\"job s-succeeded flaky\">↻ flaky</span>"))
        #expect(panel.contains("Earlier runs of this job (2 in all; the last is the one above):"))
        #expect(panel.contains("client exited with code 1"))
        #expect(panel.contains("href=\"../logs/quic-go_quic-go/handshake/attempt-1/output.txt\""))
        #expect(panel.contains("href=\"../logs/quic-go_quic-go/handshake/output.txt\""))
        #expect(!panel.contains(".pcap"), "a succeeded job kept no trace")

        let failed = try #require(Fixtures.tags(html, containing: "s-failed").first { $0.contains("data-test=\"DC\"") })
        let failedEntry = try #require(failed.components(separatedBy: "data-e=\"").last?.prefix { $0.isNumber })
        let failedPanel = try dom(
            page, fragment: "job=\(failedEntry)", profile: directory.appendingPathComponent("profile"))
        #expect(failedPanel.contains("href=\"../logs/quic-go_lsquic/transfer/sim/trace_node_left.pcap\""))
    }
}
