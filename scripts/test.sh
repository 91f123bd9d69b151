#!/usr/bin/env bash
# Install everything (venv, Chromium, CJK fonts), lint, and run every test, end-to-end ones included.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser
.venv/bin/ruff check .
.venv/bin/mypy  # issue 26: the types of unionboard/ and ui/ (settings: pyproject.toml)
exec .venv/bin/python -m pytest "$@"
