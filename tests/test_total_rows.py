"""合计, 小计, 总计 and 累计 — the words total rows use — are reserved: no town or alias may be (or begin
with) one. And Python never finds a view's total row by its label: a view result carries its total row
as the SQL marks it (is_total), so a town named 合计 in a database from before the reservation is never
taken for the district total (issue 17, item 7; issue 15)."""
from __future__ import annotations

import io

import docx
import duckdb
import pytest

from apptest_helpers import metrics, open_page, texts
from conftest import J2, rewrite_units
from unionboard import charts
from unionboard.briefing import docx_bytes
from unionboard.importer import import_bytes
from unionboard.summary import briefing, status_counts
from unionboard.views import Filters, get_view

REFUSAL = "「合计、小计、总计、累计」是合计行使用的词，不能用作（或开头于）街镇名称或别名"


@pytest.mark.parametrize(("name", "word"), [("合计", "合计"), ("小计镇", "小计"), ("总 计", "总计")])
def test_a_town_named_with_a_total_word_is_a_total_row(empty_db, name, word):
    # a row whose first cell begins with a total word is a total row (DATA-FORMAT.md): skipped, said, never a town
    r = import_bytes(empty_db, f"街镇,类型,别名\n{name},镇,\n".encode(), "towns.csv", "towns")
    assert not r.ok and [p.line() for p in r.problems] == ["towns.csv：文件没有数据行"]
    assert [n.line() for n in r.notices] == [f"towns.csv 第2行：{word}行，不作为单位导入"]
    r = import_bytes(empty_db, f"街镇,类型,别名\n新城镇,镇,\n{name},镇,\n".encode(), "towns.csv", "towns")
    assert r.ok and r.summary == ["街镇：新增 1 行，0 行已有"]
    assert [n.line() for n in r.notices] == [f"towns.csv 第3行：{word}行，不作为单位导入"]


def test_total_words_refused_as_an_alias(empty_db):
    r = import_bytes(empty_db, "街镇,类型,别名\n新城镇,镇,新城、累计\n".encode(), "towns.csv", "towns")
    assert not r.ok
    assert [p.line() for p in r.problems] == [f"towns.csv 第2行 C列「别名」 值「新城、累计」：{REFUSAL}"]
    r = import_bytes(empty_db, "街镇,类型,别名\n新城镇,镇,新城、累计\n".encode(), "towns.csv", "towns", lang="en")
    assert "no town name or alias may be or begin with one" in r.problems[0].line("en")


def test_names_merely_containing_the_words_are_fine(empty_db):
    r = import_bytes(empty_db, "街镇,类型,别名\n新合计镇,镇,\n".encode(), "towns.csv", "towns")
    assert r.ok, [p.line() for p in r.problems]


@pytest.fixture
def old_db(fixture_db, monkeypatch):
    """A database from before the reservation: a town named 合计 with one active unit without a union."""
    con = duckdb.connect(str(fixture_db))
    try:
        con.execute("INSERT INTO towns VALUES (99, '合计', '镇', [])")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    rewrite_units(fixture_db, """
        SELECT * FROM units
        UNION ALL
        SELECT snapshot, '91310114000000099X', '辛公司', '合计', NULL, NULL, industry, unit_type, fortune500, 40, 0,
               status, union_form, federation, union_date, members, migrant_members
        FROM units WHERE credit_code = $c""", {"c": J2})
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))
    return fixture_db


def test_the_total_row_is_never_a_town_named_like_it(old_db):
    result = get_view(old_db, "towns")
    towns = result.df
    assert list(towns["街镇"]).count("合计") == 2  # the town, then the total row
    assert result.total["在营单位数"] == 7  # the fixture's 6 and 辛公司
    rows = result.rows
    assert len(rows) == len(towns) - 1 and rows["街镇"].iloc[-1] == "合计" and rows["在营单位数"].iloc[-1] == 1
    assert "全区在营单位7家" in briefing(result)
    assert "合计" not in sum(status_counts(result).values(), [])  # it has no targets, hence no status
    fig = charts.town_progress(result.rows)
    assert list(fig.data[0].x)[-1] == "合计" and len(fig.data[0].x) == len(towns) - 1


def test_the_total_row_is_the_one_the_sql_marks(fixture_db):
    # a view without a total has none; one with a total carries it apart from its rows, whatever its label
    assert get_view(fixture_db, "uncovered").total is None
    result = get_view(fixture_db, "uncovered-by-town")
    # the fixture's two active units without a union: 己公司 (安亭镇, 25 employees) and 庚协会 (嘉定镇街道, none)
    assert result.total == {"街镇": "合计", "未建会单位数": 2, "25人以上": 1, "25人以下": 1, "涉及职工人数": 25,
                            "涉及农民工人数": 0}
    assert "合计" not in list(result.rows["街镇"]) and len(result.rows) == len(result.df) - 1
    english = get_view(fixture_db, "uncovered-by-town", lang="en")
    assert english.total["town"] == "Total" and english.total["units without union"] == 2


def test_pages_and_briefing_show_the_district_total(old_db):
    at = open_page()
    assert metrics(at)["在营单位"] == "7"
    assert "全区在营单位7家" in texts(at)
    at.switch_page("pages/uncovered.py").run()
    assert metrics(at)["未建会在营单位"] == "3"  # 己公司, 庚协会 and the town 合计's 辛公司
    doc = docx.Document(io.BytesIO(docx_bytes(old_db, Filters())))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "全区在营单位7家" in text
    rows = doc.tables[0].rows
    # the ranking table: 排名, 街镇, 在营单位数 …; only the district total (the last row) is bold
    bold = [r.cells[1].text for r in rows[1:] if any(run.font.bold for run in r.cells[1].paragraphs[0].runs)]
    assert bold == ["合计"] and rows[-1].cells[2].text == "7"
