#!/bin/bash
# wait-for-it.sh HOST:PORT [-t SECONDS] [-s] [-q] [-- COMMAND ARGS...]
# Waits until a TCP connection to HOST:PORT succeeds (endpoints wait for the simulator at sim:57832), at most
# -t seconds (15 by default, 0 for no limit), then runs COMMAND if given. With -s (strict), COMMAND runs only
# if the port answered; the exit status is 0 when it answered and 124 when the time ran out.
target=
timeout=15
strict=0
quiet=0
while [ $# -gt 0 ]; do
    case "$1" in
        *:*) target=$1 ;;
        -t) timeout=$2; shift ;;
        --timeout=*) timeout=${1#--timeout=} ;;
        -s | --strict) strict=1 ;;
        -q | --quiet) quiet=1 ;;
        --) shift; break ;;
        *) echo "wait-for-it.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
if [ -z "$target" ]; then
    echo "usage: wait-for-it.sh HOST:PORT [-t SECONDS] [-s] [-q] [-- COMMAND ARGS...]" >&2
    exit 2
fi
host=${target%:*}
port=${target##*:}
say() { [ "$quiet" = 1 ] || echo "wait-for-it.sh: $*" >&2; }
say "waiting ${timeout}s for $host:$port"
start=$SECONDS
status=124
while :; do
    if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then
        status=0
        say "$host:$port is available after $((SECONDS - start))s"
        break
    fi
    if [ "$timeout" -gt 0 ] && [ $((SECONDS - start)) -ge "$timeout" ]; then
        say "timeout after ${timeout}s waiting for $host:$port"
        break
    fi
    sleep 0.1
done
if [ $# -gt 0 ]; then
    if [ "$status" -ne 0 ] && [ "$strict" = 1 ]; then
        say "strict mode, refusing to execute $*"
        exit "$status"
    fi
    exec "$@"
fi
exit "$status"
