"""The entry point's navigation: 总览 answers at the root and at its own path (…/overview?town=… opened
Streamlit's English "Page not found"), every other page at its own name."""
from __future__ import annotations

import runpy
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parents[1]


def test_overview_answers_at_the_root_and_at_its_own_path(monkeypatch):
    built = []

    class Navigation:
        url_path = ""  # the page it runs (issue 24: dashboard.py keeps it for a 街镇 account's home)

        def __init__(self, pages, expanded=False):
            built.extend(pages)
            assert expanded is True  # issue 26: every page in the menu, none behind "View more"

        def run(self):
            return None

    def page(file, **kw):
        return {"file": file, "url_path": kw.get("url_path"), "default": kw.get("default", False),
                "visibility": kw.get("visibility", "visible")}

    monkeypatch.setattr(st, "Page", page)
    monkeypatch.setattr(st, "navigation", Navigation)
    monkeypatch.setattr(st, "set_page_config", lambda **kw: None)
    runpy.run_path(str(ROOT / "dashboard.py"), run_name="dashboard")
    overview = sorted((p["url_path"], p["visibility"]) for p in built if p["file"] == "pages/overview.py")
    assert overview == [("", "visible"), ("overview", "hidden")]
    assert [(p["file"], p["url_path"]) for p in built if p["default"]] == [("pages/overview.py", "")]
    named = sorted(p["url_path"] for p in built if p["url_path"] and p["visibility"] == "visible")
    assert named == sorted(["towns", "industries", "buildings", "federations", "dynamics", "changes", "training",
                            "uncovered", "submissions", "data", "review", "meeting", "town",
                            "guide"])  # review: issue 25; town: issue 24; guide: issue 26
    assert len({p["url_path"] for p in built}) == len(built)  # no two pages at one path
