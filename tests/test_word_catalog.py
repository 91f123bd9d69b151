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


# issue 26 (the house): the engine's messages are in the catalog too — no language branch outside it.
LANGUAGE_BRANCH = re.compile(r"""lang\s*[!=]=\s*["']en["']|["']en["']\s*[!=]=\s*lang""")


def test_no_language_branch_outside_the_catalog():
    """No module of unionboard/, ui/ or pages/ but i18n.py compares a language code with "en"."""
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
             for folder in ("unionboard", "ui", "pages") for path in sorted((ROOT / folder).rglob("*.py"))
             if path.name != "i18n.py"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if LANGUAGE_BRANCH.search(line)]
    assert found == []


def test_the_branch_check_sees_both_spellings():
    """The pattern finds `lang == "en"`, `lang != 'en'` and `"en" == lang`, not `lang == "zh"`."""
    assert LANGUAGE_BRANCH.search('x if lang == "en" else y')
    assert LANGUAGE_BRANCH.search("x if lang != 'en' else y")
    assert LANGUAGE_BRANCH.search('"en" == lang')
    assert not LANGUAGE_BRANCH.search('lang == "zh"')


def test_a_problem_reads_the_same_in_both_languages_as_before_the_move():
    """The place of a problem in its file, word for word as the engine wrote it before its words moved here."""
    from unionboard.validate import Problem

    with_letter = Problem("a.xlsx", "名册", 5, "职工人数", "abc", "empty_file", {}, "H")
    reason_zh, reason_en = i18n.msg("empty_file", "zh"), i18n.msg("empty_file", "en")
    assert with_letter.line("zh") == f"a.xlsx［名册］ 第5行 H列「职工人数」 值「abc」：{reason_zh}"
    assert with_letter.line("en") == f'a.xlsx［名册］ row 5 column H "职工人数" value "abc": {reason_en}'
    no_letter = Problem("a.csv", None, None, "职工人数", None, "empty_file", {})
    assert no_letter.line("zh") == f"a.csv「职工人数」：{reason_zh}"
    assert no_letter.line("en") == f'a.csv column "职工人数": {reason_en}'
    assert with_letter.record("en") == {"file": "a.xlsx", "sheet": "名册", "row": 5, "column": 'column H "职工人数"',
                                        "value": "abc", "problem": reason_en}
    assert list(no_letter.record("zh")) == ["文件", "工作表", "行", "列", "值", "问题"]
