"""Opening a page: one call gives the page its setup (filters, sign-in), its heading, guidance when there is
no data yet, and the views it needs, so that a page file holds layout only.

    ctx, (towns, trend) = open_page("page_overview", "towns", "trend")

When there is nothing to show (no database, no report, a view that cannot be computed) the call says so
and stops the page there.
"""
from __future__ import annotations

import html
import urllib.parse

import streamlit as st

from ui import data
from ui.auth import sign_in
from ui.context import CTX_KEY, Ctx
from ui.data import memo
from ui.figures import room_style
from ui.filters import current_lang, sidebar_data_filters, sidebar_language
from unionboard import errors, store
from unionboard.i18n import join, msg
from unionboard.summary import towns_without_target
from unionboard.views import ViewError, ViewResult


def setup() -> Ctx:
    """Every page starts here: the sidebar filters, bound to the URL, the sign-in, and the context they give.

    Streamlit runs the files of a `pages/` folder directly (its legacy multipage mode) until the
    entry point's st.navigation has run once in the process. If that happens (a deep link opened
    first after a restart), switch to the entry point's navigation and rerun: same URL, same page,
    with the navigation's titles. (AppTest resets that flag before every run, so every AppTest run of a
    page passes here twice; tests/apptest_helpers.server_like keeps it off, as a server does.)
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
    st.set_page_config(page_title=msg("app_title", current_lang()), page_icon="📊", layout="wide")
    room_style()  # issue 22: key figures never cut
    db = store.resolve_db(None)
    try:
        # issue 28, item 8: the language first, then the sign-in (which stops the page at its form), and
        # only then the filters — before sign-in the sidebar shows no report dates and no towns
        ctx = sidebar_language(db)
        sign_in(ctx)
        go_home(ctx)  # issue 24
        sidebar_data_filters(ctx)
    except Exception as exc:  # noqa: BLE001 - a damaged database or accounts file: explained, then nothing more
        if not (errors.is_environment(exc) or isinstance(exc, ViewError)):
            raise
        data.failure(Ctx(db=db, version=None, lang=current_lang()), exc)
        st.stop()
    st.session_state[CTX_KEY] = ctx
    return ctx


def need_data(ctx: Ctx) -> bool:
    """Show guidance and return False when there is nothing to show yet."""
    if ctx.version is None:
        st.info(ctx.t("page_no_db", db=str(ctx.db)))
        return False
    if not ctx.ready:
        st.info(ctx.t("no_snapshots"))
        return False
    return True


def caption(ctx: Ctx, result: ViewResult) -> None:
    """Which report date and filters a view used (every view states its report date), and what the
    figures are made of: towns counted from an earlier report (沿用) or not reported at all (未报送)."""
    r = result.resolved
    text = ctx.t("caption", snapshot=r.snapshot.isoformat(), year=r.year, towns=join(r.towns, ctx.lang) or ctx.t("all_towns"),
                 industry=r.industry or ctx.t("all_industries"))
    if r.baseline is None:
        text += " " + ctx.t("no_baseline")
    elif r.no_base:
        text += " " + ctx.t("some_without_baseline", towns=join(r.no_base, ctx.lang))
    st.caption(text)
    if r.carried or r.missing:
        st.warning(ctx.t("note_sep").join(memo(result, ("notes", ctx.lang), lambda: r.notes(ctx.lang))), icon=":material/history:")


def no_target_note(ctx: Ctx, towns: ViewResult) -> None:
    """Beside a 合计 完成率: which towns have no target (they take part in neither side of it)."""
    notes = memo(towns, ("no_target", ctx.lang), lambda: [
        ctx.t("no_target_towns", indicator=ctx.label(ind), towns=join(names, ctx.lang))
        for ind in ("新建会单位数", "新发展会员数") if (names := towns_without_target(towns, ind))])
    for note in notes:
        st.caption(note)


def open_page(title: str | None, *views: str, ctx: Ctx | None = None,
              needs_data: bool = True) -> tuple[Ctx, tuple[ViewResult, ...]]:
    """Set the page up (unless `ctx` is given), show its title (a catalog key), and, when it `needs_data`,
    the guidance if there is none yet, then compute `views` and state what the first one read (caption).
    The page stops here when there is nothing to show."""
    ctx = ctx or setup()
    if title:
        st.title(ctx.t(title))
    if needs_data and not need_data(ctx):
        st.stop()
    results = tuple(r for name in views if (r := data.view(ctx, name)) is not None)
    if len(results) < len(views):  # a view that cannot be computed said why
        st.stop()
    if results:
        caption(ctx, results[0])
    return ctx, results


def town_links(ctx: Ctx, towns: list[str]) -> str:
    """(issue 24) One line of links, each into a town's own progress page (pages/town.py, `town?town=…`); names
    escaped and quoted (they come from imported files)."""
    links = [f"<a href='town?town={urllib.parse.quote(t)}' target='_self'>{html.escape(ctx.t('town_link', town=t))}</a>"
             for t in towns]
    return "<div style='line-height:2'>" + " · ".join(links) + "</div>"


def go_home(ctx: Ctx) -> None:
    """(issue 24) A 街镇 account's home is its own town's page: the first page it opens at the root address in a
    session is that page (which shows the account's own town when the town filter names no single town); any page
    opened after that stays where the user asked. (The town filter is bound to the URL: it is never set here.)"""
    town = ctx.upload_town
    if not town or st.session_state.get("ub_home_done"):
        return
    st.session_state["ub_home_done"] = True
    if st.session_state.get("ub_page_path") == "":
        st.switch_page("pages/town.py")
