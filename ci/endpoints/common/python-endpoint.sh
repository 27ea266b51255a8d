# shellcheck shell=bash
# Shared by the build.sh of the endpoints that run on a PyPI package from the venv (sourced, not executed):
# they need no build, since ci/setup.sh installs the pinned release (ci/packages/endpoints.pip) into
# $INTEROP_PREFIX/venv.

# python_endpoint_ready NAME PACKAGE CHECK: checks that the venv has PACKAGE and runs the Python statement
# CHECK (the imports the endpoint relies on), then records PACKAGE's version as NAME's.
python_endpoint_ready() {
    local name=$1 package=$2 check=$3
    local prefix=${INTEROP_PREFIX:-/opt/interop-runner}
    local python=$prefix/venv/bin/python3 version
    version=$("$python" -c "import importlib.metadata as m; print(m.version('$package'))") || {
        echo "$name: $package is not installed in $prefix/venv (ci/packages/endpoints.pip)" >&2
        return 1
    }
    "$python" -c "$check"
    mkdir -p "$prefix/endpoints/$name"
    echo "$version" >"$prefix/endpoints/$name/VERSION"
    echo "$name ($package $version) ready in $prefix/venv"
}
