"""The sidebar's filters — language, as-of date, towns, industry — bound to the URL, so a link opens the
same view; values a link cannot mean are ignored with a notice."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from ui.context import Ctx
from ui.data import date_choices, dictionary, setting
from ui.plain import literal
from unionboard import store
from unionboard.i18n import ALL, join, msg
from unionboard.kinds import INDUSTRIES
from unionboard.views import ViewError, default_as_of, parse_date_arg

LANGS = ("zh", "en")
LANG_KEPT = "ub_lang"  # the language chosen, kept across pages (issue 22)


def _query_list(name: str) -> list[str]:
    """The values of a URL parameter ([] when absent or unreadable)."""
    try:
        return st.query_params.get_all(name)
    except Exception:  # noqa: BLE001 - a malformed URL must never break the page
        return []


def current_lang() -> str:
    """The language chosen (widget state, else the URL), for the navigation's titles."""
    lang = st.session_state.get("lang") or st.session_state.get(LANG_KEPT)
    if lang is None:
        lang = _url_lang()
    return lang if lang in LANGS else "zh"


def _url_lang() -> str | None:
    """The language code of the URL; an old link's label (lang=English, lang=中文) is read as its code."""
    codes = _query_list("lang")
    raw = codes[0] if codes else None
    return {msg(f"lang_{code}"): code for code in LANGS}.get(raw, raw) if raw else None


def _url_values(lang: str, snaps: list[dt.date], lookup: dict[str, str]) -> list[str]:
    """Check the URL's values before the widgets read them (aliases and in-between dates are mapped);
    the notices for the values that were ignored or mapped."""
    notices = []
    raw_towns = _query_list("town")
    if raw_towns and "town" not in st.session_state:
        bad = [v for v in raw_towns if v not in lookup]
        if bad:
            notices.append(msg("bad_url_town", lang, values=literal(join(bad[:5], lang)[:80])))
        known = list(dict.fromkeys(lookup[v] for v in raw_towns if v in lookup))
        if known:  # a link of unknown towns only is ignored whole: the default applies (a town account's own)
            st.session_state["town"] = known
    raw_asof = _query_list("asof")
    if raw_asof and "asof" not in st.session_state:
        try:
            wanted = parse_date_arg(raw_asof[0])
            usable = [s for s in snaps if s <= wanted]
        except ViewError:
            usable = []
        if not usable:
            notices.append(msg("bad_url_asof", lang, value=literal(raw_asof[0][:40])))
        else:
            if usable[0] != wanted:
                notices.append(msg("asof_mapped", lang, wanted=wanted.isoformat(), used=usable[0].isoformat()))
            st.session_state["asof"] = usable[0].isoformat()
    raw_ind = _query_list("industry")
    if raw_ind and raw_ind[0] not in INDUSTRIES and "industry" not in st.session_state:
        notices.append(msg("bad_url_industry", lang, value=literal(raw_ind[0][:40])))
    return notices


def sidebar_filters(db: Path) -> Ctx:
    """Language, as-of, towns and industry in the sidebar, bound to the URL; bad URL values are noticed."""
    ctx = sidebar_language(db)
    sidebar_data_filters(ctx)
    return ctx


def sidebar_language(db: Path) -> Ctx:
    """The language picker (its code kept in the URL: lang=zh|en) and the context it gives: the part of the sidebar shown
    before signing in (issue 28, item 8: no report dates or towns before sign-in)."""
    if "lang" not in st.session_state:  # a new session (the URL's) or another page (the language kept)
        kept = st.session_state.get(LANG_KEPT) or _url_lang()
        if kept in LANGS:
            st.session_state["lang"] = kept
    # issue 22: not bound to the URL by Streamlit, which writes the option's label there (lang=English); the URL
    # carries the code (lang=en), set here
    lang = st.sidebar.radio(msg("lang_picker"), list(LANGS), key="lang", horizontal=True,
                            format_func=lambda v: msg(f"lang_{v}"))
    st.session_state[LANG_KEPT] = lang  # a widget's state ends with its page; this one is carried to the next
    if _query_list("lang")[:1] != [lang] and (lang != LANGS[0] or _query_list("lang")):
        st.query_params["lang"] = lang
    return Ctx(db=db, version=store.data_version(db), lang=lang)


def sidebar_data_filters(ctx: Ctx) -> None:
    """As-of, towns and industry (after sign-in), bound to the URL; bad URL values are noticed as text.

    The as-of date defaults to the latest closed report date (METRICS.md; views.report_date_choices), a
    later date still coming in listed above it with how far it is. A 街镇 account lands on its own town
    (issue 22)."""
    version, lang = ctx.version, ctx.lang
    if version is None:
        return
    snaps, towns, lookup = dictionary(str(ctx.db), version)
    ctx.snapshots, ctx.towns_all = snaps, towns
    notices = _url_values(lang, snaps, lookup)
    choices = date_choices(str(ctx.db), version, dt.date.today())
    default, _ = default_as_of(choices)
    default_text = default.isoformat() if default else None
    # someone on the default date stays on the default when it moves (a month closes, an import)
    seen = st.session_state.get("ub_default_seen")
    if seen and default_text and seen != default_text and st.session_state.get("asof") == seen:
        st.session_state["asof"] = default_text
    st.session_state["ub_default_seen"] = default_text
    if "asof" not in st.session_state and default_text:
        st.session_state["asof"] = default_text
    if "town" not in st.session_state and ctx.user is not None and ctx.user.unit_towns:
        st.session_state["town"] = [t for t in ctx.user.unit_towns if t in towns]  # a 街镇 account: its own town
    coming_in = [c for c in choices if not c.closed]
    # the option itself is short (the sidebar cuts a long one); the full label is the caption below the picker
    labels = {c.snapshot.isoformat(): msg("asof_coming_in_short", lang, date=c.snapshot.isoformat(), n=c.reported,
                                          total=c.towns) for c in coming_in}
    st.sidebar.markdown(f"### {ctx.t('filters')}")
    as_of = st.sidebar.selectbox(ctx.t("asof"), [s.isoformat() for s in snaps], key="asof", bind="query-params",
                                 format_func=lambda v: labels.get(v, v),
                                 help=ctx.t("asof_help") + " " + ctx.t("asof_help_default", days=setting(ctx, "due_days")))
    for c in coming_in:  # issue 22/28: 「2015年7月报送中：1/12 个街镇已报送」 beside the default
        st.sidebar.caption(c.label(lang))
    chosen = st.sidebar.multiselect(ctx.t("towns"), towns, key="town", bind="query-params",
                                    placeholder=ctx.t("all_towns"))
    industry = st.sidebar.selectbox(ctx.t("industry"), [ALL, *INDUSTRIES], key="industry", bind="query-params",
                                    format_func=lambda v: ctx.t("all_industries") if v == ALL else v)
    ctx.as_of = dt.date.fromisoformat(as_of) if as_of else None
    ctx.towns = list(chosen)
    ctx.industry = None if industry in (None, ALL) else industry
    for n in notices:
        st.toast(n)
        st.sidebar.warning(n)
