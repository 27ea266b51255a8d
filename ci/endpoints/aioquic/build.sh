#!/usr/bin/env bash
# aioquic needs no build: it runs ci/endpoints/common/quic_endpoint.py on the venv's aioquic.
# Checks that the venv imports what the endpoint uses and records the version.
set -euo pipefail
# shellcheck source=../common/python-endpoint.sh
source "$(dirname "$(readlink -f "$0")")/../common/python-endpoint.sh"
python_endpoint_ready aioquic aioquic 'import aioquic.asyncio, aioquic.h3.connection'
