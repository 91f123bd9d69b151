#!/usr/bin/env bash
# Run the dashboard on the bundled Jiading sample (built on first run) at http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
DB="${UNIONBOARD_DB:-data/unionboard.duckdb}"
if [[ ! -f "$DB" ]]; then
  .venv/bin/python -m unionboard init --db "$DB"
fi
exec .venv/bin/streamlit run dashboard.py --server.port "${PORT:-8501}" "$@"
