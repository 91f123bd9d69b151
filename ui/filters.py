"""The sidebar's filters — language, as-of date, towns, industry — bound to the URL, so a link opens the
same view; values a link cannot mean are ignored with a notice."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from ui.context import Ctx
from ui.data import dictionary
from unionboard import store
from unionboard.i18n import ALL, join, msg
from unionboard.kinds import INDUSTRIES
from unionboard.views import ViewError, parse_date_arg

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
    raw = (_query_list("lang") or [None])[0]
    return {msg(f"lang_{code}"): code for code in LANGS}.get(raw, raw) if raw else None


def _url_values(lang: str, snaps: list[dt.date], lookup: dict[str, str]) -> list[str]:
    """Check the URL's values before the widgets read them (aliases and in-between dates are mapped);
    the notices for the values that were ignored or mapped."""
    notices = []
    raw_towns = _query_list("town")
    if raw_towns and "town" not in st.session_state:
        bad = [v for v in raw_towns if v not in lookup]
        if bad:
            notices.append(msg("bad_url_town", lang, values=join(bad[:5], lang)[:80]))
        st.session_state["town"] = list(dict.fromkeys(lookup[v] for v in raw_towns if v in lookup))
    raw_asof = _query_list("asof")
    if raw_asof and "asof" not in st.session_state:
        try:
            wanted = parse_date_arg(raw_asof[0])
            usable = [s for s in snaps if s <= wanted]
        except ViewError:
            usable = []
        if not usable:
            notices.append(msg("bad_url_asof", lang, value=raw_asof[0][:40]))
        else:
            if usable[0] != wanted:
                notices.append(msg("asof_mapped", lang, wanted=wanted.isoformat(), used=usable[0].isoformat()))
            st.session_state["asof"] = usable[0].isoformat()
    raw_ind = _query_list("industry")
    if raw_ind and raw_ind[0] not in INDUSTRIES and "industry" not in st.session_state:
        notices.append(msg("bad_url_industry", lang, value=raw_ind[0][:40]))
    return notices


def sidebar_filters(db: Path) -> Ctx:
    """Language, as-of, towns and industry in the sidebar, bound to the URL; bad URL values are noticed."""
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
    version = store.data_version(db)
    ctx = Ctx(db=db, version=version, lang=lang)
    if version is None:
        return ctx
    snaps, towns, lookup = dictionary(str(db), version)
    ctx.snapshots, ctx.towns_all = snaps, towns
    notices = _url_values(lang, snaps, lookup)
    # someone on the latest snapshot stays on the latest when an import adds a newer one
    latest = snaps[0].isoformat() if snaps else None
    seen = st.session_state.get("ub_latest_seen")
    if seen and latest and seen != latest and st.session_state.get("asof") == seen:
        st.session_state["asof"] = latest
    st.session_state["ub_latest_seen"] = latest
    st.sidebar.markdown(f"### {ctx.t('filters')}")
    as_of = st.sidebar.selectbox(ctx.t("asof"), [s.isoformat() for s in snaps], key="asof", bind="query-params",
                                 help=ctx.t("asof_help"))
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
    return ctx
