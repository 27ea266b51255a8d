# Shared by every run_endpoint adapter (sourced, not executed).
#
# The contract is upstream's: ROLE, TESTCASE, REQUESTS, SSLKEYLOGFILE, QLOGDIR, CLIENT_PARAMS /
# SERVER_PARAMS, and the directories /www, /downloads, /certs, /logs. The runner's process runtime
# already puts the endpoint in its network namespace and starts the client only once the server's
# UDP port 443 is bound, so nothing else is needed there. Inside an image built on upstream's
# quic-network-simulator endpoint base, /setup.sh and /wait-for-it.sh exist and must run first
# (routes through the simulator, then wait for it), exactly as that image's run_endpoint.sh does.

: "${INTEROP_PREFIX:=/opt/interop-runner}"
export INTEROP_PREFIX

# Exit status that tells the runner a test case is not supported.
readonly ENDPOINT_UNSUPPORTED=127

# endpoint_prepare: network set-up inside a simulator image, the qlog folder, and a banner line.
endpoint_prepare() {
    if [ -x /setup.sh ] && [ -x /wait-for-it.sh ]; then
        /setup.sh
        if [ "${ROLE:-}" = client ]; then
            /wait-for-it.sh sim:57832 -s -t 30
        fi
    fi
    if [ -n "${QLOGDIR:-}" ]; then
        mkdir -p "$QLOGDIR"
    fi
    case "${ROLE:-}" in
        client | server) ;;
        *)
            echo "run_endpoint: ROLE must be client or server, got '${ROLE:-}'" >&2
            exit 1
            ;;
    esac
    echo "$(basename "$(dirname "$(readlink -f "$0")")") ${ROLE} test case: ${TESTCASE:-<unset>}"
}

# endpoint_unsupported <reason>: the test case cannot be run by this endpoint.
endpoint_unsupported() {
    echo "unsupported test case ${TESTCASE:-<unset>} for ${ROLE:-?}: $1"
    exit "$ENDPOINT_UNSUPPORTED"
}
