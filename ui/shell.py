"""The old name of the dashboard's shared pieces, kept for what imports it (the benchmark reads the view
cache's statistics as `shell._view.cache_info()`). New code imports the rooms themselves:

    ui.page       opening a page: setup, heading, guidance, views (pages call open_page)
    ui.context    Ctx: database, language, filters, the signed-in account
    ui.data       data access and caches (the view LRU, memo, documents)
    ui.filters    the sidebar's filters and the URL
    ui.auth       signing in, the kept sign-in, the sign-in record
    ui.tables     tables as exported, unit lists a page at a time
    ui.downloads  CSV/XLSX downloads, the 通报 and the workbook
    ui.figures    charts, key-figure cards, status boxes
"""
from __future__ import annotations

from ui.context import CTX_KEY, Ctx
from ui.data import PAGE_ROWS, _view, memo, view, whole_view
from ui.downloads import download_bytes, download_name, download_xlsx_bytes
from ui.page import open_page, setup

__all__ = ["CTX_KEY", "PAGE_ROWS", "Ctx", "_view", "download_bytes", "download_name", "download_xlsx_bytes", "memo",
           "open_page", "setup", "view", "whole_view"]
