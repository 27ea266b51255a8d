#!/usr/bin/env bash
# The qh3 WebTransport endpoint needs no build: ci/setup.sh installs the pinned PyPI release
# (ci/packages/endpoints.pip) into $INTEROP_PREFIX/venv. This checks that the venv imports the parts
# wt_endpoint.py uses and records the version.
set -euo pipefail
prefix=${INTEROP_PREFIX:-/opt/interop-runner}
python=$prefix/venv/bin/python3
version=$("$python" -c 'import importlib.metadata as m; print(m.version("qh3"))') || {
    echo "qh3-webtransport: qh3 is not installed in $prefix/venv (ci/packages/endpoints.pip)" >&2
    exit 1
}
"$python" -c 'from qh3.h3.connection import H3Connection; H3Connection.create_webtransport_stream'
mkdir -p "$prefix/endpoints/qh3-webtransport"
echo "$version" > "$prefix/endpoints/qh3-webtransport/VERSION"
echo "qh3-webtransport (qh3 $version) ready in $prefix/venv"
