#!/usr/bin/env bash
# Makes sure a Docker daemon answers: starts Debian's dockerd by hand when none does (this machine has no
# systemd) and waits for it. The runner uses no Docker network (each job wires its own namespaces), so the
# daemon started here leaves the host's firewall and bridges alone.
set -euo pipefail
if docker info >/dev/null 2>&1; then
    exit 0
fi
if ! command -v dockerd >/dev/null; then
    echo "ensure-dockerd: dockerd is not installed (Debian package docker.io, ci/packages/docker.apt)" >&2
    exit 2
fi
log=/var/log/interop-runner-dockerd.log
echo "[docker] starting dockerd (log: $log)"
nohup dockerd --iptables=false --ip6tables=false --bridge=none >"$log" 2>&1 </dev/null &
for _ in $(seq 1 120); do
    if docker info >/dev/null 2>&1; then
        exit 0
    fi
    sleep 0.5
done
echo "ensure-dockerd: dockerd did not answer within 60 s; the end of $log:" >&2
tail -n 20 "$log" >&2
exit 2
