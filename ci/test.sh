#!/usr/bin/env bash
# Sets everything up and runs the whole test suite (root: many tests build real namespaces).
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh
export INTEROP_PREFIX=${INTEROP_PREFIX:-/opt/interop-runner}
swift test 2>&1 | tee /tmp/interop-runner-test.log | grep -vE '^(\[[0-9]+/[0-9]+\]|Compiling|Write|Building)'
exit "${PIPESTATUS[0]}"
