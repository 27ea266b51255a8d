#!/usr/bin/env bash
# Sets everything up and runs the main job: the full local QUIC matrix (ci/matrix-local.yml, reports under out/),
# then the full local WebTransport matrix (ci/matrix-webtransport-local.yml, reports under out/webtransport/).
# A previous out/ is kept as out.previous/. Extra arguments go to the QUIC run (e.g. --jobs 1, -t handshake).
# The exit status is the worse of the two runs' (2 over 1 over 0).
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh
if [ -e out ]; then
    rm -rf out.previous
    mv out out.previous
fi
quic=0
.build/release/interop-runner --spec ci/matrix-local.yml "$@" || quic=$?
echo "QUIC reports: out/index.html out/junit.xml out/result.json out/summary.md out/logs.zip (exit $quic)"
webtransport=0
.build/release/interop-runner --spec ci/matrix-webtransport-local.yml || webtransport=$?
echo "WebTransport reports: out/webtransport/index.html out/webtransport/junit.xml out/webtransport/result.json" \
    "out/webtransport/summary.md out/webtransport/logs.zip (exit $webtransport)"
exit $((quic > webtransport ? quic : webtransport))
