#!/usr/bin/env bash
# Install everything (venv, Chromium, CJK fonts), lint, and run every test, end-to-end ones included.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
.venv/bin/ruff check .
exec .venv/bin/python -m pytest "$@"
