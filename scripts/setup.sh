#!/usr/bin/env bash
# Install what unionboard needs on a fresh Debian machine: the venv with pinned packages and,
# with --browser, Debian's Chromium and CJK fonts for the end-to-end tests and screenshots, and
# LibreOffice Calc and Writer without their GUI (the smallest packages with `soffice --headless
# --convert-to`), which the tests open a filled template and the 通报 with, as a user's office would.
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian packages: CJK fonts always (chart images in the 通报), Chromium with --browser (end-to-end tests)
packages=()
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || packages+=(fonts-noto-cjk)
if [[ "${1:-}" == "--browser" ]] && ! command -v chromium >/dev/null 2>&1; then
  packages+=(chromium)
fi
lean=()  # installed without recommended packages (LibreOffice would bring a desktop along)
if [[ "${1:-}" == "--browser" ]]; then
  for office in libreoffice-calc-nogui libreoffice-writer-nogui; do
    dpkg -s "$office" >/dev/null 2>&1 || lean+=("$office")
  done
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
