"""The 通报 (Word) and the all-views workbook: documents that open, numbers equal to the views."""
from __future__ import annotations

import io

import docx
import openpyxl
import pytest

from apptest_helpers import metrics, open_page, texts
from unionboard.briefing import docx_bytes, workbook_bytes
from unionboard.cli import main
from unionboard.i18n import msg
from unionboard.summary import briefing
from unionboard.views import VIEWS, Filters, get_view


def test_briefing_numbers_equal_the_views(fixture_db):
    towns = get_view(fixture_db, "towns")
    doc = docx.Document(io.BytesIO(docx_bytes(fixture_db, Filters())))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "关于截至2015年6月30日工会组建工作进展情况的通报"
    assert briefing(towns) in texts
    assert any("全区在营单位6家，已建会单位4家，建会率66.67%；职工215人，会员173人，入会率80.47%" in t for t in texts)
    assert "安亭镇1个街镇慢于序时进度、处于预警。" in texts
    assert ("（3）会员转接不到位。今年以来企业关闭1家、迁出1家，工会撤销1家、转移接续1家，会员转接率50.00%；其中1家单位的"
            "15名会员未完成转接（安亭镇1家15人），“不断线、会员不流失”的要求尚未落实。") in texts
    table = doc.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[:2] == ["排名", "街镇"] and header[-1] == "进度状态"
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert rows["安亭镇"] == ["1", "安亭镇", "4", "3", "75.00", "3", "6", "50.00", "48", "100", "48.00", "预警"]
    assert rows["合计"][2:5] == ["6", "4", "66.67"]
    assert len(doc.inline_shapes) == 2  # the trend and the town chart, as images
    # 三、存在问题 from the views: 报送进度, 名册核对 (庚协会 is new in June with no event), 会员转接
    assert texts[texts.index("三、存在问题") + 2] == ("（2）名册变动未报动态。将各街镇本期与上期名册逐一比对，发现1项变动无企业动态"
                                                 "可以解释：嘉定镇街道1项（新增单位未报动态1）。")
    assert "3. 名册核对发现问题的街镇要逐一核实有关单位，补报企业动态或更正名册，确保工会组织不断线：嘉定镇街道1家（庚协会）。" in texts
    assert "4. 关闭、迁出单位所在街镇要跟踪未转接的会员，做好会员组织关系转接，做到会员不流失：安亭镇1家15人（戊公司）。" in texts


def test_briefing_for_one_town(fixture_db):
    doc = docx.Document(io.BytesIO(docx_bytes(fixture_db, Filters(towns=["安亭"]))))
    assert "安亭镇" in doc.paragraphs[0].text
    assert [r.cells[1].text for r in doc.tables[0].rows[1:]] == ["安亭镇", "合计"]


def test_workbook_has_every_view(fixture_db):
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(fixture_db, Filters())))
    assert wb.sheetnames == [msg(f"view_{name}") for name in VIEWS if not VIEWS[name].one_town]  # issue 24
    ws = wb["街镇进度"]
    values = list(ws.values)
    towns = get_view(fixture_db, "towns").df
    assert list(values[0]) == list(towns.columns)
    assert values[-1][:4] == ("合计", 6, 4, 66.67)


def test_cli_export_briefing_and_workbook(fixture_db, tmp_path):
    out = tmp_path / "tb.docx"
    assert main(["export", "briefing", "--as-of", "2015-06-30", "--town", "安亭镇", "--db", str(fixture_db),
                 "-o", str(out)]) == 0
    assert docx.Document(out).paragraphs[0].text.startswith("关于截至2015年6月30日")
    wb = tmp_path / "all.xlsx"
    assert main(["export", "workbook", "--db", str(fixture_db), "-o", str(wb)]) == 0
    assert len(openpyxl.load_workbook(wb).sheetnames) == len([n for n in VIEWS if not VIEWS[n].one_town])  # issue 24


@pytest.fixture
def db(fixture_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))
    return fixture_db


def test_meeting_mode_steps_through_topics(db):
    at = open_page("meeting")
    assert at.title[0].value == "全区总体情况"
    assert metrics(at)["在营单位"] == "6"
    at.button(key="meeting_next").click().run()
    assert at.title[0].value == "各街镇进度与序时进度"
    assert len(at.get("plotly_chart")) == 1
    at.button(key="meeting_next").click().run()
    assert at.title[0].value == "双过半" and "未实现“双过半”" in "\n".join(m.value for m in at.markdown)
    for _ in range(6):  # issue 27 added 行业、两新与楼宇目标 after 行业覆盖
        at.button(key="meeting_next").click().run()
    assert at.title[0].value == "滞后与预警街镇"
    assert "安亭镇：新建会 50.00%，新发展会员 48.00%" in "\n".join(m.value for m in at.markdown)
    at.button(key="meeting_next").click().run()
    assert at.title[0].value == "全区总体情况"  # wraps around
    at.button(key="meeting_prev").click().run()
    assert at.title[0].value == "滞后与预警街镇"


def test_meeting_mode_keeps_filters(db):
    at = open_page("meeting", query={"town": "嘉定镇街道"})
    assert metrics(at)["在营单位"] == "2"


def test_meeting_mode_in_english_shows_no_chinese_status_words(db):
    at = open_page("meeting")
    at.sidebar.radio(key="lang").set_value("en").run()
    seen = []
    for _ in range(9):  # every topic once (issue 27 added one)
        seen.append(at.title[0].value)
        seen.append(texts(at))
        seen.extend(metrics(at))
        at.button(key="meeting_next").click().run()
    assert not at.exception
    assert seen[0] == "District totals" and "Lagging and warning towns" in seen
    shown = "\n".join(seen)
    for word in ("达标", "预警", "滞后", "新建会", "新发展会员", "双过半", "序时进度", "在营单位"):
        assert word not in shown, word
    assert "安亭镇" in shown and "warning" in shown  # town names stay as they are; the status is in English
