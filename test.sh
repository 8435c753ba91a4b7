#!/usr/bin/env bash
# Runs the whole Signoff test suite (unit, format, EBU conformance, CLI end-to-end).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
exec mvn -B -ntp verify "$@"
