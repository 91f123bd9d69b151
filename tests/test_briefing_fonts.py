"""The 通报's charts (issue 22): the CJK font is loaded from its file, so a matplotlib font cache written before
the CJK fonts were installed still draws every Chinese label; the document is A4 with the GB/T 9704 margins."""
from __future__ import annotations

import io
import os
import warnings

import docx
import pytest
from matplotlib import font_manager

from unionboard import briefing
from unionboard.views import Filters, get_view

if briefing.cjk_font_file() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI is set but no CJK font is installed: scripts/setup.sh installs fonts-noto-cjk")
    pytest.skip("no CJK font on this machine (apt-get install fonts-noto-cjk)", allow_module_level=True)


@pytest.fixture
def stale_font_cache(monkeypatch):
    """matplotlib's font list as a cache written before fonts-noto-cjk was installed: no CJK font in it."""
    cjk = briefing.cjk_font_file()
    monkeypatch.setattr(font_manager.fontManager, "ttflist",
                        [f for f in font_manager.fontManager.ttflist if f.fname != cjk and "CJK" not in f.name])
    font_manager.fontManager._findfont_cached.cache_clear()
    yield
    font_manager.fontManager._findfont_cached.cache_clear()


def _draw_without_missing_glyphs(draw) -> bytes:  # noqa: ANN001
    """Draw a chart with matplotlib's "Glyph … missing from font(s)" warning raised as an error."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*[Gg]lyph.*missing.*")
        return draw()


def test_the_missing_glyph_check_catches_a_font_without_chinese(stale_font_cache):
    """The check itself: drawing Chinese in DejaVu Sans alone (what a stale cache used to give) fails it."""
    plt = briefing._plt()
    plt.rcParams["font.sans-serif"] = ["DejaVu Sans"]

    def draw() -> bytes:
        fig, ax = plt.subplots()
        ax.set_title("序时进度")
        return briefing._png(fig)

    with pytest.raises(UserWarning, match="missing"):
        _draw_without_missing_glyphs(draw)


def test_charts_draw_every_label_with_a_stale_font_cache(fixture_db, stale_font_cache):
    towns, trend = get_view(fixture_db, "towns"), get_view(fixture_db, "trend")
    assert briefing.cjk_font() == "Noto Sans CJK SC"  # the Simplified Chinese face of the collection, found by file
    town_png = _draw_without_missing_glyphs(lambda: briefing.town_chart_png(towns.rows))
    trend_png = _draw_without_missing_glyphs(lambda: briefing.trend_chart_png(trend.df, 2015))
    assert town_png.startswith(b"\x89PNG") and trend_png.startswith(b"\x89PNG")
    # the whole 通报, its two charts included
    _draw_without_missing_glyphs(lambda: briefing.docx_bytes(fixture_db, Filters()))


def test_the_briefing_is_a4_with_official_margins(fixture_db):
    section = docx.Document(io.BytesIO(briefing.docx_bytes(fixture_db, Filters()))).sections[0]
    # Word stores lengths in twips: compared to the millimetre
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] == [
        37, 35, 28, 26]
