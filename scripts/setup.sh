#!/usr/bin/env bash
# Install what unionboard needs on a fresh Debian machine: the venv with pinned packages and,
# with --browser, Debian's Chromium and CJK fonts for the end-to-end tests and screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--browser" ]]; then
  if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
    if [[ $(id -u) -eq 0 ]]; then
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
    else
      echo "setup: chromium/fonts-noto-cjk missing and not root; end-to-end tests will skip" >&2
    fi
  fi
fi
if [[ ! -x .venv/bin/python ]]; then
  python3 -m venv .venv
fi
if ! .venv/bin/python -c "import streamlit, duckdb, pandas, plotly, openpyxl, playwright, pytest" 2>/dev/null \
   || [[ requirements.txt -nt .venv/.installed ]]; then
  .venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
  touch .venv/.installed
fi
