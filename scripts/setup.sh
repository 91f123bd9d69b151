#!/usr/bin/env bash
# Install what unionboard needs on a fresh Debian machine: the venv with pinned packages and,
# with --browser, Debian's Chromium and CJK fonts for the end-to-end tests and screenshots, and
# LibreOffice Calc without its GUI (the smallest package with `soffice --headless --convert-to`),
# which the template tests open a filled template with.
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian packages: CJK fonts always (chart images in the 通报), Chromium with --browser (end-to-end tests)
packages=()
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || packages+=(fonts-noto-cjk)
if [[ "${1:-}" == "--browser" ]] && ! command -v chromium >/dev/null 2>&1; then
  packages+=(chromium)
fi
lean=()  # installed without recommended packages (LibreOffice would bring a desktop along)
if [[ "${1:-}" == "--browser" ]] && ! command -v soffice >/dev/null 2>&1; then
  lean+=(libreoffice-calc-nogui)
fi
if (( ${#packages[@]} + ${#lean[@]} )); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    if (( ${#packages[@]} )); then apt-get install -y -qq "${packages[@]}" >/dev/null; fi
    if (( ${#lean[@]} )); then apt-get install -y -qq --no-install-recommends "${lean[@]}" >/dev/null; fi
  else
    echo "setup: missing ${packages[*]} ${lean[*]} (not root): charts in the 通报 may lack Chinese glyphs;" \
         "browser and LibreOffice tests skip" >&2
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
