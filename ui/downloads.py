"""Downloads: a view's table as CSV (the bytes `unionboard export` writes) and as XLSX, the 通报 and the
all-views workbook — each made when its button is clicked."""
from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st

from ui.context import Ctx
from ui.data import document_bytes, memo
from unionboard.export import csv_bytes, xlsx_bytes
from unionboard.views import ViewResult, localize

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def download_name(ctx: Ctx, result: ViewResult) -> str:
    """File name with view, towns and date: towns_安亭镇-马陆镇_2015-06-30.csv."""
    towns = "-".join(result.resolved.towns) if result.resolved.towns else ctx.t("file_district")
    parts = [result.name, towns]
    if result.resolved.industry:
        parts.append(result.resolved.industry)
    parts.append(result.resolved.snapshot.isoformat())
    return "_".join(parts) + ".csv"


def download_bytes(ctx: Ctx, result: ViewResult) -> bytes:
    """The download's bytes: the same CSV `unionboard export` writes (kept with the view result)."""
    return memo(result, ("csv", ctx.lang), lambda: csv_bytes(localize(result.df, ctx.lang)))


def download_xlsx_bytes(ctx: Ctx, result: ViewResult) -> bytes:
    """The same table as the CSV download, as an Excel workbook of one sheet: text cells stay text, so an
    all-digit 统一社会信用代码 keeps its 18 digits (kept with the view result)."""
    return memo(result, ("xlsx", ctx.lang), lambda: xlsx_bytes({result.title: localize(result.df, ctx.lang)}))


def download(ctx: Ctx, result: ViewResult, key: str, whole: Callable[[], ViewResult] | None = None) -> None:
    """A CSV download button (UTF-8 with BOM) for a view and, beside it, the same table as XLSX; the bytes
    are made when a button is clicked.

    With `whole`, the download is of the view that function gives (the whole list behind one page).
    """
    def data() -> bytes:
        return download_bytes(ctx, whole() if whole is not None else result)

    def data_xlsx() -> bytes:
        return download_xlsx_bytes(ctx, whole() if whole is not None else result)

    name = download_name(ctx, result)
    row = st.container(horizontal=True, vertical_alignment="center")
    row.download_button(ctx.t("download_csv_of", title=ctx.t(f"view_{result.name}")),
                        data=data, file_name=name, mime="text/csv", key=f"{key}_download", on_click="ignore",
                        help=ctx.t("csv_codes"))
    row.download_button(f"⬇ {ctx.t('download_xlsx')}", data=data_xlsx, file_name=name.removesuffix(".csv") + ".xlsx",
                        mime=XLSX, key=f"{key}_download_xlsx", on_click="ignore")
    if "统一社会信用代码" in result.df.columns:
        row.caption(ctx.t("csv_codes"))


def document_downloads(ctx: Ctx, result: ViewResult) -> None:
    """The 通报 (Word) and every view (Excel), built when clicked, the same as `export briefing|workbook`."""
    stem = download_name(ctx, result).removesuffix(".csv").replace(result.name + "_", "", 1)
    a, b = st.columns(2)
    a.download_button(ctx.t("download_briefing"), functools.partial(document_bytes, ctx, "briefing"),
                      file_name=f"{ctx.t('file_briefing')}_{stem}.docx", key="overview_briefing", on_click="ignore",
                      width="stretch", mime=DOCX)
    b.download_button(ctx.t("download_workbook"), functools.partial(document_bytes, ctx, "workbook"),
                      file_name=f"{ctx.t('file_workbook')}_{stem}.xlsx", key="overview_workbook", on_click="ignore",
                      width="stretch", mime=XLSX)
