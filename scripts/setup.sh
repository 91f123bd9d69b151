#!/usr/bin/env bash
# Install what unionboard needs on a fresh Debian machine: the venv with pinned packages and,
# with --browser, Debian's Chromium and CJK fonts for the end-to-end tests and screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian packages: CJK fonts always (chart images in the 通报), Chromium with --browser (end-to-end tests)
packages=()
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || packages+=(fonts-noto-cjk)
if [[ "${1:-}" == "--browser" ]]; then
  command -v chromium >/dev/null 2>&1 || packages+=(chromium)
  # LibreOffice opens the 通报 (Word) in the tests, as a user's office suite would
  dpkg -s libreoffice-writer-nogui >/dev/null 2>&1 || packages+=(libreoffice-writer-nogui)
fi
if (( ${#packages[@]} )); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${packages[@]}" >/dev/null
  else
    echo "setup: missing ${packages[*]} (not root): charts in the 通报 may lack Chinese glyphs; browser tests skip" >&2
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
