"""工会组建进度看板 — the Streamlit entry point: the navigation over the pages in pages/.

Run: streamlit run dashboard.py   (database: $UNIONBOARD_DB or data/unionboard.duckdb)
Each page opens itself (ui.page.open_page: filters, sign-in, heading, views), so a page works the same
whether Streamlit reaches it through this navigation or directly from the pages/ folder.
"""
from __future__ import annotations

import streamlit as st

from ui.filters import current_lang
from unionboard.i18n import msg

lang = current_lang()
st.set_page_config(page_title=msg("app_title", lang), page_icon="📊", layout="wide", initial_sidebar_state="expanded")

PAGES = [  # (file, title key, url path, icon)
    ("pages/overview.py", "page_overview", "overview", ":material/dashboard:"),
    ("pages/towns.py", "page_towns", "towns", ":material/flag:"),
    ("pages/town.py", "page_town", "town", ":material/location_city:"),  # issue 24: a town's own page
    ("pages/industries.py", "page_industries", "industries", ":material/factory:"),
    ("pages/buildings.py", "page_buildings", "buildings", ":material/apartment:"),
    ("pages/federations.py", "page_federations", "federations", ":material/groups:"),
    ("pages/dynamics.py", "page_dynamics", "dynamics", ":material/swap_horiz:"),
    ("pages/changes.py", "page_changes", "changes", ":material/fact_check:"),
    ("pages/training.py", "page_training", "training", ":material/school:"),
    ("pages/uncovered.py", "page_uncovered", "uncovered", ":material/list_alt:"),
    ("pages/submissions.py", "page_submissions", "submissions", ":material/outgoing_mail:"),
    ("pages/data.py", "page_data", "data", ":material/upload_file:"),
    ("pages/review.py", "page_review", "review", ":material/rule:"),  # issue 25: 审核
    ("pages/meeting.py", "page_meeting", "meeting", ":material/slideshow:"),
    ("pages/guide.py", "page_guide", "guide", ":material/menu_book:"),  # issue 26: the user guide, last
]
DEFAULT = "overview"

# The default page is served at the root URL only: its own path (…/overview?town=…, as links are written)
# would open Streamlit's "Page not found". So the default page is the root's, and the same file, hidden
# from the menu, answers at its own path.
pages = [st.Page(f, title=msg(k, lang), url_path="" if u == DEFAULT else u, icon=i, default=(u == DEFAULT))
         for f, k, u, i in PAGES]
pages += [st.Page(f, title=msg(k, lang), url_path=u, icon=i, visibility="hidden") for f, k, u, i in PAGES if u == DEFAULT]
page = st.navigation(pages, expanded=True)  # issue 26: every page listed (more than ten hide behind "View more")
st.session_state["ub_page_path"] = page.url_path  # issue 24: a 街镇 account lands on its town's page (ui.page.go_home)
page.run()
