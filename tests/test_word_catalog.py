"""One word catalog (unionboard.i18n): no user-visible Chinese outside it in pages/, ui/ and charts.py, every key
in both languages with the same placeholders, and no code finding a view's total row by its label."""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from unionboard import i18n

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
# Column names and stored values are the data's own identifiers (the SQL's columns, the roster's values): the
# code names them in Chinese and the catalog translates them when shown (i18n.label, i18n.value).
DATA_NAMES = set(i18n.COLUMNS) | set(i18n.VALUES)


def cjk_literals(source: str) -> list[tuple[int, str]]:
    """The string literals of `source` holding CJK characters (docstrings and comments left out)."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return sorted((node.lineno, node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and id(node) not in docstrings and CJK.search(node.value))


def test_the_check_sees_literals_and_f_strings_but_not_docstrings_or_comments():
    source = '"""模块说明"""\ndef f():\n    """函数说明"""\n    x = "街镇"  # 注释\n    return f"{x}已登录"\n'
    assert cjk_literals(source) == [(4, "街镇"), (5, "已登录")]


def test_no_chinese_literal_in_pages_ui_or_charts():
    files = sorted([*ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py"), ROOT / "unionboard" / "charts.py"])
    assert len(files) > 15
    found = [f"{f.relative_to(ROOT)}:{line}: {text!r}" for f in files
             for line, text in cjk_literals(f.read_text(encoding="utf-8")) if text not in DATA_NAMES]
    assert found == []


EMPTY_IN_ENGLISH = {"find_more"}  # 等 after a list: English says nothing

# messages whose two languages take different parameters on purpose (a date as 年月日 or ISO, a sentence
# that names a count in one language only); any other difference is a placeholder missing in one language
PHRASED_APART = {"date_long", "brief_new_members_target", "brief_status", "rep_head", "rep_late", "find_part"}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_both_languages_with_the_same_placeholders():
    assert len(i18n.WORDS) > 300
    for key, (zh, en) in i18n.WORDS.items():
        assert zh and (en or key in EMPTY_IN_ENGLISH), key  # a separator may be a space; nothing else is empty
        if key not in PHRASED_APART:
            assert _fields(zh) == _fields(en), key
    for name, col in i18n.COLUMNS.items():
        assert col.en.strip(), name
        assert (col.define_zh is None) == (col.define_en is None), name
    for value, en in i18n.VALUES.items():
        assert en.strip() and not CJK.search(en), value


def test_a_missing_language_is_seen():
    assert i18n.msg("signed_in", "zh", name="张三", role="领导") == "已登录：张三（领导）"
    assert i18n.msg("signed_in", "en", name="张三", role="领导") == "Signed in: 张三 (领导)"
    assert _fields("{name}（{code}）") != _fields("{name} ({key})")


def test_no_code_finds_the_total_row_by_its_label():
    # a comparison with "合计" (== / != / in) in the engine or the dashboard would be the label match that
    # ViewResult.total replaces; 合计 as a column name (changes-by-town's count of findings) is fine
    offenders = []
    for path in sorted([*ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("unionboard/**/*.py")]):
        if path.name == "i18n.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and any(
                    isinstance(x, ast.Constant) and x.value == "合计" for x in [node.left, *node.comparators]):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
