#!/usr/bin/env bash
# Sets everything up and runs the main job: the full local matrix (ci/matrix-local.yml), reports under out/.
# A previous out/ is kept as out.previous/. Extra arguments go to the runner (e.g. --jobs 1, -t handshake).
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh
if [ -e out ]; then
    rm -rf out.previous
    mv out out.previous
fi
status=0
.build/release/interop-runner --spec ci/matrix-local.yml "$@" || status=$?
echo "reports: out/index.html out/junit.xml out/result.json out/summary.md out/logs.zip (exit $status)"
exit "$status"
