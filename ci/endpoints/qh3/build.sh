#!/usr/bin/env bash
# qh3 needs no build: it runs ci/endpoints/common/quic_endpoint.py on the venv's qh3.
# Checks that the venv imports what the endpoint uses and records the version.
set -euo pipefail
# shellcheck source=../common/python-endpoint.sh
source "$(dirname "$(readlink -f "$0")")/../common/python-endpoint.sh"
python_endpoint_ready qh3 qh3 'import qh3.asyncio, qh3.h3.connection'
