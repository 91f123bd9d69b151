"""使用说明 (docs/使用说明.md, issue 26): every page it names is a page of the dashboard under its catalog title,
every button and message it quotes is the catalog's wording, every screenshot exists, and the dashboard's last
page shows the guide with its screenshots."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from apptest_helpers import open_page
from ui.guide import Block, blocks, guide_blocks, guide_path
from unionboard import i18n

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "使用说明.md"
TEXT = GUIDE.read_text(encoding="utf-8")
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")


def dashboard_pages() -> list[tuple[str, str]]:
    """(file, title key) of every page in dashboard.py's PAGES, read without running Streamlit."""
    tree = ast.parse((ROOT / "dashboard.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "PAGES":
            return [(e.elts[0].value, e.elts[1].value) for e in node.value.elts]
    raise AssertionError("no PAGES in dashboard.py")


def quotes(text: str) -> list[str]:
    """The 「…」 quotes of the text, outermost only (a quoted message may hold 「…」 of its own)."""
    found, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "「":
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == "」" and depth:
            depth -= 1
            if depth == 0:
                found.append(text[start:i])
    assert depth == 0, "an unclosed 「"
    return found


def _pattern(quote: str) -> re.Pattern:
    """A quote as a pattern: its "…" stands for what changes (a row number, a town)."""
    return re.compile(".*".join(re.escape(part) for part in quote.split("…")), re.S)


PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def catalog_texts(table: dict[str, tuple[str, str]] = i18n.WORDS) -> dict[str, str]:
    """Each catalog word in Chinese, its {placeholders} as a character no quote holds."""
    return {key: PLACEHOLDER.sub("\x00", zh) for key, (zh, _) in table.items()}


def matching_keys(quote: str, texts: dict[str, str]) -> list[str]:
    """The catalog keys whose Chinese text holds the quote (its "…" matching a placeholder or any words)."""
    pattern = _pattern(quote)
    return [key for key, zh in texts.items() if pattern.search(zh)]


def test_every_page_it_names_is_a_page_of_the_dashboard():
    titles = {i18n.msg(key, "zh"): file for file, key in dashboard_pages()}
    named = set(re.findall(r"【([^】]+)】", TEXT))
    assert named - set(titles) == set()
    # the staff's pages of the month are all there, the guide itself too
    assert {"总览", "数据管理", "报送进度", "名册核对", "会议模式", "使用说明"} <= named
    assert titles["使用说明"] == "pages/guide.py"


def test_the_guide_is_the_last_page_of_the_navigation():
    assert dashboard_pages()[-1] == ("pages/guide.py", "page_guide")
    assert i18n.msg("page_guide", "zh") == "使用说明" and guide_path() == GUIDE


def test_every_quoted_button_and_message_is_the_catalogs_wording():
    texts = catalog_texts() | {name: name for name in i18n.COLUMNS} | {v: v for v in i18n.VALUES}
    unknown = [q for q in quotes(TEXT) if not matching_keys(q, texts)]
    assert unknown == []


def test_every_refusal_in_the_table_is_a_catalog_message():
    section = TEXT.split("### 3. 文件被拒绝时怎么办")[1].split("\n### ")[0]
    rows = [line for line in section.splitlines() if line.startswith("| 「")]
    assert len(rows) >= 20
    messages = catalog_texts(i18n.MESSAGES)
    for line in rows:
        cell = line.split("|")[1].strip()
        (quote,) = quotes(cell)
        assert matching_keys(quote, messages), cell
    # the ones a town meets most, by their catalog keys
    keys = {k for line in rows for k in matching_keys(quotes(line.split("|")[1])[0], messages)}
    assert {"missing_column", "required", "not_int", "not_in", "code_length", "code_check", "code_as_number",
            "duplicate", "other_town", "snapshot_missing", "formula_no_value", "what_encrypted"} <= keys


def test_the_matching_is_exact_where_no_ellipsis_stands():
    messages = catalog_texts(i18n.MESSAGES)
    assert matching_keys("与第…行重复", messages) == ["duplicate"]
    assert matching_keys("缺少必填列「…」", messages) == ["missing_column"]
    assert matching_keys("与第行重复", messages) == []  # a placeholder is never matched by nothing at all
    assert quotes("点「确认导入」，见「缺少必填列「…」」") == ["确认导入", "缺少必填列「…」"]


def test_every_screenshot_exists():
    images = IMAGE.findall(TEXT)
    assert len(images) >= 10
    for caption, path in images:
        assert path.startswith("img/") and (GUIDE.parent / path).is_file(), path
        assert caption


def test_blocks_cut_text_and_images(tmp_path):
    text = "# 标题\n\n第一段\n\n![总览](img/a.png)\n\n第二段\n![报送进度](img/b.png)\n"
    assert blocks(text, tmp_path) == [
        Block(text="# 标题\n\n第一段"),
        Block(image=(tmp_path / "img" / "a.png").resolve(), caption="总览"),
        Block(text="第二段"),
        Block(image=(tmp_path / "img" / "b.png").resolve(), caption="报送进度"),
    ]
    assert guide_blocks(tmp_path / "none.md") is None


@pytest.fixture
def db(empty_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_DB", str(empty_db))
    return empty_db


def test_the_page_shows_the_guide_with_its_screenshots(db):
    at = open_page("guide")
    shown = "\n".join(m.value for m in at.markdown)
    assert "# 工会组建进度看板 使用说明" in shown
    assert "### 3. 文件被拒绝时怎么办" in shown and "「与第…行重复」" in shown
    images = at.get("image")
    assert len(images) == len(IMAGE.findall(TEXT))
    assert [img.proto.imgs[0].caption for img in images] == [c for c, _ in IMAGE.findall(TEXT)]
    assert not at.info  # Chinese: no note that the guide is in Chinese


def test_in_english_the_page_says_the_guide_is_chinese(db):
    at = open_page("guide")
    at.sidebar.radio(key="lang").set_value("en").run()
    assert [i.value for i in at.info] == [i18n.msg("guide_chinese_only", "en")]
