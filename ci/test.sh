#!/usr/bin/env bash
# Sets everything up and runs the whole test suite (as root: many tests build real namespaces and run real
# QUIC endpoints, some in Docker containers). Prints swift test's own summary; exits with its status.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh
export INTEROP_PREFIX=${INTEROP_PREFIX:-/opt/interop-runner}
# The docker runtime's tests need a daemon and the local endpoints' images (built offline, cached).
bash ci/docker/build-images.sh
# Tests that measure time (round trips, teardown bounds, the pool's width against the machine's load, which runs
# overlap, bounded fuzzing) run as a second group, alone: in the first, hundreds of end-to-end jobs keep both cores
# busy. Nothing is skipped.
timed='(ProcessGroupTests|SimulatorScenarioTests|JobNetworkTests|JobPoolTests|RetryTests|AdmissionControlTests|ParserFuzzTests|UDPPortWaitTests|RaceTests)/'
# Build progress lines are dropped; every test line and both summaries (Swift Testing, XCTest) are kept.
progress='^\[[0-9]+/[0-9]+\] (Compiling|Write|Emitting|Linking|Building|Applying|Planning|Wrapping|Copying)'
set +e
echo "== swift test: everything but the timed group"
swift test --skip "$timed" 2>&1 | grep --line-buffered -vE "$progress"
status=${PIPESTATUS[0]}
echo "== swift test: the timed group, alone"
swift test --skip-build --filter "$timed" 2>&1 | grep --line-buffered -vE "$progress"
timed_status=${PIPESTATUS[0]}
echo "== swift test: everything but the timed group exited $status, the timed group $timed_status"
[ "$status" -eq 0 ] && [ "$timed_status" -eq 0 ]
