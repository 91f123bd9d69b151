"""数据管理: upload a file, preview, reading notices, validation report, confirm to import; fill-in templates;
snapshots and history."""
from __future__ import annotations

import datetime as dt
import functools

import pandas as pd
import streamlit as st

from ui.auth import acting_user, sign_in_record
from ui.data import failure as show_failure
from ui.data import plain_table, setting
from ui.page import open_page
from ui.plain import literal
from ui.review import admin_note, preview_explanations, submitted, town_section, upload_explanations
from ui.tables import MISSING, history_hidden, notices, show_plain_table
from unionboard.export import csv_bytes
from unionboard.i18n import join
from unionboard.i18n import msg as t
from unionboard.importer import RollbackError, check_bytes, create_database, import_bytes, preview, rollback
from unionboard.kinds import KINDS
from unionboard.readers import max_file_bytes
from unionboard.summary import findings_lines
from unionboard.templates import template_name, town_template

ctx, _ = open_page("page_data", needs_data=False)
lang = ctx.lang


# The buttons' work runs in their callbacks, before the script: it survives any rerun of the page.
def confirm_import(data: bytes, name: str, kind: str, **kw: object) -> None:
    """确认导入: import, then say what was done, or keep the refusal (or failure) for the page to show.
    The account is checked again now (issue 28): a 管理员, or the 街镇 account of the town declared."""
    user = acting_user(ctx, lambda u: u.can_import or (u.unit_towns is not None and kw.get("town") in u.unit_towns
                                                        and kind == "units"))
    if user is None:
        return
    # issue 25: a report waits for review (待审核), with the explanations typed in the preview, unless the account
    # is a 管理员 at this moment (checked now, not when the page was drawn)
    if not user.can_import:
        kw = {**kw, "pending": True, "explanations": upload_explanations()}
    try:
        done = import_bytes(ctx.db, data, name, kind, lang=lang, user=user.name, **kw)
    except Exception as exc:  # noqa: BLE001 - not even recordable (disk, folder): explained on the page
        st.session_state["data_failure"] = exc
        return
    if done.ok:
        st.session_state["data_last_result"] = t("import_done", lang, id=done.import_id,
                                                 summary=literal(t("part_sep", lang).join(done.summary)))
        if ctx.upload_town:  # issue 25: submitted for review
            st.session_state["data_last_result"] = submitted(ctx.db, done.import_id, lang) or st.session_state["data_last_result"]
        st.session_state["data_uploads"] = st.session_state.get("data_uploads", 0) + 1
    else:  # the database changed between check and import, or the import failed part-way (recorded)
        st.session_state["data_import_failed"] = done.report(lang)


def confirm_rollback(import_id: int) -> None:
    """回退 (the account checked again now: a 管理员 only, issue 28)."""
    user = acting_user(ctx, lambda u: u.can_import)
    if user is None:
        return
    try:
        rollback(ctx.db, import_id, user=user.name, lang=lang)
        st.session_state["data_last_result"] = t("rollback_done", lang, detail=f"#{import_id}")
    except RollbackError as exc:
        st.session_state["data_rollback_refused"] = str(exc)
    except Exception as exc:  # noqa: BLE001 - disk, folder, damaged backup: explained on the page
        st.session_state["data_failure"] = exc



if ctx.version is None:
    st.info(t("page_no_db", lang, db=str(ctx.db)))
    if ctx.can_import and st.button(t("create_empty_db", lang), key="data_create"):
        try:
            create_database(ctx.db)
            st.rerun()
        except Exception as exc:  # noqa: BLE001 - disk, folder: explained
            show_failure(ctx, exc)
else:
    last = st.session_state.pop("data_last_result", None)
    if last:
        st.success(last)
    failure = st.session_state.pop("data_failure", None)
    if failure is not None:
        show_failure(ctx, failure)
    if not ctx.accounts_configured:
        st.info(t("page_read_only", lang))
    elif ctx.upload_town:
        st.info(t("town_upload_only", lang, town=ctx.upload_town))
    elif not ctx.can_import:
        st.info(t("admin_only", lang))
if ctx.version is not None and (ctx.can_import or ctx.upload_town):
    # a 管理员 imports any kind for any town; a 街镇 account sends its own town's units report (and, issue 24, the
    # targets it signed with its areas)
    town = ctx.upload_town
    c1, c2, c3, c4 = st.columns([2, 2, 2, 2])
    if town:  # issue 24: its units report, or the targets it signed with its areas (importer: its own areas only)
        kind = c1.selectbox(t("kind", lang), ["units", "targets"], key="data_kind_town",
                            format_func=lambda k: t("kind_option", lang, name=KINDS[k].zh, code=town))
    else:
        kind = c1.selectbox(t("kind", lang), ["auto", *KINDS], key="data_kind",
                            format_func=lambda k: t("kind_auto", lang) if k == "auto" else t("kind_option", lang, name=KINDS[k].zh, code=k))
        picked = c3.selectbox(t("report_town", lang), ["", *ctx.towns_all], key="data_town",
                              format_func=lambda v: v or t("report_town_any", lang), help=t("report_town_help", lang))
        town = picked or None
    snap = c2.date_input(t("snapshot_date", lang), value=None, key="data_snapshot", min_value=dt.date(2000, 1, 1),
                         max_value=dt.date.today(), format="YYYY-MM-DD")  # issue 28: never after today
    received = None
    if ctx.can_import:
        received = c4.date_input(t("received_date", lang), value=None, key="data_received", min_value=dt.date(2000, 1, 1),
                                 max_value=dt.date.today(), format="YYYY-MM-DD", help=t("received_help", lang))
    # a new key after each import clears the uploader
    # issue 22: the uploader's own words (Drag and drop, Browse files/Upload, Limit … per file) are Streamlit's and
    # English; a Chinese instruction stands beside it, and its limit is the importer's (UNIONBOARD_MAX_FILE_MB)
    limit_mb = max_file_bytes() // (1024 * 1024)
    st.caption(t("upload_hint", lang, mb=limit_mb))
    upload = st.file_uploader(t("upload", lang), type=["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "et", "ods", "htm",
                                                      "html"], key=f"data_upload_{st.session_state.get('data_uploads', 0)}",
                              max_upload_size=limit_mb)
    result = None
    if upload is not None:
        data = upload.getvalue()
        name = upload.name
        try:  # a failure of the machine (or a bug) is explained, never shown as a traceback
            for sheet, df in preview(data, name, kind=kind).items():
                st.caption(f"{t('preview', lang)} · {literal(sheet)}")  # text from the file: never Markdown
                st.dataframe(df, hide_index=True, width="stretch", height=260, placeholder=MISSING)
            # checked as if replacing were allowed: what the file would replace is shown, then confirmed below
            result = check_bytes(ctx.db, data, name, kind, snapshot=snap, replace=True, lang=lang, town=town,
                                 viewer_towns=ctx.unit_towns)  # issue 28: no other town's values
        except Exception as exc:  # noqa: BLE001
            show_failure(ctx, exc)
    if result is not None:
        # what reading skipped or inferred (title rows, totals, footers, hidden rows, the report date)
        if result.notices:
            with st.expander(t("reading_notices", lang, n=len(result.notices)), expanded=True):
                st.dataframe(pd.DataFrame({t("reading_notice", lang): [n.line(lang) for n in result.notices]}),
                             hide_index=True, width="stretch", key="data_reading_notices")
        notices(ctx, result.warnings, "data_notices")
        if result.reports:
            st.markdown(f"**{t('report_plan', lang)}**")
            for plan in result.reports:
                st.markdown(f"- {literal(plan.line(lang))}")
                if plan.warning(lang):
                    st.warning(literal(plan.warning(lang)), icon=":material/warning:")
        if result.findings is not None:  # what the roster check will find: fix the file or send the events first
            st.markdown(f"**{t('preview_findings', lang, n=len(result.findings))}**")
            for line in findings_lines(result.findings, lang):
                st.markdown(f"- {literal(line)}")  # unit names come from the file
            if len(result.findings):
                st.dataframe(result.findings, hide_index=True, width="stretch", height=240, key="data_findings",
                             placeholder=MISSING)
            preview_explanations(ctx, result.findings)  # issue 25: a town explains before submitting
        if result.ok:
            st.success(t("valid", lang, rows=f"{result.rows:,}"))
            replacing = [p.town for p in result.reports if p.replaces is not None]
            agreed = True
            if result.needs_confirmation:
                agreed = st.checkbox(t("confirm_replace", lang, towns=join(replacing, lang)) if replacing
                                     else t("confirm_shrink", lang), key="data_agree")
            # issue 25: a town's upload is submitted for review
            submit = t("dm_submit", lang) if ctx.upload_town and setting(ctx, "review") == "on" else t("confirm", lang)
            st.button(submit, type="primary", key="data_confirm", disabled=not agreed,
                      on_click=confirm_import, args=(data, name, kind),
                      kwargs={"snapshot": snap, "replace": bool(replacing), "town": town, "received": received})
            failed = st.session_state.pop("data_import_failed", None)
            if failed is not None:
                st.error(t("invalid", lang, n=len(failed)))
                st.dataframe(failed, hide_index=True, width="stretch", placeholder=MISSING)
        else:
            st.error(t("invalid", lang, n=len(result.problems)))
            report = result.report(lang)
            st.dataframe(report, hide_index=True, width="stretch", height=min(600, 38 + 35 * len(report)), placeholder=MISSING,
                         key="data_report")
            st.download_button(t("report_download", lang), csv_bytes(report), file_name=f"{t('file_report', lang)}_{name}.csv",
                               mime="text/csv", key="data_report_download", on_click="ignore")
town_section(ctx)  # issue 25: a 街镇 account's reports, their review states and its explanations
admin_note(ctx)  # issue 25: a 管理员 is told how many reports wait for review
# ---- fill-in templates (unionboard.templates), beside the uploader: a 街镇 account gets its own town's
# (pre-filled with its latest report)
if ctx.version is not None:
    with st.expander(t("template_title", lang)):
        t1, t2, t3 = st.columns([2, 2, 1])
        own_town = ctx.upload_town
        # issue 22: 单位名册 first; a 街镇 account is offered only what it may upload (its units roster)
        template_kinds = ["units", "targets"] if own_town else ["units", *(k for k in KINDS if k != "units")]
        template_kind = t1.selectbox(t("kind", lang), template_kinds, key="data_template_kind",
                                     format_func=lambda k: t("kind_option", lang, name=KINDS[k].zh, code=k))
        if own_town:
            template_town = own_town
            t2.text_input(t("template_town", lang), value=own_town, disabled=True, key="data_template_own_town")
        else:
            template_town = t2.selectbox(t("template_town", lang), [None, *ctx.towns_all], key="data_template_town",
                                         format_func=lambda x: t("template_all_towns", lang) if x is None else x)
        st.caption(t("template_town_kinds", lang, town=own_town) if own_town else t("template_help", lang))
        t3.download_button(t("template_download", lang),
                           functools.partial(town_template, ctx.db, template_kind, template_town, lang=lang),
                           file_name=template_name(template_kind, template_town),
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key="data_template_download", on_click="ignore")
if ctx.version is not None and ctx.can_import:
    past = plain_table(str(ctx.db), ctx.version, "import_history")
    # imports, and (issue 25) decisions on reports: undone by rollback
    history_ids = past.loc[past["结果"].isin(["已导入", "审核通过", "审核退回"]), "编号"].astype(int).tolist()
    if history_ids and ctx.can_import:
        with st.expander(t("rollback", lang)):
            pick = st.selectbox(t("rollback_pick", lang), history_ids, key="data_rollback_id",
                                format_func=lambda i: f"#{i}")
            st.button(t("rollback", lang), key="data_rollback", on_click=confirm_rollback, args=(int(pick),))
            refused = st.session_state.pop("data_rollback_refused", None)
            if refused:
                st.error(literal(refused))
    sign_in_record(ctx, "data_signins")
if ctx.version is not None:
    st.subheader(t("snapshots", lang))
    show_plain_table(ctx, "snapshot_list", "data_snapshots")
    st.subheader(t("history", lang))
    show_plain_table(ctx, "import_history", "data_history", height=360, hide=history_hidden(ctx))
