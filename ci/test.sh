#!/usr/bin/env bash
# Sets everything up and runs the whole test suite (as root: many tests build real namespaces and run real
# QUIC endpoints, some in Docker containers). Prints swift test's own summary; exits with its status.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh
export INTEROP_PREFIX=${INTEROP_PREFIX:-/opt/interop-runner}
# The docker runtime's tests need a daemon and the local endpoints' images (built offline, cached).
bash ci/docker/build-images.sh
set +e
# Build progress lines are dropped; every test line and both summaries (Swift Testing, XCTest) are kept.
swift test 2>&1 | grep --line-buffered -vE '^\[[0-9]+/[0-9]+\] (Compiling|Write|Emitting|Linking|Building|Applying|Planning|Wrapping|Copying)'
status=${PIPESTATUS[0]}
exit "$status"
