#!/usr/bin/env bash
# Installs and builds everything the project needs on a fresh Debian 12 machine (as root), idempotently:
# Debian packages (ci/packages/*.apt), PyPI packages into one venv (ci/packages/*.pip), the local QUIC
# endpoints (ci/endpoints/*/build.sh) and the runner itself (release build).
#
# Environment: INTEROP_PREFIX (default /opt/interop-runner) holds the venv and the built endpoints.
set -euo pipefail
cd "$(dirname "$0")/.."
export INTEROP_PREFIX=${INTEROP_PREFIX:-/opt/interop-runner}
export DEBIAN_FRONTEND=noninteractive

log() { printf '[setup] %s\n' "$*"; }

if [ "$(id -u)" -ne 0 ]; then
    echo "ci/setup.sh: must run as root (it installs Debian packages and the runner needs namespaces)" >&2
    exit 2
fi

# Debian packages: install only what is missing, so a second run makes no network requests.
mapfile -t apt_packages < <(cat ci/packages/*.apt | sed -e 's/#.*//' -e 's/[[:space:]]//g' | grep -v '^$' | sort -u)
missing=()
for package in "${apt_packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# PyPI packages live in one venv so they never touch the system's Python.
venv="$INTEROP_PREFIX/venv"
if [ ! -x "$venv/bin/python3" ]; then
    log "creating $venv"
    mkdir -p "$INTEROP_PREFIX"
    /usr/bin/python3 -m venv "$venv"
fi
pip_requirements=$(cat ci/packages/*.pip 2>/dev/null | sed -e 's/#.*//' -e 's/[[:space:]]//g' | grep -v '^$' | sort -u || true)
if [ -n "$pip_requirements" ]; then
    stamp="$venv/.requirements"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$pip_requirements" ]; then
        log "installing PyPI packages: $(echo "$pip_requirements" | tr '\n' ' ')"
        echo "$pip_requirements" | "$venv/bin/pip" install -q --disable-pip-version-check -r /dev/stdin
        echo "$pip_requirements" > "$stamp"
    fi
fi

# Local endpoints: each build script is idempotent and installs under $INTEROP_PREFIX/endpoints/<name>.
for build in ci/endpoints/*/build.sh; do
    [ -f "$build" ] || continue
    log "endpoint $(basename "$(dirname "$build")")"
    bash "$build"
done

log "building the runner (release)"
# The runner finds its helpers beside itself: build all four.
for product in interop-runner interop-sim interop-endpoint-exec interop-pause; do
    swift build -c release --product "$product" 2>&1 | tail -n 1
done
log "done"
