#!/usr/bin/env bash
# qh3 needs no build: ci/setup.sh installs the pinned PyPI release (ci/packages/endpoints.pip) into
# $INTEROP_PREFIX/venv. This checks that the venv imports it and records the version.
set -euo pipefail
prefix=${INTEROP_PREFIX:-/opt/interop-runner}
python=$prefix/venv/bin/python3
version=$("$python" -c 'import importlib.metadata as m; print(m.version("qh3"))') || {
    echo "qh3: not installed in $prefix/venv (ci/packages/endpoints.pip)" >&2
    exit 1
}
"$python" -c 'import qh3.asyncio, qh3.h3.connection'
mkdir -p "$prefix/endpoints/qh3"
echo "$version" > "$prefix/endpoints/qh3/VERSION"
echo "qh3 $version ready in $prefix/venv"
