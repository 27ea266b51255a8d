#!/usr/bin/env bash
# The aioquic WebTransport endpoint needs no build: wt_endpoint.py runs on the venv's aioquic.
# Checks that the venv imports what the endpoint uses and records the version.
set -euo pipefail
# shellcheck source=../common/python-endpoint.sh
source "$(dirname "$(readlink -f "$0")")/../common/python-endpoint.sh"
python_endpoint_ready aioquic-webtransport aioquic 'from aioquic.h3.connection import H3Connection; H3Connection.create_webtransport_stream'
