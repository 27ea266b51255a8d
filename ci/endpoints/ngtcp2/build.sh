#!/usr/bin/env bash
# ngtcp2 needs no build: Debian's ngtcp2-client and ngtcp2-server (ci/packages/endpoints.apt) ship the
# HTTP/3 examples gtlsclient and gtlsserver. This checks they are installed and records the version.
set -euo pipefail
prefix=${INTEROP_PREFIX:-/opt/interop-runner}/endpoints/ngtcp2
for program in gtlsclient gtlsserver; do
    command -v "$program" >/dev/null || [ -x "/usr/sbin/$program" ] || {
        echo "ngtcp2: $program is missing (Debian packages ngtcp2-client, ngtcp2-server)" >&2
        exit 1
    }
done
mkdir -p "$prefix"
dpkg-query -W -f='${Version}\n' ngtcp2-client > "$prefix/VERSION"
echo "ngtcp2 $(cat "$prefix/VERSION") ready"
