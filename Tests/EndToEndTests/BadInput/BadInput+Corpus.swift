extension BadInput {
    /// Every bad input the runner must refuse with exit 2, a located message and nothing written: the issue's probe
    /// (timeouts that crashed, trailing commas accepted, empty selections that ran, broken endpoint commands blamed on
    /// the implementation, unchecked outputs, unbounded and raw echoes) and the cases around each.
    static let corpus: [BadInput] = specs + jsonSpecs + registries + commandLines + reports

    static let specs: [BadInput] = [
        .spec("yaml-unclosed-list.yml", "3:6: malformed YAML: did not find expected ',' or ']'"),
        .spec("yaml-tab-indent.yml", "3:1: malformed YAML: found character that cannot start any token"),
        .spec("yaml-top-level-list.yml", "1:1: expected a mapping, found a list"),
        .spec("yaml-empty.yml", "1:1: the document is empty"),
        .spec("yaml-comment-only.yml", "1:1: the document is empty"),
        .spec("yaml-two-documents.yml", "3:1: malformed YAML: but found another document"),
        .spec("yaml-undefined-alias.yml", "2:8: malformed YAML: found undefined alias"),
        .spec("yaml-deep.yml", "2:9: malformed YAML: Maximum nesting level reached"),
        .spec("yaml-key-not-string.yml", "2:3: keys must be strings"),
        .spec("yaml-alias-list.yml", "2:8: at measurements[0]: expected a string, found a list"),
        .spec("unknown-key.yml", #"2:1: at test: unknown key "test"; did you mean "tests"?"#),
        .spec("unknown-output-key.yml", #"2:38: at output.jsn: unknown key "jsn"; did you mean "json"?"#),
        .spec("duplicate-key.yml", #"2:1: duplicate key "jobs": a key may appear only once in a mapping"#),
        .spec("unknown-protocol.yml", #"2:11: at protocol: unknown protocol "tcp"; expected quic or webtransport"#),
        .spec("protocol-number.yml", "2:11: at protocol: expected a string, found the integer 4"),
        .spec("registries-string.yml", #"1:13: at registries: expected a list, found the string "good-registry.json""#),
        .spec("registry-missing.yml", "1:14: at registries[0]: $C/no-such-registry.json: cannot read the registry"),
        .spec("registry-is-directory.yml", "1:14: at registries[0]: $C/endpoints: is a directory, not a registry"),
        .spec("servers-unknown.yml", #"2:11: at servers[0]: unknown server implementation "alpah"; did you mean"#),
        .spec("server-wrong-role.yml", #"2:11: at servers[0]: "client-only" cannot run as server"#),
        .spec("servers-word.yml", #"2:10: at servers: expected all, none or a list of names, found the string "some""#),
        .spec("servers-number.yml", "2:10: at servers: expected all, none or a list of names, found the integer 5"),
        .spec("servers-list-number.yml", "2:18: at servers[1]: expected a string, found the integer 3"),
        .spec("tests-unknown.yml", #"2:20: at tests[1]: unknown test "hanshake"; did you mean "handshake"?"#),
        .spec("tests-measurement.yml", #"2:9: at tests[0]: "goodput" is not a test; list it under measurements"#),
        .spec("measurements-test.yml", #"2:16: at measurements[0]: "handshake" is not a measurement"#),
        .spec("tests-empty-name.yml", "2:9: at tests[0]: empty test name"),
        .spec("nothing-to-run.yml", "2:8: at tests: selects no test case and no measurement"),
        .spec("servers-none.yml", "2:10: at servers: selects no server implementation"),
        .spec("clients-empty.yml", "2:10: at clients: selects no client implementation"),
        .spec("must-include-unknown.yml", #"2:15: at must-include: unknown implementation "gamma""#),
        .spec("must-include-no-pair.yml", #"4:15: at must-include: no selected pair includes "server-only""#),
        .spec("no-auto-unsupported-unknown.yml", #"4:23: at no-auto-unsupported[0]: unknown client or server "beta""#),
        .spec("replace-unknown.yml", #"2:11: at replace.gamma: unknown implementation "gamma""#),
        .spec("replace-number.yml", "2:18: at replace.alpha: expected a string, found the integer 5"),
        .spec("jobs-zero.yml", "2:7: at jobs: 0 is out of range 1...1024"),
        .spec("jobs-too-many.yml", "2:7: at jobs: 2000 is out of range 1...1024"),
        .spec("jobs-word.yml", #"2:7: at jobs: expected an integer, found the string "four""#),
        .spec("jobs-float.yml", "2:7: at jobs: expected an integer, found the number 1.5"),
        .spec("jobs-huge.yml", "2:7: at jobs: 99999999999999999999999 is out of range 1...1024"),
        .spec("runtime-unknown.yml", #"2:10: at runtime: unknown runtime "vm"; expected process, docker or auto"#),
        .spec("seed-negative.yml", "2:7: at seed: expected an unsigned 64-bit integer, found the integer -1"),
        .spec("seed-too-large.yml", "2:7: at seed: expected an unsigned 64-bit integer"),
        .spec("seed-string.yml", #"2:7: at seed: expected an unsigned 64-bit integer, found the string "42""#),
        .spec("save-files-string.yml", #"2:13: at save-files: expected true or false, found the string "yes""#),
        .spec("timeout-1e300.yml", "2:22: at timeouts.transfer: 1e300 is out of range: a number of seconds from 1 to"),
        .spec("timeout-1e16.yml", "2:22: at timeouts.transfer: 1e16 is out of range"),
        .spec("timeout-1e-300.yml", "2:22: at timeouts.transfer: 1e-300 is out of range"),
        .spec("timeout-nan.yml", "2:22: at timeouts.transfer: .nan is out of range"),
        .spec("timeout-inf.yml", "2:22: at timeouts.transfer: .inf is out of range"),
        .spec("timeout-zero.yml", "2:23: at timeouts.handshake: 0 is out of range"),
        .spec("timeout-negative.yml", "2:23: at timeouts.handshake: -5 is out of range"),
        .spec("timeout-unknown-test.yml", #"2:12: at timeouts.handshak: unknown test "handshak"; did you mean"#),
        .spec("timeouts-list.yml", "2:11: at timeouts: expected a mapping, found a list"),
        .spec(
            "timeout-string.yml", #"2:23: at timeouts.handshake: expected a number of seconds, found the string "30""#),
        .spec("output-empty.yml", "2:15: at output.dir: must not be empty"),
        .spec("output-json-directory.yml", #"2:16: at output.json: "/proc" is a folder, but result.json is a file"#),
        .spec("output-dir-file.yml", #"2:15: at output.dir: "/proc/version" is a file, but the output folder is a"#),
        .spec("output-under-file.yml", #"2:17: at output.junit: "/proc/version" is a file, not a folder"#),
        .spec("output-unwritable.yml", #"2:16: at output.html: cannot write in the folder "/proc""#),
        .spec("output-log-dir-exists.yml", #"2:19: at output.log-dir: the log folder "/" already exists"#),
        .spec("output-device.yml", #"2:16: at output.json: "/dev/null" is not a regular file"#),
        .spec("output-same-path.yml", "2:56: at output.markdown: the Markdown summary and result.json would both be"),
        .spec("spec-latin1.yml", "3:6: not UTF-8 text: byte 0xE9 cannot start or continue a character"),
        .spec("spec-nul.yml", "2:13: unreadable text: control characters are not allowed"),
        .spec("spec-escape-name.yml", #"2:9: at tests[0]: unknown test "\u{1B}]0;PWNED\u{7}""#),
        .spec("spec-long-value.yml", #"2:9: at tests[0]: unknown test "aaaaaaaa"#),
        .spec("spec-many-unknown-keys.yml", #"2:1: at unknown-0: unknown key "unknown-0""#),
        BadInput(
            name: "spec-too-large", arguments: ["--spec", "$O/large.yml"],
            expected: "command line: at --spec: $O/large.yml: is 2097",
            preparations: [.largeSpec("large.yml", bytes: 2 << 20)]),
    ]

    static let jsonSpecs: [BadInput] = [
        .spec("json-trailing-comma-list.json", "3:23: not strict JSON: trailing comma before ']'"),
        .spec("json-trailing-comma-object.json", "4:1: not strict JSON: trailing comma before '}'"),
        .spec("json-comment.json", "2:3: not strict JSON: expected a key in double quotes"),
        .spec("json-single-quotes.json", "2:3: not strict JSON: keys take double quotes in JSON"),
        .spec("json-duplicate-key.json", #"4:3: not strict JSON: duplicate key "jobs" (first at line 3, column 3)"#),
        .spec("json-nan.json", "3:29: not strict JSON: expected a JSON value"),
        .spec("json-unterminated-string.json", "2:37: not strict JSON: control character in a string"),
        .spec("json-bare-word.json", "3:14: not strict JSON: expected a JSON value"),
        .spec("json-top-level-array.json", "1:1: expected a mapping, found a list"),
        .spec("json-trailing-text.json", "3:3: not strict JSON: unexpected text after the value"),
        .spec("json-leading-zero.json", "3:11: not strict JSON: a number must not start with 0"),
        .spec("json-empty.json", "1:1: not strict JSON: unexpected end of input, expected a value"),
        .spec("json-control-character.json", "3:18: not strict JSON: control character in a string"),
    ]

    static let registries: [BadInput] = [
        .registry(
            "registry-missing-command.json",
            #"5:16: at alpha.command: "alpha" cannot be started: command $C/endpoints/missing does not exist"#),
        .registry(
            "registry-not-executable.json",
            #"5:16: at alpha.command: "alpha" cannot be started: command $C/endpoints/not-executable is not executable"#
        ),
        .registry(
            "registry-directory-command.json",
            #"5:16: at alpha.command: "alpha" cannot be started: command $C/endpoints/a-directory is a directory"#),
        .registry(
            "registry-bad-interpreter.json",
            "5:16: at alpha.command: \"alpha\" cannot be started: command $C/endpoints/bad-interpreter starts with #!/nonexistent/bin/python3, which does not exist"
        ),
        .registry(
            "registry-env-missing.json",
            "5:16: at alpha.command: \"alpha\" cannot be started: command $C/endpoints/env-missing starts with #!/usr/bin/env qir-no-such-program, and qir-no-such-program is not in the endpoint's PATH"
        ),
        .registry(
            "registry-no-shebang.json",
            "5:16: at alpha.command: \"alpha\" cannot be started: command $C/endpoints/no-shebang is neither a #! script nor an ELF executable"
        ),
        .registry("registry-empty-command.json", "5:16: at alpha.command: must not be empty"),
        .registry("registry-trailing-comma.json", "2:69: not strict JSON: trailing comma before '}'"),
        .registry(
            "registry-duplicate.json", #"3:3: not strict JSON: duplicate key "alpha" (first at line 2, column 3)"#),
        .registry(
            "registry-bad-role.json", #"2:33: at alpha.role: unknown role "sometimes"; expected client, server or both"#
        ),
        .registry("registry-missing-url.json", #"2:12: at alpha: missing "url""#),
        .registry("registry-no-image-no-command.json", #"2:12: at alpha: needs an "image" (Docker) or a "command""#),
        .registry(
            "registry-underscore-name.json", #"2:3: at alpha_2: implementation name "alpha_2" contains "." or "_""#),
        .registry(
            "registry-escape-name.json",
            #"2:3: at \u{1B}]0;PWNED\u{7}: implementation name "\u{1B}]0;PWNED\u{7}" may contain only"#),
        .registry("registry-latin1.json", "2:24: not UTF-8 text: byte 0xE9"),
        .registry("registry-unknown-field.json", #"2:70: at alpha.tag: unknown key "tag""#),
        .registry("registry-entry-list.json", "2:12: at alpha: expected a mapping, found a list"),
        .registry("registry-not-object.json", "1:1: expected a mapping, found a list"),
    ]

    static let commandLines: [BadInput] = [
        .flags("-t empty", ["-t", ""], "command line: at -t/--test: is empty; name at least one"),
        .flags("-t trailing comma", ["-t", "handshake,"], "command line: at -t/--test[1]: empty name"),
        .flags("-s only commas", ["-s", ","], "command line: at -s/--server[0]: empty name"),
        .flags("-c empty", ["-c", ""], "command line: at -c/--client: is empty"),
        .flags(
            "-t terminal escape", ["-t", "\u{1B}]0;PWNED\u{07}"],
            #"command line: at -t/--test[0]: unknown test "\u{1B}]0;PWNED\u{7}""#),
        .flags(
            "-t line break and workflow command", ["-t", "x\n::error::forged"],
            #"command line: at -t/--test[0]: unknown test "x\n::error::forged""#),
        .flags(
            "-t of 100 KB", ["-t", String(repeating: "b", count: 100_000)],
            #"command line: at -t/--test[0]: unknown test "bbbbbbbb"#),
        .flags(
            "-s unknown", ["-s", "alpah"],
            #"command line: at -s/--server[0]: unknown server implementation "alpah"; did you mean "alpha"?"#),
        .flags(
            "-c wrong role", ["-c", "server-only"],
            #"command line: at -c/--client[0]: "server-only" cannot run as client"#),
        .flags(
            "-i matches no pair", ["-i", "beta"],
            #"command line: at -i/--must-include: no selected pair includes "beta""#),
        .flags("-i unknown", ["-i", "gamma"], #"command line: at -i/--must-include: unknown implementation "gamma""#),
        .flags(
            "-n unknown", ["-n", "gamma"],
            #"command line: at -n/--no-auto-unsupported[0]: unknown client or server "gamma""#),
        .flags(
            "-r without image", ["-r", "alpha"],
            #"command line: at -r/--replace[0]: expected name=image, found "alpha""#),
        .flags(
            "-r unknown", ["-r", "gamma=img"], #"command line: at -r/--replace[0]: unknown implementation "gamma""#),
        .flags("--jobs 0", ["--jobs", "0"], "Error: --jobs must be from 1 to 1024, got 0"),
        .flags("--jobs 100000", ["--jobs", "100000"], "Error: --jobs must be from 1 to 1024, got 100000"),
        .flags("--jobs word", ["--jobs", "abc"], "Error: The value 'abc' is invalid for '--jobs <jobs>'"),
        .flags(
            "--jobs line break", ["--jobs", "1\n::error::forged"],
            #"Error: The value '1\n::error::forged' is invalid for '--jobs <jobs>'"#),
        .flags("--seed negative", ["--seed", "-1"], "Error: Missing value for '--seed <seed>'"),
        .flags("--runtime unknown", ["--runtime", "vm"], "Error: The value 'vm' is invalid for '--runtime <runtime>'"),
        .flags("-p unknown", ["-p", "tcp"], "Error: The value 'tcp' is invalid for '-p <protocol>'"),
        .flags("-j empty", ["-j", ""], "Error: -j/--json must not be empty"),
        .flags("unknown flag", ["--bogus"], "Error: Unknown option '--bogus'"),
        .flags(
            "-l exists", ["-l", "$O/old-logs"],
            #"command line: at -l/--log-dir: the log folder "$O/old-logs" already exists"#,
            preparations: [.folder("old-logs")]),
        .flags(
            "-l is a file", ["-l", "$O/a-file"],
            #"command line: at -l/--log-dir: the log folder "$O/a-file" already exists"#,
            preparations: [.file("a-file")]),
        .flags(
            "-j is a folder", ["-j", "$O/a-folder"],
            #"command line: at -j/--json: "$O/a-folder" is a folder, but result.json is a file"#,
            preparations: [.folder("a-folder")]),
        .flags(
            "-j under a file", ["-j", "$O/a-file/result.json"],
            #"command line: at -j/--json: "$O/a-file" is a file, not a folder, so result.json cannot be written"#,
            preparations: [.file("a-file")]),
        .flags(
            "-j unwritable", ["-j", "/proc/result.json"],
            #"command line: at -j/--json: cannot write in the folder "/proc""#),
        .flags(
            "--output-dir is a file", ["--output-dir", "$O/a-file"],
            #"command line: at --output-dir: "$O/a-file" is a file, but the output folder is a folder"#,
            preparations: [.file("a-file")]),
        .flags(
            "--output-dir under a file", ["--output-dir", "$O/a-file/out"],
            #"command line: at --output-dir: "$O/a-file" is a file, not a folder, so the output folder cannot be"#,
            preparations: [.file("a-file")]),
        .flags(
            "-j and --output-dir on one file", ["--output-dir", "$O/out", "-j", "$O/out/journal.jsonl"],
            "command line: at -j/--json: result.json and the journal would both be written to"),
        BadInput(
            name: "--spec is a directory", arguments: ["--spec", "$C"],
            expected: "command line: at --spec: $C: is a directory, not a spec file"),
        BadInput(
            name: "--spec missing", arguments: ["--spec", "$C/no-such.yml"],
            expected: "command line: at --spec: $C/no-such.yml: cannot read the spec: no such file"),
        BadInput(
            name: "--spec device", arguments: ["--spec", "/dev/zero"],
            expected: "command line: at --spec: /dev/zero: is not a regular file"),
        BadInput(
            name: "--spec is a registry", arguments: ["--spec", "$C/good-registry.json"],
            expected: #"$C/good-registry.json:2:3: at alpha: unknown key "alpha""#),
        BadInput(
            name: "--registry is a directory", arguments: ["--registry", "$C", "-s", "alpha"],
            expected: "command line: at --registry[0]: $C: is a directory, not a registry file"),
        BadInput(
            name: "--registry missing", arguments: ["--registry", "$C/no-such.json"],
            expected: "command line: at --registry[0]: $C/no-such.json: cannot read the registry: no such file"),
        BadInput(
            name: "validate without a spec", arguments: ["validate", "-s", "alpha"],
            expected: "Error: give --spec FILE (and/or --registry FILE) to validate", commands: .asGiven),
    ]

    static let reports: [BadInput] = [
        BadInput(
            name: "report from trailing comma",
            arguments: ["report", "--from", "$C/json-trailing-comma-list.json", "--output-dir", "$O/r"],
            expected: "$C/json-trailing-comma-list.json:3:23: trailing comma before ']'", commands: .asGiven),
        BadInput(
            name: "report from a directory", arguments: ["report", "--from", "$C", "--output-dir", "$O/r"],
            expected: "cannot read $C: a directory, not a result.json", commands: .asGiven),
        BadInput(
            name: "report from a registry",
            arguments: ["report", "--from", "$C/good-registry.json", "--output-dir", "$O/r"],
            expected: "$C/good-registry.json: at start_time: missing", commands: .asGiven),
        BadInput(
            name: "report into a file",
            arguments: ["report", "--from", "$C/good-registry.json", "--output-dir", "$O/a-file"],
            expected: #"command line: at --output-dir: "$O/a-file" is a file, but the output folder is a folder"#,
            preparations: [.file("a-file")], commands: .asGiven),
    ]

    /// The cases also run through the built binary: one of each kind, both commands.
    static let throughTheBinary: Set<String> = [
        "yaml-unclosed-list.yml", "duplicate-key.yml", "timeout-1e300.yml", "timeout-1e-300.yml", "nothing-to-run.yml",
        "output-unwritable.yml", "spec-escape-name.yml", "spec-many-unknown-keys.yml", "spec-too-large",
        "json-trailing-comma-list.json", "json-trailing-comma-object.json", "registry-bad-interpreter.json",
        "registry-not-executable.json", "registry-directory-command.json", "registry-missing-command.json",
        "-t empty", "-i matches no pair", "--jobs 100000", "-t line break and workflow command", "-j is a folder",
        "-j unwritable", "--spec is a directory", "spec-latin1.yml", "report into a file",
    ]
}
