"""数据管理: upload a file, preview, reading notices, validation report, confirm to import; fill-in templates;
snapshots and history."""
from __future__ import annotations

import datetime as dt
import functools

import pandas as pd
import streamlit as st

from ui import shell
from ui.text import t
from unionboard.export import csv_bytes
from unionboard.importer import RollbackError, check_bytes, create_database, import_bytes, preview, rollback
from unionboard.kinds import KINDS
from unionboard.templates import template_name, town_template

ctx = shell.page_setup()
lang = ctx.lang
shell.heading(ctx, "page_data")

if ctx.version is None:
    st.info(t("no_db", lang, db=str(ctx.db)))
    if ctx.can_import and st.button("创建空数据库（仅含嘉定区街镇字典）" if lang != "en" else "Create an empty database",
                                    key="data_create"):
        create_database(ctx.db)
        st.rerun()
else:
    last = st.session_state.pop("data_last_result", None)
    if last:
        st.success(last)
    if not ctx.accounts_configured:
        st.info(t("read_only", lang))
    elif not ctx.can_import:
        st.info(t("admin_only", lang))
if ctx.version is not None and ctx.can_import:
    kinds = ["auto", *KINDS]
    c1, c2, c3 = st.columns([2, 2, 1])
    kind = c1.selectbox(t("kind", lang), kinds, key="data_kind",
                        format_func=lambda k: t("kind_auto", lang) if k == "auto" else f"{KINDS[k].zh}（{k}）")
    snap = c2.date_input(t("snapshot_date", lang), value=None, key="data_snapshot", min_value=dt.date(2000, 1, 1),
                         max_value=dt.date(2100, 12, 31), format="YYYY-MM-DD")
    replace = c3.checkbox(t("replace", lang), key="data_replace")
    upload = st.file_uploader(t("upload", lang), type=["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "et", "ods", "htm",
                                                      "html"], key="data_upload")
    if upload is not None:
        data = upload.getvalue()
        name = upload.name
        for sheet, df in preview(data, name, kind=kind).items():
            st.caption(f"{t('preview', lang)} · {sheet}")
            st.dataframe(df, hide_index=True, width="stretch", height=260)
        result = check_bytes(ctx.db, data, name, kind, snapshot=snap, replace=replace, lang=lang)
        # ---- what reading skipped or inferred (title rows, totals, footers, hidden rows, the report date)
        if result.notices:
            with st.expander(t("reading_notices", lang, n=len(result.notices)), expanded=True):
                st.dataframe(pd.DataFrame({t("reading_notice", lang): [n.line(lang) for n in result.notices]}),
                             hide_index=True, width="stretch", key="data_notices")
        for w in result.warnings:
            st.caption(f"{t('warnings', lang)}：{w.line(lang)}")
        if result.ok:
            st.success(t("valid", lang, rows=f"{result.rows:,}"))
            if st.button(t("confirm", lang), type="primary", key="data_confirm"):
                done = import_bytes(ctx.db, data, name, kind, snapshot=snap, replace=replace, lang=lang,
                                    user=ctx.user.name)
                if done.ok:
                    st.session_state["data_last_result"] = t("imported", lang, id=done.import_id,
                                                              summary="；".join(done.summary))
                    st.rerun()
                else:  # the database changed between check and import (another import): show why
                    st.error(t("invalid", lang, n=len(done.problems)))
                    st.dataframe(done.report(lang), hide_index=True, width="stretch")
        else:
            st.error(t("invalid", lang, n=len(result.problems)))
            report = result.report(lang)
            st.dataframe(report, hide_index=True, width="stretch", height=min(600, 38 + 35 * len(report)),
                         key="data_report")
            st.download_button(t("report_download", lang), csv_bytes(report), file_name=f"校验报告_{name}.csv",
                               mime="text/csv", key="data_report_download", on_click="ignore")
# ---- fill-in templates (unionboard.templates), beside the uploader: a 街镇 account gets its own town's
if ctx.version is not None:
    with st.expander(t("template_title", lang)):
        t1, t2, t3 = st.columns([2, 2, 1])
        template_kind = t1.selectbox(t("kind", lang), list(KINDS), key="data_template_kind",
                                     format_func=lambda k: f"{KINDS[k].zh}（{k}）")
        own_town = ctx.user.town if ctx.user is not None and ctx.user.role == "街镇" else None
        if own_town:
            template_town = own_town
            t2.text_input(t("template_town", lang), value=own_town, disabled=True, key="data_template_own_town")
        else:
            template_town = t2.selectbox(t("template_town", lang), [None, *ctx.towns_all], key="data_template_town",
                                         format_func=lambda x: t("template_all_towns", lang) if x is None else x)
        st.caption(t("template_help", lang))
        t3.download_button(t("template_download", lang),
                           functools.partial(town_template, ctx.db, template_kind, template_town, lang=lang),
                           file_name=template_name(template_kind, template_town),
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key="data_template_download", on_click="ignore")
if ctx.version is not None and ctx.can_import:
    past = shell.plain_table(ctx, "import_history")
    history_ids = past.loc[past["结果"] == "已导入", "编号"].astype(int).tolist()
    if history_ids:
        with st.expander(t("rollback", lang)):
            pick = st.selectbox(t("rollback_pick", lang), history_ids, key="data_rollback_id",
                                format_func=lambda i: f"#{i}")
            if st.button(t("rollback", lang), key="data_rollback"):
                try:
                    rollback(ctx.db, int(pick), user=ctx.user.name, lang=lang)
                    st.session_state["data_last_result"] = t("rollback_done", lang, detail=f"#{pick}")
                    st.rerun()
                except RollbackError as exc:
                    st.error(str(exc))
if ctx.version is not None:
    st.subheader(t("snapshots", lang))
    shell.show_plain_table(ctx, "snapshot_list", "data_snapshots")
    st.subheader(t("history", lang))
    shell.show_plain_table(ctx, "import_history", "data_history", height=360)
