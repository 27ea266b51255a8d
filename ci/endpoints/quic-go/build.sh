#!/usr/bin/env bash
# Builds quic-go's own interop client and server (interop/client, interop/server) from Debian's
# source package golang-github-lucas-clemente-quic-go-dev in GOPATH mode: Debian ships the whole
# module tree (qtls-go1-19, qpack, x/net, x/sync, ...) under /usr/share/gocode, so no module download.
# Idempotent: rebuilds only when the installed Debian version differs from the one built.
set -euo pipefail
prefix=${INTEROP_PREFIX:-/opt/interop-runner}/endpoints/quic-go
package=golang-github-lucas-clemente-quic-go-dev
version=$(dpkg-query -W -f='${Version}' "$package")
if [ -x "$prefix/client" ] && [ -x "$prefix/server" ] && [ "$(cat "$prefix/VERSION" 2>/dev/null)" = "$version" ]; then
    echo "quic-go $version already built in $prefix"
    exit 0
fi
mkdir -p "$prefix"
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
for program in client server; do
    # -trimpath: the binary does not depend on the build cache location.
    env GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$cache" GOFLAGS= HOME="$cache" \
        go build -trimpath -o "$prefix/$program.new" "github.com/lucas-clemente/quic-go/interop/$program"
    mv "$prefix/$program.new" "$prefix/$program"
done
echo "$version" > "$prefix/VERSION"
echo "quic-go $version built in $prefix"
