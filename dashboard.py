"""工会组建进度看板 — the Streamlit entry point: the navigation over the pages in pages/.

Run: streamlit run dashboard.py   (database: $UNIONBOARD_DB or data/unionboard.duckdb)
Each page renders the shared sidebar filters itself (ui.shell.page_setup), so a page works the
same whether Streamlit reaches it through this navigation or directly from the pages/ folder.
"""
from __future__ import annotations

import streamlit as st

from ui.shell import current_lang
from ui.text import t

st.set_page_config(page_title="工会组建进度看板", page_icon="📊", layout="wide", initial_sidebar_state="expanded")

PAGES = [  # (file, title key, url path, icon)
    ("pages/overview.py", "page_overview", "overview", ":material/dashboard:"),
    ("pages/towns.py", "page_towns", "towns", ":material/flag:"),
    ("pages/industries.py", "page_industries", "industries", ":material/factory:"),
    ("pages/buildings.py", "page_buildings", "buildings", ":material/apartment:"),
    ("pages/federations.py", "page_federations", "federations", ":material/groups:"),
    ("pages/dynamics.py", "page_dynamics", "dynamics", ":material/swap_horiz:"),
    ("pages/changes.py", "page_changes", "changes", ":material/fact_check:"),
    ("pages/training.py", "page_training", "training", ":material/school:"),
    ("pages/uncovered.py", "page_uncovered", "uncovered", ":material/list_alt:"),
    ("pages/submissions.py", "page_submissions", "submissions", ":material/outgoing_mail:"),
    ("pages/data.py", "page_data", "data", ":material/upload_file:"),
    ("pages/meeting.py", "page_meeting", "meeting", ":material/slideshow:"),
]

lang = current_lang()
nav = st.navigation([st.Page(f, title=t(k, lang), url_path=u, icon=i, default=(u == "overview"))
                     for f, k, u, i in PAGES])
nav.run()
