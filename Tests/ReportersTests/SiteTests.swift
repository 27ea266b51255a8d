import Foundation
import Results
import Testing

@testable import Reporters

/// The results site in Debian's headless Chromium: the run selector, the protocol tabs, the filters kept in the
/// URL, the counts per test, the links into each run's logs and the per-cell history; and each run's data read
/// with upstream's keys and indexing.
@Suite(.serialized) struct SiteTests {
    private static let chromium = "/usr/bin/chromium"

    /// Three QUIC runs (the sample, then one in which a cell breaks, then one in which it is fixed again) and one
    /// WebTransport run.
    static var runs: [SiteRun] {
        let first = Fixtures.sample
        var second = first
        second.start = first.start.addingTimeInterval(86_400)
        var third = second
        third.start = second.start.addingTimeInterval(86_400)
        let handshake = JobID(server: "quic-go", client: "quic-go", test: "handshake")
        for index in second.jobs.indices where second.jobs[index].id == handshake {
            second.jobs[index].status = .failed
            second.jobs[index].reason = "no handshake"
        }
        var webTransport = first
        webTransport.protocolKind = .webtransport
        webTransport.tests = [Fixtures.tests[0]]
        webTransport.measurements = []
        webTransport.jobs = first.jobs.filter { $0.id.test == "handshake" }
        return [
            SiteRun(name: "run-3", result: third, report: "../runs/run-3/index.html", logs: "../runs/run-3/logs/"),
            SiteRun(name: "run-1", result: first, report: "../runs/run-1/index.html", logs: "../runs/run-1/logs/"),
            SiteRun(name: "run-2", result: second, report: nil, logs: "../runs/run-2/logs/"),
            SiteRun(name: "wt-1", result: webTransport),
        ]
    }

    private func site() throws -> (directory: URL, page: URL) {
        let directory = try Fixtures.temporaryDirectory("site")
        let page = try ResultsSite.write(Self.runs, to: directory.appendingPathComponent("site"))
        return (directory, page)
    }

    private func dom(_ page: URL, fragment: String, profile: URL, screenshot: URL? = nil) throws -> String {
        var arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--user-data-dir=\(profile.path)",
        ]
        if let screenshot {
            arguments += ["--hide-scrollbars", "--window-size=1280,1000", "--screenshot=\(screenshot.path)"]
        } else {
            arguments.append("--dump-dom")
        }
        arguments.append(page.absoluteString + (fragment.isEmpty ? "" : "#" + fragment))
        let output = try Fixtures.run(Self.chromium, arguments)
        #expect(output.status == 0, "chromium: \(output.stderr)")
        return output.text
    }

    @Test func historiesSayWhenACellLastChangedAndWhetherItIsFlaky() throws {
        let quic = Self.runs.filter { $0.result.protocolKind == .quic }.map(\.result).sorted { $0.start < $1.start }
        let histories = CellHistory.histories(quic)
        let handshake = try #require(
            histories.first { $0.key == MatrixCell.Key(server: "quic-go", client: "quic-go", test: "handshake") })
        #expect(handshake.statuses == [.succeeded, .failed, .succeeded])
        #expect(handshake.lastChange == 2 && handshake.isFlaky)
        let transfer = histories.first {
            $0.key == MatrixCell.Key(server: "quic-go", client: "quic-go", test: "transfer")
        }
        #expect(transfer?.lastChange == nil && transfer?.isFlaky == false)
    }

    @Test(.timeLimit(.minutes(3))) func newestRunIsShownWithCountsLinksAndHistory() throws {
        guard Fixtures.requireFile(Self.chromium, "ci/packages/reporters.apt installs chromium") else { return }
        let (directory, page) = try site()
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        for reference in [" src=", "<link", "url(", "@import"] { #expect(!html.contains(reference), "\(reference)") }

        let shown = try dom(page, fragment: "", profile: directory.appendingPathComponent("profile"))
        #expect(Fixtures.tags(shown, containing: "data-rendered=").first?.contains("data-rendered=\"run-3\"") == true)
        // Tabs for both protocols, QUIC selected; the selector lists the QUIC runs newest first.
        #expect(
            Fixtures.tags(shown, containing: "data-protocol=\"quic\"").first?.contains("aria-selected=\"true\"") == true
        )
        #expect(
            Fixtures.tags(shown, containing: "data-protocol=\"webtransport\"").first?.contains(
                "aria-selected=\"false\"") == true
        )
        let options = Fixtures.tags(shown, containing: "option value=").filter {
            $0.hasPrefix("option ") && !$0.contains("esc(")
        }.map { $0.components(separatedBy: "\"")[1] }
        #expect(options == ["run-3", "run-2", "run-1"])
        // A failed cell links into its run's logs, relative to the site; an unsupported one does not.
        #expect(shown.contains("href=\"../runs/run-3/logs/quic-go_lsquic/transfer/\""))
        #expect(Fixtures.tags(shown, containing: "s-unsupported").allSatisfy { !$0.contains("href=") })
        #expect(shown.contains("href=\"../runs/run-3/index.html\""))
        // The handshake of quic-go × quic-go changed in this run and is flaky across the three.
        let handshake = Fixtures.tags(shown, containing: "s-succeeded changed flaky")
        #expect(handshake.count == 1 && handshake.first?.contains("data-test=\"H\"") == true, "\(handshake)")
        let history = Fixtures.tags(
            shown, containing: "tr data-server=\"quic-go\" data-client=\"quic-go\" data-test=\"handshake\"")
        #expect(history.count == 1)
        // Counts per test: H has 2 succeeded, 1 unsupported, 0 failed among the four cells of run-3.
        let counts = try #require(shown.components(separatedBy: "data-name=\"H\"").dropFirst().first)
        #expect(
            counts.contains(
                "<span class=\"count s-succeeded\">3</span><span class=\"count s-unsupported\">1</span><span class=\"count s-failed\">0</span>"
            ), "\(counts.prefix(400))")
    }

    @Test(.timeLimit(.minutes(3))) func filtersAndTheRunComeFromTheURL() throws {
        guard Fixtures.requireFile(Self.chromium, "ci/packages/reporters.apt installs chromium") else { return }
        let (directory, page) = try site()
        defer { try? FileManager.default.removeItem(at: directory) }
        let profile = directory.appendingPathComponent("profile")
        let filtered = try dom(page, fragment: "run=run-2&client=lsquic&server=ngtcp2&test=H,DC", profile: profile)
        #expect(Fixtures.tags(filtered, containing: "data-rendered=").first?.contains("\"run-2\"") == true)
        #expect(Fixtures.tags(filtered, containing: "tr data-client=\"quic-go\"").allSatisfy { $0.contains("hidden") })
        #expect(Fixtures.tags(filtered, containing: "td data-server=\"quic-go\"").allSatisfy { $0.contains("hidden") })
        #expect(
            Fixtures.tags(filtered, containing: "data-test=\"S\"").filter {
                $0.hasPrefix("a ") || $0.hasPrefix("span ")
            }.isEmpty
        )
        #expect(
            Fixtures.tags(filtered, containing: "data-kind=\"client\" data-name=\"quic-go\"").first?.contains(
                "aria-pressed=\"false\"") == true)
        // Run 2 has no report of its own: no link to one.
        #expect(!filtered.contains("id=\"run-report\""))
        let webTransport = try dom(page, fragment: "protocol=webtransport", profile: profile)
        #expect(Fixtures.tags(webTransport, containing: "data-rendered=").first?.contains("\"wt-1\"") == true)
        #expect(
            Fixtures.tags(webTransport, containing: "id=\"measurements-section\"").first?.contains("hidden") == true)
        // A click on a filter updates the URL and the page.
        let driver = """
            <script>
            document.querySelector('button.toggle[data-kind="server"][data-name="ngtcp2"]').click();
            document.body.setAttribute("data-fragment", window.location.hash);
            </script>
            </body>
            """
        let html = try String(contentsOf: page, encoding: .utf8).replacingOccurrences(of: "</body>", with: driver)
        try Data(html.utf8).write(to: page)
        let clicked = try dom(page, fragment: "run=run-1", profile: profile)
        #expect(
            Fixtures.tags(clicked, containing: "data-fragment=").first?.contains("#run=run-1&amp;server=quic-go")
                == true)
        #expect(Fixtures.tags(clicked, containing: "td data-server=\"ngtcp2\"").allSatisfy { $0.contains("hidden") })
    }

    /// Each run's data is upstream's result.json document: the same keys and values a run's own result.json has
    /// (less our `interop_runner` member), and the page draws cell `results[ci * len(servers) + sj]` at row ci,
    /// column sj, as upstream's `fillInteropTable` does.
    @Test(.timeLimit(.minutes(3))) func runDataFollowsUpstreamsResultJSON() throws {
        guard Fixtures.requireFile(Self.chromium, "ci/packages/reporters.apt installs chromium") else { return }
        let (directory, page) = try site()
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = try String(contentsOf: page, encoding: .utf8)
        let start = try #require(html.range(of: "<script type=\"application/json\" id=\"site-data\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let data = try #require(
            try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any]
        )
        let runs = try #require(data["runs"] as? [[String: Any]])
        let newest = try #require(runs.first { $0["name"] as? String == "run-3" })
        let embedded = try #require(newest["result"] as? NSDictionary)
        let own = try #require(
            try JSONSerialization.jsonObject(with: Data(UpstreamResultJSON.render(Self.runs[0].result)))
                as? [String: Any])
        var upstream = own
        upstream.removeValue(forKey: "interop_runner")
        #expect(embedded == upstream as NSDictionary)
        let shown = try dom(page, fragment: "", profile: directory.appendingPathComponent("profile"))
        let servers = try #require(upstream["servers"] as? [String])
        let clients = try #require(upstream["clients"] as? [String])
        let results = try #require(upstream["results"] as? [[[String: Any]]])
        let rows = shown.components(separatedBy: "<tr data-client=").dropFirst().prefix(clients.count)
        for (ci, row) in rows.enumerated() {
            let cells = row.components(separatedBy: "<td data-server=").dropFirst()
            for (sj, cell) in cells.enumerated() where sj < servers.count {
                for item in results[ci * servers.count + sj] {
                    guard let abbr = item["abbr"] as? String, let result = item["result"] as? String else { continue }
                    #expect(
                        cell.contains("s-\(result)") && cell.contains("data-test=\"\(abbr)\""),
                        "\(clients[ci]) × \(servers[sj]) \(abbr)")
                }
            }
        }
    }

    @Test(.timeLimit(.minutes(3))) func screenshotShowsTheSite() throws {
        guard Fixtures.requireFile(Self.chromium, "ci/packages/reporters.apt installs chromium") else { return }
        let (directory, page) = try site()
        defer { try? FileManager.default.removeItem(at: directory) }
        let screenshot =
            ProcessInfo.processInfo.environment["REPORTERS_SITE_SCREENSHOT"].map(URL.init(fileURLWithPath:))
            ?? directory.appendingPathComponent("site.png")
        _ = try dom(page, fragment: "", profile: directory.appendingPathComponent("profile"), screenshot: screenshot)
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 20_000, "a blank page compresses to a few KiB")
    }
}
