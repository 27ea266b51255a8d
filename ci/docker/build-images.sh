#!/usr/bin/env bash
# Builds, offline, the Docker images of the local endpoints the tests run with --runtime docker:
#   interop-local/endpoint-base:<hash>  Debian bookworm (debootstrap) + base.packages + base/ scripts
#   interop-local/<name>:<version>      FROM the base + the built endpoint and its run_endpoint adapter
# named as Registries/implementations_quic_local_images.json lists them. Starts dockerd when none runs.
# Cached: an image whose inputs (their SHA-256, in its label) did not change is not built again.
#
# Needs ci/setup.sh first (it builds the endpoints into $INTEROP_PREFIX). Usage: build-images.sh [NAME...]
set -euo pipefail
cd "$(dirname "$0")/../.."
prefix=${INTEROP_PREFIX:-/opt/interop-runner}
registry=Registries/implementations_quic_local_images.json
label=org.quic-interop.runner.inputs
export DOCKER_BUILDKIT=0

log() { printf '[docker] %s\n' "$*"; }

bash ci/docker/ensure-dockerd.sh

# The digest of the files below folder $1 (relative names and contents), for the cache label.
digest() {
    (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-16
}

# Whether image $1 exists with inputs label $2.
current() {
    [ "$(docker image inspect --format "{{index .Config.Labels \"$label\"}}" "$1" 2>/dev/null || true)" = "$2" ]
}

packages=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' ci/docker/base.packages | sort | paste -sd, -)
base_inputs=$( (echo "$packages"; digest ci/docker/base) | sha256sum | cut -c1-16)
base=interop-local/endpoint-base:$base_inputs
if current "$base" "$base_inputs"; then
    log "$base is up to date"
else
    log "building $base (debootstrap bookworm)"
    rootfs=$(mktemp -d /var/tmp/interop-rootfs.XXXXXX)
    trap 'rm -rf "$rootfs"' EXIT
    mirror=$(grep -hoE 'https?://deb\.debian\.org/debian/?' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null | head -n1 || true)
    debootstrap --variant=minbase --include="$packages" bookworm "$rootfs" "${mirror:-http://deb.debian.org/debian}" \
        >/var/tmp/interop-debootstrap.log 2>&1 || {
        tail -n 20 /var/tmp/interop-debootstrap.log >&2
        exit 1
    }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    install -m 0755 ci/docker/base/setup.sh ci/docker/base/wait-for-it.sh ci/docker/base/run_endpoint.sh "$rootfs/"
    tar -C "$rootfs" --numeric-owner -c . | docker import \
        --change 'ENTRYPOINT ["/run_endpoint.sh"]' \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change "LABEL $label=$base_inputs" - "$base" >/dev/null
    rm -rf "$rootfs"
    trap - EXIT
fi

# stage NAME DIR: the files of NAME's image below DIR (opt/interop-runner/..., run_endpoint.sh).
stage() {
    local name=$1 dir=$2 root=$2/opt/interop-runner
    mkdir -p "$root/adapters" "$root/endpoints/$name"
    cp -a ci/endpoints/common "$root/adapters/common"
    cp -a "ci/endpoints/$name" "$root/adapters/$name"
    rm -f "$root/adapters/$name/build.sh"
    case "$name" in
        quic-go) cp -a "$prefix/endpoints/quic-go/client" "$prefix/endpoints/quic-go/server" "$root/endpoints/quic-go/" ;;
        quinn) cp -a "$prefix/endpoints/quinn/quinn-interop" "$root/endpoints/quinn/" ;;
        aioquic | qh3) cp -a "$prefix/venv" "$root/venv" ;;
        ngtcp2) ;;
        *) echo "build-images: no image recipe for $name" >&2; return 1 ;;
    esac
    printf '#!/bin/bash\nexec /opt/interop-runner/adapters/%s/run_endpoint "$@"\n' "$name" >"$dir/run_endpoint.sh"
    chmod 0755 "$dir/run_endpoint.sh"
    cp ci/docker/Dockerfile.endpoint "$dir/Dockerfile"
}

mapfile -t entries < <(/usr/bin/python3 -c '
import json, sys
for name, entry in json.load(open(sys.argv[1])).items():
    print(name, entry["image"])
' "$registry")
for entry in "${entries[@]}"; do
    read -r name image <<<"$entry"
    if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$name"; then
        continue
    fi
    context=$(mktemp -d /var/tmp/interop-image.XXXXXX)
    stage "$name" "$context"
    inputs=$( (echo "$base"; digest "$context") | sha256sum | cut -c1-16)
    if current "$image" "$inputs"; then
        log "$image is up to date"
    else
        log "building $image"
        # The legacy builder needs no network and no buildx plugin; its deprecation notice is dropped.
        docker build --quiet --build-arg "BASE=$base" --label "$label=$inputs" --tag "$image" "$context" \
            2> >(grep -vE '^(DEPRECATED: The legacy builder|            BuildKit is currently disabled|            environment-variable|$)' >&2) >/dev/null
    fi
    rm -rf "$context"
done
# Superseded versions of these images (a changed input made a new one) would only fill the disk.
# (grep finds nothing when there are none: not an error.)
docker image ls --format '{{.Repository}}:{{.Tag}}' interop-local/endpoint-base | { grep -vx "$base" || true; } |
    xargs -r docker rmi >/dev/null
docker image prune --force --filter "label=$label" >/dev/null
log "done"
