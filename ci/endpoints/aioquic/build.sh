#!/usr/bin/env bash
# aioquic needs no build: ci/setup.sh installs the pinned PyPI release (ci/packages/endpoints.pip) into
# $INTEROP_PREFIX/venv. This checks that the venv imports it and records the version.
set -euo pipefail
prefix=${INTEROP_PREFIX:-/opt/interop-runner}
python=$prefix/venv/bin/python3
version=$("$python" -c 'import importlib.metadata as m; print(m.version("aioquic"))') || {
    echo "aioquic: not installed in $prefix/venv (ci/packages/endpoints.pip)" >&2
    exit 1
}
"$python" -c 'import aioquic.asyncio, aioquic.h3.connection'
mkdir -p "$prefix/endpoints/aioquic"
echo "$version" > "$prefix/endpoints/aioquic/VERSION"
echo "aioquic $version ready in $prefix/venv"
