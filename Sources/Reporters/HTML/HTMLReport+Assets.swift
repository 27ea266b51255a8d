import Results

/// The page's inline style sheet and script: no external resource, so the page needs no network.
extension HTMLReport {
    static let assetsCSS = """
        \(HTMLPage.baseCSS)
        #run{display:flex;flex-wrap:wrap;gap:4px 18px;margin:0 0 8px}
        #run div{display:flex;gap:6px}
        #run dt{font-weight:600;color:#495057}
        #run dd{margin:0}
        fieldset.filter{border:1px solid var(--line);border-radius:4px;margin:4px 0;padding:2px 6px}
        fieldset.filter legend{font-weight:600;font-size:12px;color:#495057}
        button{font:inherit;cursor:pointer}
        button.toggle{border:1px solid #adb5bd;background:#e9ecef;border-radius:3px;margin:2px;padding:1px 7px}
        button.toggle[aria-pressed=false]{background:#fff;color:#adb5bd;text-decoration:line-through}
        .search{margin:6px 0}
        #search{width:22em;max-width:100%;padding:2px 6px}
        table{border-collapse:collapse}
        table.matrix th,table.matrix td{border:1px solid var(--line);padding:3px;vertical-align:top}
        table.matrix thead th{background:#f8f9fa;position:sticky;top:0}
        table.matrix tbody th{background:#f8f9fa;text-align:left;white-space:nowrap}
        table.matrix td{min-width:5em;max-width:22em}
        .job{display:inline-block;border:0;border-radius:3px;color:#fff;font-size:12px;line-height:1.5;margin:1px;padding:0 5px}
        .s-succeeded{background:var(--ok)}
        .s-unsupported{background:var(--unsupported)}
        .s-failed{background:var(--failed)}
        .s-timeout{background:var(--timeout)}
        .s-error{background:var(--error)}
        .s-not-compliant{background:var(--failed);outline:2px dashed #fff;outline-offset:-3px}
        .job.flaky{box-shadow:inset 0 0 0 2px #f0ad4e}
        .job .badge{margin-left:3px;font-weight:700}
        .legend .job{cursor:default}
        table.tests td,table.tests th{border-bottom:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}
        .abbr{font-weight:600;font-family:ui-monospace,monospace}
        [hidden]{display:none!important}
        #detail{position:fixed;right:12px;bottom:12px;width:min(560px,calc(100% - 24px));max-height:70vh;overflow:auto;
        background:#fff;border:1px solid #adb5bd;border-radius:6px;box-shadow:0 4px 16px rgba(0,0,0,.2);padding:10px 14px}
        #detail-close{float:right;border:0;background:none;font-size:20px;line-height:1}
        #detail h3{margin:0 0 6px;font-size:16px}
        #detail pre{white-space:pre-wrap;word-break:break-word;background:#f8f9fa;padding:6px;margin:4px 0}
        #detail ul{padding-left:18px;margin:4px 0}
        #detail table td,#detail table th{border-bottom:1px solid var(--line);padding:2px 6px;text-align:left}
        #detail details{margin:4px 0}
        #detail summary{cursor:pointer;font-weight:600}
        #detail code{background:#f8f9fa;padding:1px 4px;word-break:break-all}
        .p-required{box-shadow:inset 0 -3px 0 #212529}
        .p-known-failure{opacity:.55;text-decoration:line-through}
        table.diff td{max-width:40em}
        """

    static let assetsJS = """
        (function () {
          "use strict";
          var data = JSON.parse(document.getElementById("report-data").textContent);
          var kinds = ["client", "server", "test"];
          var files = [["output.txt", "output.txt"], ["server output", "server.out.txt"],
            ["client output", "client.out.txt"], ["server log folder", "server/"], ["client log folder", "client/"],
            ["simulator folder", "sim/"]];
          var traces = [["pcap (client side)", "sim/\(SimulatorCapture.clientSide)"],
            ["pcap (server side)", "sim/\(SimulatorCapture.serverSide)"], ["server key log", "server/keys.log"],
            ["client key log", "client/keys.log"], ["server qlogs", "server/qlog/"], ["client qlogs", "client/qlog/"]];

          \(HTMLPage.hashStateJS)

          function readState() {
            var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
            var state = { q: params.get("q") || "", job: params.get("job") };
            kinds.forEach(function (kind) { state[kind] = listParam(params, kind); });
            return state;
          }

          function writeState(state) {
            var params = new URLSearchParams();
            kinds.forEach(function (kind) { if (state[kind] !== null) params.set(kind, state[kind].join(",")); });
            if (state.q) params.set("q", state.q);
            if (state.job !== null && state.job !== undefined) params.set("job", state.job);
            replaceHash(params);
          }

          function searchText(entry) {
            var test = data.tests[entry.test];
            var text = [data.servers[entry.server], data.clients[entry.client], test.name, test.abbr, entry.status,
              entry.reason || "", entry.policy || ""];
            if (entry.flaky) text.push("flaky");
            (entry.repetitions || []).forEach(function (rep) { text.push(rep.status, rep.reason || ""); });
            (entry.attempts || []).forEach(function (attempt) { text.push(attempt.status, attempt.reason || ""); });
            return text.join("\\n").toLowerCase();
          }

          function keepsTraces(status) {
            return data.traces === "all" || (data.traces === "failed" && status !== "succeeded");
          }

          function apply(state) {
            document.querySelectorAll("button.toggle").forEach(function (button) {
              var on = selected(state[button.dataset.kind], button.dataset.name);
              button.setAttribute("aria-pressed", on ? "true" : "false");
            });
            document.querySelectorAll("tr[data-client]").forEach(function (row) {
              row.hidden = !selected(state.client, row.dataset.client);
            });
            document.querySelectorAll("th[data-server],td[data-server]").forEach(function (cell) {
              cell.hidden = !selected(state.server, cell.dataset.server);
            });
            document.querySelectorAll("tr[data-test]").forEach(function (row) {
              row.hidden = !selected(state.test, row.dataset.test);
            });
            var query = state.q.toLowerCase();
            document.querySelectorAll("button.job").forEach(function (button) {
              var entry = data.entries[Number(button.dataset.e)];
              button.hidden = !selected(state.test, button.dataset.test) ||
                (query !== "" && searchText(entry).indexOf(query) < 0);
            });
            var search = document.getElementById("search");
            if (search.value !== state.q) search.value = state.q;
            var entry = state.job === null ? undefined : data.entries[Number(state.job)];
            if (entry) showDetail(entry); else document.getElementById("detail").hidden = true;
          }

          function toggle(kind, name) {
            var state = readState();
            var all = Array.prototype.map.call(
              document.querySelectorAll("button.toggle[data-kind=\\"" + kind + "\\"]"),
              function (button) { return button.dataset.name; });
            var list = state[kind] === null ? all.slice() : state[kind].slice();
            var at = list.indexOf(name);
            if (at >= 0) list.splice(at, 1); else list.push(name);
            state[kind] = all.every(function (x) { return list.indexOf(x) >= 0; }) ? null : list;
            writeState(state);
            apply(state);
          }

          function logHref(path) {
            return data.logBase + path.map(encodeURIComponent).join("/");
          }

          function element(tag, text, className) {
            var node = document.createElement(tag);
            if (text !== undefined && text !== null) node.textContent = String(text);
            if (className) node.className = className;
            return node;
          }

          function linkList(folder, status) {
            var list = element("ul");
            files.concat(keepsTraces(status) ? traces : []).forEach(function (file) {
              var item = element("li");
              var link = element("a", file[0]);
              link.setAttribute("href", logHref(folder) + "/" + file[1]);
              item.appendChild(link);
              list.appendChild(item);
            });
            return list;
          }

          function fileHref(path) {
            return data.logBase + path.split("/").map(encodeURIComponent).join("/");
          }

          function folded(title, text) {
            var box = element("details");
            box.appendChild(element("summary", title));
            box.appendChild(element("pre", text));
            return box;
          }

          function showFailure(body, failure) {
            var facts = element("p", "seed " + (failure.seed === null ? "unknown" : failure.seed) + "; rerun: ");
            facts.appendChild(element("code", failure.rerun, "rerun"));
            body.appendChild(facts);
            if (failure.detail !== null) body.appendChild(folded("What the runner added", failure.detail));
            if (failure.serverOutput !== null) body.appendChild(folded("Server output, last lines", failure.serverOutput));
            if (failure.clientOutput !== null) body.appendChild(folded("Client output, last lines", failure.clientOutput));
            var list = element("ul", null, "evidence");
            failure.files.forEach(function (path) {
              var item = element("li");
              var link = element("a", path);
              link.setAttribute("href", fileHref(path));
              item.appendChild(link);
              list.appendChild(item);
            });
            body.appendChild(element("p", "Logs and captures of this job:"));
            body.appendChild(list);
          }

          function showDetail(entry) {
            var server = data.servers[entry.server], client = data.clients[entry.client], test = data.tests[entry.test];
            var body = document.getElementById("detail-body");
            body.textContent = "";
            body.appendChild(element("h3", test.name + " (" + test.abbr + ")"));
            body.appendChild(element("p", "server " + server + ", client " + client));
            if (test.desc) body.appendChild(element("p", test.desc));
            var facts = element("p");
            facts.appendChild(element("span", entry.status, "job s-" + entry.status));
            if (entry.flaky) facts.appendChild(element("span", "↻ flaky", "job s-succeeded flaky"));
            facts.appendChild(document.createTextNode(" in " + entry.duration.toFixed(3) + " s" +
              (entry.start ? ", started " + entry.start : "") + (entry.details ? ": " + entry.details : "")));
            body.appendChild(facts);
            if (entry.policy === "required") body.appendChild(element("p", "Required by the policy: it must succeed."));
            if (entry.known) {
              var known = element("p", "Known failure (does not fail the run): " + entry.known.reason);
              if (entry.known.link && /^https?:\\/\\//.test(entry.known.link)) {
                var issue = element("a", entry.known.link);
                issue.setAttribute("href", entry.known.link);
                issue.setAttribute("rel", "noreferrer");
                known.appendChild(document.createTextNode(" "));
                known.appendChild(issue);
              }
              body.appendChild(known);
            }
            if (entry.reason) body.appendChild(element("pre", entry.reason));
            if (entry.failure) showFailure(body, entry.failure);
            var folder = [server + "_" + client, test.name];
            if (entry.repetitions) {
              var table = element("table");
              var head = element("tr");
              ["#", "status", "value", "duration", "reason", "logs"].forEach(function (label) {
                head.appendChild(element("th", label));
              });
              table.appendChild(head);
              var failing = null;
              entry.repetitions.forEach(function (rep) {
                var row = element("tr");
                row.appendChild(element("td", rep.repetition));
                var status = element("td");
                status.appendChild(element("span", rep.status, "job s-" + rep.status));
                row.appendChild(status);
                row.appendChild(element("td", rep.value === null ? "" : rep.value));
                row.appendChild(element("td", rep.duration.toFixed(3) + " s"));
                row.appendChild(element("td", rep.reason || ""));
                var logs = element("td");
                var link = element("a", "output.txt");
                link.setAttribute("href", logHref(folder.concat([String(rep.repetition)])) + "/output.txt");
                logs.appendChild(link);
                row.appendChild(logs);
                table.appendChild(row);
                if (rep.failure && failing === null) failing = rep;
              });
              body.appendChild(table);
              if (failing !== null) {
                body.appendChild(element("p", "Repetition " + failing.repetition + ":"));
                showFailure(body, failing.failure);
              }
              body.appendChild(element("p", "Logs of repetition 1:"));
              body.appendChild(linkList(folder.concat(["1"]), entry.repetitions[0].status));
            } else {
              body.appendChild(linkList(folder, entry.status));
            }
            if (entry.attempts) {
              body.appendChild(element("p", "Earlier runs of this job (" + (entry.attempts.length + 1) +
                " in all; the last is the one above):"));
              var runs = element("table");
              var header = element("tr");
              ["#", "status", "duration", "seed", "reason", "logs"].forEach(function (label) {
                header.appendChild(element("th", label));
              });
              runs.appendChild(header);
              entry.attempts.forEach(function (attempt) {
                var row = element("tr");
                row.appendChild(element("td", attempt.number));
                var status = element("td");
                status.appendChild(element("span", attempt.status, "job s-" + attempt.status));
                row.appendChild(status);
                row.appendChild(element("td", attempt.duration.toFixed(3) + " s"));
                row.appendChild(element("td", attempt.seed === null ? "" : attempt.seed));
                row.appendChild(element("td", attempt.reason || ""));
                var logs = element("td");
                var link = element("a", "attempt-" + attempt.number + "/");
                link.setAttribute("href", logHref(folder.concat(["attempt-" + attempt.number])) + "/output.txt");
                logs.appendChild(link);
                row.appendChild(logs);
                runs.appendChild(row);
              });
              body.appendChild(runs);
            }
            document.getElementById("detail").hidden = false;
          }

          document.getElementById("filters").addEventListener("click", function (event) {
            var button = event.target.closest("button.toggle");
            if (button) toggle(button.dataset.kind, button.dataset.name);
          });
          document.querySelector("main").addEventListener("click", function (event) {
            var button = event.target.closest("button.job");
            if (!button) return;
            var state = readState();
            state.job = button.dataset.e;
            writeState(state);
            apply(state);
          });
          document.getElementById("detail-close").addEventListener("click", function () {
            var state = readState();
            state.job = null;
            writeState(state);
            apply(state);
          });
          document.getElementById("search").addEventListener("input", function (event) {
            var state = readState();
            state.q = event.target.value;
            writeState(state);
            apply(state);
          });
          document.getElementById("reset").addEventListener("click", function () {
            var state = { client: null, server: null, test: null, q: "", job: null };
            writeState(state);
            apply(state);
          });
          window.addEventListener("hashchange", function () { apply(readState()); });
          apply(readState());
        })();
        """
}
