#!/usr/bin/env bash
# Builds the quinn interop endpoint (src/main.rs) offline against Debian's Rust crates
# (librust-quinn-dev 0.9, rustls 0.20, tokio) from /usr/share/cargo/registry. Idempotent: cargo
# rebuilds only when the sources or the crates changed; the binary goes to
# $INTEROP_PREFIX/endpoints/quinn/quinn-interop.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
prefix=${INTEROP_PREFIX:-/opt/interop-runner}/endpoints/quinn
mkdir -p "$prefix/cargo-home"
# Debian's crates are a directory source; nothing is fetched from crates.io.
cat > "$prefix/cargo-home/config.toml" <<'CONFIG'
[source.crates-io]
replace-with = "debian"

[source.debian]
directory = "/usr/share/cargo/registry"

[net]
offline = true
CONFIG
# Build from a copy (mtimes kept) so cargo's Cargo.lock never lands in the repository. Debian's own
# cargo and rustc (1.63) are the toolchain Debian's crates are packaged for; a rustup toolchain
# earlier in PATH is bypassed.
mkdir -p "$prefix/source"
cp -p "$here/Cargo.toml" "$prefix/source/"
cp -pr "$here/src" "$prefix/source/"
CARGO_HOME="$prefix/cargo-home" CARGO_TARGET_DIR="$prefix/target" RUSTC=/usr/bin/rustc \
    /usr/bin/cargo build --release --quiet --manifest-path "$prefix/source/Cargo.toml"
install -m 0755 "$prefix/target/release/quinn-interop" "$prefix/quinn-interop"
dpkg-query -W -f='${Version}\n' librust-quinn-dev > "$prefix/VERSION"
echo "quinn $(cat "$prefix/VERSION") built in $prefix"
