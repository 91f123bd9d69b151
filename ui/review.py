"""审核 and 说明 on the dashboard (issue 25): the 管理员's review of the reports waiting, a town's view of its own
reports (states, a returned report's reason) and its explanations of the roster check's findings, and the 催报
text of 报送进度. Every button re-checks the account when it acts (ui.auth.acting_account), never trusting what
the page was drawn for; the engine (unionboard.review) refuses what the account may not do.
"""
from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd
import streamlit as st

from ui.auth import acting_account
from ui.context import Ctx
from ui.data import _connection, failure, setting
from ui.tables import MISSING, TableHeight, column_config
from unionboard import review, store
from unionboard.export import csv_bytes
from unionboard.i18n import join, msg, value
from unionboard.importer import set_setting
from unionboard.views import localize

# the findings' columns a reviewer or a town reads (the changes view's, without the town and report columns)
FINDING_COLUMNS = ["核对项", "统一社会信用代码", "单位名称", "说明状态", "说明", "上期经营状态", "上期建会情况", "上期会员人数",
                   "本期经营状态", "本期建会情况", "本期会员人数", "期间动态"]
MAX_BOXES = 20  # explanation boxes shown at once (the unexplained first: saving them brings the next)


def _cursor(db: str, version: tuple | None):  # noqa: ANN202 - a DuckDB cursor of the cached read connection
    """A cursor of the dashboard's read connection of this data version."""
    return store.cursor(_connection(db, version))


@functools.lru_cache(maxsize=16)
def _waiting(db: str, version: tuple, town: str | None) -> tuple[review.Report, ...]:
    """The reports waiting for review in this data version, oldest first (shared, read only)."""
    cur = _cursor(db, version)
    try:
        return tuple(review.waiting(cur, town))
    finally:
        cur.close()


@functools.lru_cache(maxsize=64)
def _report(db: str, version: tuple, report_id: int) -> review.Report | None:
    """One report by its id in this data version."""
    cur = _cursor(db, version)
    try:
        return review.report(cur, report_id)
    finally:
        cur.close()


@functools.lru_cache(maxsize=64)
def _findings(db: str, version: tuple, report_id: int, viewer_towns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """A report's roster-check findings with the town's explanations (shared, read only); a 街镇 account
    (`viewer_towns`) sees no other town's values."""
    cur = _cursor(db, version)
    try:
        rep = review.report(cur, report_id)
        if rep is None:
            return pd.DataFrame(columns=FINDING_COLUMNS)
        return review.findings(cur, rep, list(viewer_towns) if viewer_towns else None)
    finally:
        cur.close()


@functools.lru_cache(maxsize=16)
def _town_reports(db: str, version: tuple, town: str) -> pd.DataFrame:
    """A town's current reports with their review states."""
    cur = _cursor(db, version)
    try:
        return review.town_reports(cur, town)
    finally:
        cur.close()


def _rows_csv(db: str, version: tuple | None, report_id: int) -> bytes:
    """The report's units as CSV (UTF-8 with BOM), made when the download is clicked."""
    cur = _cursor(db, version)
    try:
        rep = review.report(cur, report_id)
        if rep is None:  # the report was shown but is gone by the click (another process): an empty file
            return b""
        return csv_bytes(review.rows(cur, rep))
    finally:
        cur.close()


def _table(ctx: Ctx, df: pd.DataFrame, key: str, height: TableHeight = "auto") -> None:
    """A table of canonical (Chinese) columns as the views' tables are shown: translated, formatted, defined."""
    st.dataframe(localize(df, ctx.lang), hide_index=True, width="stretch", height=height,
                 column_config=column_config(df, ctx.lang), key=key, placeholder=MISSING)


def _actor(db: Path) -> review.Actor | None:
    """Who acts now, as the accounts file says at this moment (None: signed out, changed or removed)."""
    account = acting_account(db)
    if account is None:
        return None
    return review.Actor(account.name, account.can_import, account.town)


# ---------------------------------------------------------------- the 审核 page (管理员)

def _decide(db: str, report_id: int, accept: bool, lang: str) -> None:
    """通过 / 退回 (a callback): the account is checked now; a refusal (no reason, decided by someone else a
    moment before, not a 管理员) is kept for the page to show beside the report."""
    actor = _actor(Path(db))
    if actor is None or not actor.can_decide:
        st.session_state["review_refused"] = (report_id, msg("review_admin_only", lang))
        return
    reason = st.session_state.get(f"review_reason_{report_id}", "")
    try:
        review.decide(Path(db), report_id, accept, reason, user=actor.name, actor=actor, lang=lang)
    except review.ReviewError as exc:
        st.session_state["review_refused"] = (report_id, str(exc))
        return
    except Exception as exc:  # noqa: BLE001 - disk, folder: explained on the page
        st.session_state["review_failure"] = exc
        return
    con = store.connect_read(Path(db))
    try:
        rep = review.report(con, report_id)
    finally:
        con.close()
    st.session_state["review_done"] = msg("rv_accepted" if accept else "rv_returned", lang, id=report_id,
                                          town=rep.town if rep else "", date=rep.snapshot.isoformat() if rep else "")


def _switch_review(db: str, lang: str) -> None:
    """审核开关 (a callback): on/off, recorded in the history; 管理员 only, checked now."""
    actor = _actor(Path(db))
    if actor is None or not actor.can_decide:
        st.session_state["review_refused"] = (None, msg("review_admin_only", lang))
        return
    value = "on" if st.session_state.get("review_switch") else "off"
    set_setting(Path(db), "review", value, user=actor.name, lang=lang)


def review_page(ctx: Ctx) -> None:
    """The reports waiting, oldest first, each with what a decision needs on one screen, and 通过 / 退回."""
    st.caption(ctx.t("rv_intro"))
    if not ctx.can_import:
        st.info(ctx.t("rv_admin_only"))
        return
    done = st.session_state.pop("review_done", None)
    if done:
        st.success(done)
    problem = st.session_state.pop("review_failure", None)
    if problem is not None:
        failure(ctx, problem)
    refused = st.session_state.pop("review_refused", None)
    waiting = _waiting(str(ctx.db), ctx.version, None)
    # a refusal about a report no longer waiting (another 管理员 decided it a moment before) is told at the top
    if refused and refused[0] not in {r.report_id for r in waiting}:
        st.error(refused[1])
    on = setting(ctx, "review") == "on"
    st.toggle(ctx.t("rv_switch"), value=on, key="review_switch", help=ctx.t("rv_switch_help"),
              on_change=_switch_review, args=(str(ctx.db), ctx.lang))
    if not on:
        st.caption(ctx.t("rv_is_off"))
    if not waiting:
        st.success(ctx.t("rv_none"))
        return
    st.subheader(ctx.t("rv_waiting", n=len(waiting)))
    for rep in waiting:
        with st.container(border=True, key=f"review_box_{rep.report_id}"):
            _one_report(ctx, rep, refused)


def _one_report(ctx: Ctx, rep: review.Report, refused: tuple | None) -> None:
    """One waiting report: towns, rows, change, notices, findings with explanations, the file, the decision."""
    st.markdown(f"#### {ctx.t('rv_head', id=rep.report_id, town=rep.town, date=rep.snapshot.isoformat())}")
    st.caption(ctx.t("rv_received", at=rep.received_at.strftime("%Y-%m-%d %H:%M"), by=rep.received_by or "",
                     file=rep.file_name or ""))
    c = st.columns(3)
    c[0].metric(ctx.t("rv_units"), f"{rep.units:,}", border=True)
    if rep.prev_date is not None:
        c[1].metric(ctx.t("rv_prev", date=rep.prev_date.isoformat()), f"{rep.prev_units:,}", border=True)
    else:
        c[1].metric(ctx.t("rv_prev", date="—"), ctx.t("rv_first"), border=True)
    change = rep.change
    # a plain quantity: no green or red (those mean 达标 and 滞后 only)
    c[2].metric(ctx.t("rv_change"), f"{change:+,}" if change is not None else "—", border=True, delta_color="off",
                delta=(f"{change * 100 / rep.prev_units:+.1f}%" if change is not None and rep.prev_units else None))
    if rep.replaces_units is not None:
        st.caption(ctx.t("rv_replaces", units=rep.replaces_units))
    notes = rep.note_lines
    with st.expander(ctx.t("rv_notes", n=len(notes)), expanded=bool(notes)):
        if notes:
            for line in notes:
                st.markdown(f"- {line}")
        else:
            st.caption(ctx.t("rv_no_notes"))
    found = _findings(str(ctx.db), ctx.version, rep.report_id)
    unexplained = int((found["说明状态"] == "待说明").sum()) if len(found) else 0
    if len(found):
        st.markdown(f"**{ctx.t('rv_findings', n=len(found), open=unexplained)}**")
        _table(ctx, found[FINDING_COLUMNS], f"review_findings_{rep.report_id}", min(320, 38 + 35 * len(found)))
    else:
        st.caption(ctx.t("rv_no_findings"))
    st.download_button(ctx.t("rv_download"),
                       functools.partial(_rows_csv, str(ctx.db), ctx.version, rep.report_id),
                       file_name=f"{rep.town}_{rep.snapshot.isoformat()}_{rep.report_id}.csv", mime="text/csv",
                       key=f"review_download_{rep.report_id}", on_click="ignore")
    st.text_area(ctx.t("rv_reason"), key=f"review_reason_{rep.report_id}", height=80, max_chars=review.MAX_TEXT)
    b1, b2, _ = st.columns([1, 1, 4])
    b1.button(ctx.t("rv_accept"), type="primary", key=f"review_accept_{rep.report_id}", on_click=_decide,
              args=(str(ctx.db), rep.report_id, True, ctx.lang), width="stretch")
    b2.button(ctx.t("rv_return"), key=f"review_return_{rep.report_id}", on_click=_decide,
              args=(str(ctx.db), rep.report_id, False, ctx.lang), width="stretch")
    if refused and refused[0] == rep.report_id:
        st.error(refused[1])


# ---------------------------------------------------------------- 数据管理: a town's reports and explanations

def _ordered(found: pd.DataFrame) -> pd.DataFrame:
    """The findings a box is shown for: the unexplained first, at most MAX_BOXES (saving some brings the next)."""
    order = (found["说明状态"] != "待说明").to_numpy() if "说明状态" in found else None
    ranked = found.iloc[order.argsort(kind="stable")] if order is not None else found
    return ranked.head(MAX_BOXES)


def _said(row: dict) -> str:
    """The explanation a finding has ('' while 待说明; an empty cell may come as None or NaN)."""
    text = row.get("说明")
    return "" if text is None or pd.isna(text) else str(text)


def _box_key(prefix: str, row: dict) -> str:
    """A box's key by its finding (not its place: the boxes move as findings are explained)."""
    return f"{prefix}_{row['统一社会信用代码']}_{row['核对项']}"


def _boxes(ctx: Ctx, found: pd.DataFrame, prefix: str) -> None:
    """A text box per finding (its 说明), filled with the explanation already given."""
    shown = _ordered(found)
    if len(found) > len(shown):
        st.caption(ctx.t("dm_explain_more", shown=len(shown), n=len(found)))
    for row in shown.to_dict("records"):
        st.text_input(ctx.t("dm_explain_box", finding=row["核对项"], name=row["单位名称"], code=row["统一社会信用代码"]),
                      value=_said(row), key=_box_key(prefix, row), max_chars=review.MAX_TEXT)


def _given(found: pd.DataFrame, prefix: str) -> list[tuple[str, str, str, str]]:
    """What the boxes hold now: (街镇, 统一社会信用代码, 核对项, text) of each box with text that is new or changed."""
    out = []
    for row in _ordered(found).to_dict("records"):
        text = str(st.session_state.get(_box_key(prefix, row), "") or "").strip()
        if text and text != _said(row):
            out.append((row["街镇"], row["统一社会信用代码"], row["核对项"], text))
    return out


def preview_explanations(ctx: Ctx, found: pd.DataFrame | None) -> None:
    """In the upload preview of a 街镇 account: a box per finding, explained before submitting."""
    if found is None or not len(found) or not ctx.upload_town:
        return
    st.session_state["data_preview_findings"] = found
    with st.expander(ctx.t("dm_explain_head"), expanded=True):
        st.caption(ctx.t("dm_explain_preview"))
        _boxes(ctx, found, "data_explain")


def submitted(db: Path, import_id: int, lang: str) -> str | None:
    """What a town's upload became: its reports waiting for review (None: accepted at once, review off)."""
    con = store.connect_read(db)
    try:
        ids = [f"#{r.report_id}" for r in review.waiting(con) if r.import_id == import_id]
    finally:
        con.close()
    return msg("dm_submitted", lang, ids=join(ids, lang)) if ids else None


def upload_explanations() -> dict[str, list[tuple[str, str, str]]]:
    """The explanations typed in the upload preview (read when the upload is confirmed), per town."""
    found = st.session_state.get("data_preview_findings")
    if found is None:
        return {}
    out: dict[str, list[tuple[str, str, str]]] = {}
    for town, code, finding, text in _given(found, "data_explain"):
        out.setdefault(town, []).append((code, finding, text))
    return out


def _save_explanations(db: str, version: tuple, report_id: int, lang: str) -> None:
    """保存说明 (a callback): the account is checked now; a town explains its own town's findings only."""
    actor = _actor(Path(db))
    if actor is None:
        st.session_state["town_explain_refused"] = msg("review_admin_only", lang)
        return
    found = _findings(db, version, report_id, (actor.town,) if actor.town else None)
    items = [(code, finding, text) for _, code, finding, text in _given(found, f"town_explain_{report_id}")]
    try:
        review.explain(Path(db), report_id, items, user=actor.name, actor=actor, lang=lang)
    except review.ReviewError as exc:
        st.session_state["town_explain_refused"] = str(exc)
        return
    except Exception as exc:  # noqa: BLE001 - disk, folder: explained on the page
        st.session_state["town_explain_failure"] = exc
        return
    st.session_state["town_explain_done"] = msg("dm_explain_saved", lang, n=len(items))


def town_section(ctx: Ctx) -> None:
    """A 街镇 account's own reports: their review states, a returned report's reason, and its findings to explain."""
    town = ctx.upload_town
    if not town or ctx.version is None:
        return
    st.subheader(ctx.t("dm_my_reports"))
    mine = _town_reports(str(ctx.db), ctx.version, town)
    if mine.empty:
        st.caption(ctx.t("dm_no_reports"))
        return
    for r in mine[mine["审核状态"] == review.RETURNED].itertuples(index=False):
        st.error(ctx.t("dm_returned", id=r[0], date=r[1].isoformat(), reason=r[9] or "", by=r[7] or "",
                       at=pd.Timestamp(r[8]).strftime("%Y-%m-%d %H:%M") if pd.notna(r[8]) else ""))
    _table(ctx, mine, "town_reports")
    st.markdown(f"**{ctx.t('dm_explain_head')}**")
    done = st.session_state.pop("town_explain_done", None)
    if done:
        st.success(done)
    refused = st.session_state.pop("town_explain_refused", None)
    if refused:
        st.error(refused)
    problem = st.session_state.pop("town_explain_failure", None)
    if problem is not None:
        failure(ctx, problem)
    ids = [int(i) for i in mine["报表编号"]]
    states = dict(zip(ids, mine["审核状态"], strict=True))
    dates = dict(zip(ids, mine["报表日期"], strict=True))
    pick = st.selectbox(ctx.t("dm_explain_pick"), ids, key="town_explain_report",
                        format_func=lambda i: ctx.t("dm_explain_option", id=i, date=dates[i].isoformat(),
                                                    state=value(states[i], ctx.lang)))
    found = _findings(str(ctx.db), ctx.version, int(pick), tuple(ctx.unit_towns) if ctx.unit_towns else None)
    if not len(found):
        st.caption(ctx.t("dm_explain_none"))
        return
    _table(ctx, found[FINDING_COLUMNS], "town_findings", min(320, 38 + 35 * len(found)))
    with st.form(f"town_explain_form_{pick}"):
        _boxes(ctx, found, f"town_explain_{pick}")
        st.form_submit_button(ctx.t("dm_explain_save"), type="primary", on_click=_save_explanations,
                              args=(str(ctx.db), ctx.version, int(pick), ctx.lang))


def admin_note(ctx: Ctx) -> None:
    """On 数据管理, for a 管理员: how many reports wait on 报表审核."""
    if not ctx.can_import or ctx.version is None:
        return
    waiting = _waiting(str(ctx.db), ctx.version, None)
    if waiting:
        st.info(ctx.t("dm_waiting", n=len(waiting), page=ctx.t("page_review")), icon=":material/rule:")


# ---------------------------------------------------------------- 报送进度: the review states and 催报

def review_counts(ctx: Ctx, sub: pd.DataFrame) -> None:
    """How many reports of the dates shown wait for review or were returned."""
    pending = int((sub["审核状态"] == review.PENDING).sum())
    returned = int((sub["审核状态"] == review.RETURNED).sum())
    if pending or returned:
        st.caption(ctx.t("sub_review", pending=pending, returned=returned))


def reminder(ctx: Ctx, text: str, as_of: str) -> None:
    """The 催报 text, with a copy button (st.code) and a download."""
    st.subheader(ctx.t("sub_reminder"))
    st.caption(ctx.t("sub_reminder_help"))
    if not text:
        st.success(ctx.t("sub_reminder_none"))
        return
    st.code(text, language=None, wrap_lines=True)
    st.download_button(ctx.t("sub_reminder_download"), text.encode("utf-8"),
                       file_name=f"{ctx.t('sub_reminder')}_{as_of}.txt", mime="text/plain",
                       key="submissions_reminder_download", on_click="ignore")
