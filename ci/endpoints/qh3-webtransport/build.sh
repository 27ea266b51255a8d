#!/usr/bin/env bash
# The qh3 WebTransport endpoint needs no build: wt_endpoint.py runs on the venv's qh3.
# Checks that the venv imports what the endpoint uses and records the version.
set -euo pipefail
# shellcheck source=../common/python-endpoint.sh
source "$(dirname "$(readlink -f "$0")")/../common/python-endpoint.sh"
python_endpoint_ready qh3-webtransport qh3 'from qh3.h3.connection import H3Connection; H3Connection.create_webtransport_stream'
