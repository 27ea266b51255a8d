#!/usr/bin/env bash
# The aioquic WebTransport endpoint needs no build: ci/setup.sh installs the pinned PyPI release
# (ci/packages/endpoints.pip) into $INTEROP_PREFIX/venv. This checks that the venv imports the parts
# wt_endpoint.py uses and records the version.
set -euo pipefail
prefix=${INTEROP_PREFIX:-/opt/interop-runner}
python=$prefix/venv/bin/python3
version=$("$python" -c 'import importlib.metadata as m; print(m.version("aioquic"))') || {
    echo "aioquic-webtransport: aioquic is not installed in $prefix/venv (ci/packages/endpoints.pip)" >&2
    exit 1
}
"$python" -c 'from aioquic.h3.connection import H3Connection; H3Connection.create_webtransport_stream'
mkdir -p "$prefix/endpoints/aioquic-webtransport"
echo "$version" > "$prefix/endpoints/aioquic-webtransport/VERSION"
echo "aioquic-webtransport (aioquic $version) ready in $prefix/venv"
