/// The site's inline style sheet and script: no external resource, so the page needs no network.
extension ResultsSite {
    static let css = """
        \(HTMLPage.baseCSS)
        #protocols button{font:inherit;border:1px solid #adb5bd;background:#fff;border-radius:4px 4px 0 0;padding:3px 12px;cursor:pointer}
        #protocols button[aria-selected=true]{background:#343a40;color:#fff}
        #run-bar{margin:8px 0}
        #run-facts{color:#495057;margin-left:8px}
        fieldset.filter{border:1px solid var(--line);border-radius:4px;margin:4px 0;padding:2px 6px}
        fieldset.filter legend{font-weight:600;font-size:12px;color:#495057}
        button.toggle{font:inherit;cursor:pointer;border:1px solid #adb5bd;background:#e9ecef;border-radius:3px;margin:2px;padding:1px 7px}
        button.toggle[aria-pressed=false]{background:#fff;color:#adb5bd;text-decoration:line-through}
        .count{display:inline-block;min-width:1.6em;border-radius:3px;color:#fff;font-size:11px;margin-left:2px;text-align:center}
        table{border-collapse:collapse}
        table.matrix th,table.matrix td{border:1px solid var(--line);padding:3px;vertical-align:top}
        table.matrix thead th{background:#f8f9fa}
        table.matrix tbody th{background:#f8f9fa;text-align:left;white-space:nowrap}
        table.matrix td{min-width:5em;max-width:22em}
        .job{display:inline-block;border-radius:3px;color:#fff;font-size:12px;line-height:1.5;margin:1px;padding:0 5px;text-decoration:none}
        .s-succeeded{background:var(--ok)}
        .s-unsupported{background:var(--unsupported)}
        .s-failed{background:var(--failed)}
        .s-timeout{background:var(--timeout)}
        .s-error{background:var(--error)}
        .s-not-compliant{background:var(--failed);outline:2px dashed #fff;outline-offset:-3px}
        .s-none{background:#f1f3f5;color:#adb5bd}
        .changed{box-shadow:0 0 0 2px #ffc107}
        .flaky{background-image:repeating-linear-gradient(45deg,transparent 0 4px,rgba(255,255,255,.35) 4px 8px)}
        table.history td,table.history th{border-bottom:1px solid var(--line);padding:2px 6px;text-align:left}
        table.history .run{display:inline-block;width:10px;height:14px;margin:0 1px;border-radius:2px;vertical-align:middle}
        [hidden]{display:none!important}
        """

    static let script = """
        (function () {
          "use strict";
          var data = JSON.parse(document.getElementById("site-data").textContent);
          var kinds = ["client", "server", "test"];
          var letters = { s: "succeeded", u: "unsupported", f: "failed", t: "timeout", e: "error", n: "not-compliant" };
          var failing = { failed: true, timeout: true, "not-compliant": true };

          function esc(text) {
            return String(text).replace(/[&<>"']/g, function (c) {
              return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\\"": "&quot;", "'": "&#39;" }[c];
            });
          }

          \(HTMLPage.hashStateJS)

          function readState() {
            var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
            var state = { protocol: params.get("protocol"), run: params.get("run") };
            kinds.forEach(function (kind) { state[kind] = listParam(params, kind); });
            return state;
          }

          function writeState(state) {
            var params = new URLSearchParams();
            if (state.protocol) params.set("protocol", state.protocol);
            if (state.run) params.set("run", state.run);
            kinds.forEach(function (kind) { if (state[kind] !== null) params.set(kind, state[kind].join(",")); });
            replaceHash(params);
          }

          function protocolOf(state) {
            var names = Object.keys(data.protocols);
            return names.indexOf(state.protocol) >= 0 ? state.protocol : names[0];
          }

          function runOf(state, protocol) {
            var positions = data.protocols[protocol];
            for (var i = 0; i < positions.length; i++) {
              if (data.runs[positions[i]].name === state.run) return { run: data.runs[positions[i]], at: i };
            }
            return { run: data.runs[positions[positions.length - 1]], at: positions.length - 1 };
          }

          function statusOf(run, pair, item) {
            var override = run.statuses[String(pair)];
            if (override && override[item.abbr]) return override[item.abbr];
            return item.result === null ? "none" : item.result;
          }

          function logLink(run, server, client, test) {
            if (!run.logs) return null;
            return run.logs + [server + "_" + client, test].map(encodeURIComponent).join("/") + "/";
          }

          function historyIndex(protocol) {
            var index = {};
            data.histories[protocol].forEach(function (row) { index[row.server + "|" + row.client + "|" + row.test] = row; });
            return index;
          }

          function job(run, at, history, server, client, name, abbr, status, text) {
            var row = history[server + "|" + client + "|" + name];
            var classes = "job s-" + status;
            var title = name + ": " + status;
            if (row && row.changed === at) { classes += " changed"; title += " (changed in this run)"; }
            if (row && row.flaky) { classes += " flaky"; title += " (flaky)"; }
            var attributes = " class=\\"" + classes + "\\" data-test=\\"" + esc(abbr) + "\\" title=\\"" + esc(title) + "\\"";
            var href = status === "unsupported" || status === "none" ? null : logLink(run, server, client, name);
            return href ? "<a" + attributes + " href=\\"" + esc(href) + "\\">" + esc(text) + "</a>"
              : "<span" + attributes + ">" + esc(text) + "</span>";
          }

          function head(result) {
            return "<thead><tr><th>client \\\\ server</th>" + result.servers.map(function (server) {
              return "<th data-server=\\"" + esc(server) + "\\">" + esc(server) + "</th>";
            }).join("") + "</tr></thead>";
          }

          function matrix(run, at, history, state) {
            var result = run.result, html = head(result) + "<tbody>";
            result.clients.forEach(function (client, ci) {
              html += "<tr data-client=\\"" + esc(client) + "\\"" + (selected(state.client, client) ? "" : " hidden") +
                "><th>" + esc(client) + "</th>";
              result.servers.forEach(function (server, sj) {
                var pair = ci * result.servers.length + sj;
                html += "<td data-server=\\"" + esc(server) + "\\"" + (selected(state.server, server) ? "" : " hidden") + ">";
                ["succeeded", "unsupported", "failed", "timeout", "not-compliant", "error"].forEach(function (want) {
                  result.results[pair].forEach(function (item) {
                    var status = statusOf(run, pair, item);
                    if (status !== want || !selected(state.test, item.abbr)) return;
                    html += job(run, at, history, server, client, item.name, item.abbr, status, item.abbr);
                  });
                });
                html += "</td>";
              });
              html += "</tr>";
            });
            return html + "</tbody>";
          }

          function measurements(run, at, history, state) {
            var result = run.result, html = head(result) + "<tbody>", any = false;
            result.clients.forEach(function (client, ci) {
              html += "<tr data-client=\\"" + esc(client) + "\\"" + (selected(state.client, client) ? "" : " hidden") +
                "><th>" + esc(client) + "</th>";
              result.servers.forEach(function (server, sj) {
                html += "<td data-server=\\"" + esc(server) + "\\"" + (selected(state.server, server) ? "" : " hidden") + ">";
                (result.measurements[ci * result.servers.length + sj] || []).forEach(function (item) {
                  any = true;
                  if (!selected(state.test, item.abbr)) return;
                  var text = item.result === "succeeded" ? item.abbr + ": " + item.details : item.abbr;
                  html += job(run, at, history, server, client, item.name, item.abbr, item.result, text);
                });
                html += "</td>";
              });
              html += "</tr>";
            });
            return any ? html + "</tbody>" : "";
          }

          function counts(run, state, abbr) {
            var result = run.result, count = { succeeded: 0, unsupported: 0, failed: 0 };
            result.clients.forEach(function (client, ci) {
              if (!selected(state.client, client)) return;
              result.servers.forEach(function (server, sj) {
                if (!selected(state.server, server)) return;
                var pair = ci * result.servers.length + sj;
                result.results[pair].concat(result.measurements[pair] || []).forEach(function (item) {
                  if (item.abbr !== abbr) return;
                  var status = statusOf(run, pair, item);
                  if (failing[status]) count.failed += 1; else if (count[status] !== undefined) count[status] += 1;
                });
              });
            });
            return count;
          }

          function filters(run, state) {
            var result = run.result, html = "";
            [["client", "Clients", result.clients], ["server", "Servers", result.servers],
              ["test", "Tests", Object.keys(result.tests)]].forEach(function (group) {
              html += "<fieldset class=\\"filter\\" id=\\"filter-" + group[0] + "\\"><legend>" + group[1] + "</legend>";
              group[2].forEach(function (name) {
                var title = group[0] === "test" ? result.tests[name].name + ": " + result.tests[name].desc : name;
                html += "<button type=\\"button\\" class=\\"toggle\\" data-kind=\\"" + group[0] + "\\" data-name=\\"" + esc(name) +
                  "\\" title=\\"" + esc(title) + "\\" aria-pressed=\\"" + selected(state[group[0]], name) + "\\">" + esc(name);
                if (group[0] === "test") {
                  var count = counts(run, state, name);
                  html += " <span class=\\"count s-succeeded\\">" + count.succeeded + "</span><span class=\\"count s-unsupported\\">" +
                    count.unsupported + "</span><span class=\\"count s-failed\\">" + count.failed + "</span>";
                }
                html += "</button>";
              });
              html += "</fieldset>";
            });
            return html;
          }

          function historyTable(protocol, state) {
            var positions = data.protocols[protocol];
            var names = positions.map(function (p) { return data.runs[p].name; });
            var rows = data.histories[protocol].filter(function (row) {
              return (row.changed !== null || row.flaky) && selected(state.client, row.client) &&
                selected(state.server, row.server);
            });
            var html = "<thead><tr><th>server</th><th>client</th><th>test</th><th>runs</th><th>last changed</th>" +
              "<th>flaky</th></tr></thead><tbody>";
            rows.forEach(function (row) {
              html += "<tr data-server=\\"" + esc(row.server) + "\\" data-client=\\"" + esc(row.client) + "\\" data-test=\\"" +
                esc(row.test) + "\\"><td>" + esc(row.server) + "</td><td>" + esc(row.client) + "</td><td>" + esc(row.test) +
                "</td><td>";
              for (var i = 0; i < row.statuses.length; i++) {
                var status = letters[row.statuses[i]] || "none";
                html += "<span class=\\"run s-" + status + "\\" title=\\"" + esc(names[i] + ": " + status) + "\\"></span>";
              }
              html += "</td><td>" + (row.changed === null ? "" : esc(names[row.changed])) + "</td><td>" +
                (row.flaky ? "yes" : "") + "</td></tr>";
            });
            return html + "</tbody>";
          }

          function render(state) {
            var protocol = protocolOf(state);
            var found = runOf(state, protocol), run = found.run, history = historyIndex(protocol);
            document.getElementById("protocols").innerHTML = Object.keys(data.protocols).map(function (name) {
              return "<button type=\\"button\\" role=\\"tab\\" data-protocol=\\"" + name + "\\" aria-selected=\\"" +
                (name === protocol) + "\\">" + (name === "quic" ? "QUIC" : "WebTransport") + "</button>";
            }).join("");
            var select = document.getElementById("run-select");
            select.innerHTML = data.protocols[protocol].slice().reverse().map(function (position) {
              var candidate = data.runs[position];
              return "<option value=\\"" + esc(candidate.name) + "\\"" + (candidate === run ? " selected" : "") + ">" +
                esc(candidate.name + " (" + candidate.start + ")") + "</option>";
            }).join("");
            var facts = esc(run.start + ", " + run.duration + ", seed " + run.seed + ", runner " + run.runner + ": " +
              run.tally + ".");
            if (run.report) facts += " <a id=\\"run-report\\" href=\\"" + esc(run.report) + "\\">Report of this run</a>";
            if (run.logs) facts += " <a id=\\"run-logs\\" href=\\"" + esc(run.logs) + "\\">Logs</a>";
            document.getElementById("run-facts").innerHTML = facts;
            document.getElementById("filters").innerHTML = filters(run, state);
            document.getElementById("matrix").innerHTML = matrix(run, found.at, history, state);
            var table = measurements(run, found.at, history, state);
            document.getElementById("measurements").innerHTML = table;
            document.getElementById("measurements-section").hidden = table === "";
            document.getElementById("history").innerHTML = historyTable(protocol, state);
            document.body.setAttribute("data-rendered", run.name);
          }

          function update(change) {
            var state = readState();
            change(state);
            writeState(state);
            render(state);
          }

          document.getElementById("protocols").addEventListener("click", function (event) {
            var tab = event.target.closest("button[data-protocol]");
            if (tab) update(function (state) {
              state.protocol = tab.dataset.protocol;
              state.run = null;
            });
          });
          document.getElementById("run-select").addEventListener("change", function (event) {
            update(function (state) {
              state.protocol = protocolOf(state);
              state.run = event.target.value;
            });
          });
          document.getElementById("filters").addEventListener("click", function (event) {
            var button = event.target.closest("button.toggle");
            if (!button) return;
            update(function (state) {
              var kind = button.dataset.kind, name = button.dataset.name;
              var all = Array.prototype.map.call(
                document.querySelectorAll("button.toggle[data-kind=\\"" + kind + "\\"]"),
                function (other) { return other.dataset.name; });
              var list = state[kind] === null ? all.slice() : state[kind].slice();
              var at = list.indexOf(name);
              if (at >= 0) list.splice(at, 1); else list.push(name);
              state[kind] = all.every(function (x) { return list.indexOf(x) >= 0; }) ? null : list;
            });
          });
          window.addEventListener("hashchange", function () { render(readState()); });
          render(readState());
        })();
        """
}
