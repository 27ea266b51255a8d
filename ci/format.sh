#!/usr/bin/env bash
# Lints every Swift file strictly with the toolchain's swift-format and .swift-format; `--fix` rewrites them.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--fix" ]; then
    swift format format --in-place --recursive --parallel Package.swift Sources Tests bench
fi
swift format lint --strict --recursive --parallel Package.swift Sources Tests $( [ -d bench ] && echo bench )
