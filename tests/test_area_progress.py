"""(issue 24) Views area-progress and area-status (METRICS.md "One level down"), row by row from the small district
of tests/area_fixture.py, worked out by hand; the 合计 of area-progress is the town's row of the towns view."""
from __future__ import annotations

import math

import pandas as pd
import pytest
from area_fixture import build_areas

from unionboard.cli import main
from unionboard.export import csv_bytes
from unionboard.views import VIEWS, Filters, ViewError, get_view

ANTING = Filters(towns=["安亭镇"])


@pytest.fixture
def db(empty_db):
    """The one-level-down district (tests/area_fixture.py)."""
    return build_areas(empty_db)


def cells(row: pd.Series, cols: list[str]) -> list:
    """A row's values, empty cells as None."""
    return [None if pd.isna(row[c]) else row[c] for c in cols]


def test_area_progress_rows_by_hand(db):
    res = get_view(db, "area-progress", ANTING)
    df = res.df
    assert list(df.columns[:3]) == ["街镇", "村居园区", "在营单位数"]
    assert list(df.columns[-5:]) == ["双过半", "区下达新建会单位数目标", "新建会单位数目标差额", "区下达新发展会员数目标",
                                     "新发展会员数目标差额"]
    # areas in name order (泰 U+6CF0 < 红 U+7EA2 < 黄 U+9EC4), then the units without an area, then the whole town
    assert list(df["村居园区"]) == ["泰顺村", "红星村", "黄渡村", "未填村居园区", "合计"]
    assert list(df["街镇"]) == ["安亭镇"] * 5
    assert list(res.is_total) == [False, False, False, False, True]
    cols = ["在营单位数", "已建会单位数", "职工人数", "会员人数", "新建会单位数", "新建会单位数目标", "新建会单位数完成率(%)",
            "新发展会员数", "新发展会员数目标", "新发展会员数完成率(%)", "进度状态", "双过半"]
    # 泰顺村: A6 only, no target (its row with an empty 目标值 set none); new members 20 - 0 (no units there before)
    assert cells(df.iloc[0], cols) == [1, 1, 25, 20, 1, None, None, 20, None, None, None, None]
    # 红星村: A1 + A2; A2's union of 2015-03-10 is new; members 98 - 80; 50% and 90% (its federation: 1 of 1):
    # the lowest, 50.00, is at least 序时进度 49.59 → 达标; both at least 50% in June → 双过半
    assert cells(df.iloc[1], cols) == [2, 2, 110, 98, 1, 2, 50.0, 18, 20, 90.0, "达标", "是"]
    # 黄渡村: A5 (new, no union); A3 left for 马陆镇, so its 30 members of the baseline count against the area
    assert cells(df.iloc[2], cols) == [1, 0, 30, 0, 0, 1, 0.0, -30, 10, -300.0, "滞后", "否"]
    # 未填村居园区: A4, never a target
    assert cells(df.iloc[3], cols) == [1, 1, 20, 12, 0, None, None, 2, None, None, None, None]
    # 合计: the whole town (A4 included) against the sum of the area targets (3 and 30): 2/3 = 66.67%, 10/30 = 33.33%,
    # the lowest below 0.8 × 49.59 = 39.67 → 滞后; beside it what the district gave the town (2, 30), the difference
    total = df.iloc[4]
    assert cells(total, cols) == [5, 4, 185, 130, 2, 3, 66.67, 10, 30, 33.33, "滞后", "否"]
    assert cells(total, ["区下达新建会单位数目标", "新建会单位数目标差额", "区下达新发展会员数目标", "新发展会员数目标差额"]) == [
        2, 1, 30, 0]
    assert (total["建会率(%)"], total["入会率(%)"], total["序时进度(%)"]) == (80.0, 70.27, 49.59)
    assert df.iloc[:4]["区下达新建会单位数目标"].isna().all()


def test_a_town_without_area_targets(db):
    df = get_view(db, "area-progress", Filters(towns=["马陆"])).df  # an alias names the town too
    assert list(df["村居园区"]) == ["大裕村", "未填村居园区", "合计"]
    cols = ["在营单位数", "会员人数", "新建会单位数", "新建会单位数目标", "新发展会员数", "进度状态", "区下达新建会单位数目标",
            "新建会单位数目标差额"]
    assert cells(df.iloc[0], cols) == [1, 45, 0, None, 5, None, None, None]
    # A3 arrived from 安亭镇 without an area: 马陆镇's 未填村居园区, all its members new to 马陆镇 (none there before)
    assert cells(df.iloc[1], cols) == [1, 30, 0, None, 30, None, None, None]
    assert cells(df.iloc[2], cols) == [2, 75, 0, None, 35, None, 1, None]


@pytest.mark.parametrize("town", ["安亭镇", "马陆镇", "南翔镇"])
def test_total_is_the_towns_row(db, town):
    """The 合计 of area-progress --town T is T's row of towns in every column they share; its targets are the
    areas' sum, and the district's are beside them (区下达…目标)."""
    total = get_view(db, "area-progress", Filters(towns=[town])).total
    row = get_view(db, "towns").df.set_index("街镇").loc[town]
    targets = {"新建会单位数目标", "新建会单位数完成率(%)", "新发展会员数目标", "新发展会员数完成率(%)", "进度状态"}
    shared = [c for c in row.index if c not in targets]
    assert len(shared) == 12  # 街镇 (the index) aside: the stock columns, both actuals and 序时进度
    for c in shared:
        a, b = total[c], row[c]
        assert (pd.isna(a) and pd.isna(b)) or a == b, (c, a, b)
    for ind in ("新建会单位数", "新发展会员数"):
        given, shown = row[f"{ind}目标"], total[f"区下达{ind}目标"]
        assert (pd.isna(given) and pd.isna(shown)) or given == shown


def test_area_status_by_hand(db):
    res = get_view(db, "area-status")
    df = res.df
    assert list(df.columns) == ["街镇", "村居园区数", "有目标村居园区数", "达标", "预警", "滞后", "无目标"]
    by_town = df.set_index("街镇")
    # 安亭镇: 泰顺村 (无目标), 红星村 (达标), 黄渡村 (滞后); its units without an area are no area
    assert list(by_town.loc["安亭镇"]) == [3, 2, 1, 0, 1, 1]
    # 马陆镇: 大裕村, no target
    assert list(by_town.loc["马陆镇"]) == [1, 0, 0, 0, 0, 1]
    assert list(by_town.loc["南翔镇"]) == [0, 0, 0, 0, 0, 0]
    assert df.iloc[-1]["街镇"] == "合计" and bool(res.is_total[-1])
    assert list(df.iloc[-1][1:]) == [4, 2, 1, 0, 1, 2]
    assert len(df) == 13  # the twelve towns of the dictionary, then 合计
    two = get_view(db, "area-status", Filters(towns=["马陆镇", "安亭镇"])).df
    assert list(two["街镇"]) == ["安亭镇", "马陆镇", "合计"]


def test_a_year_without_area_targets_or_baseline(db):
    """At 2014-12-31 (target year 2014): no targets that year, no baseline (no report on 2013-12-31)."""
    df = get_view(db, "area-progress", Filters(towns=["安亭镇"], as_of=pd.Timestamp("2014-12-31").date())).df
    assert list(df["村居园区"]) == ["红星村", "黄渡村", "未填村居园区", "合计"]
    assert df["新建会单位数目标"].isna().all() and df["进度状态"].isna().all() and df["双过半"].isna().all()
    assert df["新发展会员数"].isna().all()
    assert list(df["在营单位数"]) == [2, 1, 1, 4]


def test_exactly_one_town(db):
    for towns in ([], ["安亭镇", "马陆镇"]):
        with pytest.raises(ViewError) as err:
            get_view(db, "area-progress", Filters(towns=towns))
        assert "一个街镇" in str(err.value)
    assert VIEWS["area-progress"].one_town and not VIEWS["area-status"].one_town


def test_export_three_doors(db, tmp_path, capsys):
    out = tmp_path / "a.csv"
    assert main(["export", "area-progress", "--town", "安亭", "--db", str(db), "-o", str(out)]) == 0
    assert out.read_bytes() == csv_bytes(get_view(db, "area-progress", ANTING).df)
    assert main(["export", "area-progress", "--db", str(db)]) == 2
    assert "一个街镇" in capsys.readouterr().err
    assert main(["export", "area-progress", "--town", "安亭镇", "--town", "马陆镇", "--db", str(db)]) == 2
    out = tmp_path / "s.csv"
    assert main(["export", "area-status", "--db", str(db), "-o", str(out)]) == 0
    assert out.read_bytes() == csv_bytes(get_view(db, "area-status").df)


def test_industry_filter_counts_that_industry_without_targets(db):
    df = get_view(db, "area-progress", Filters(towns=["安亭镇"], industry="建筑业")).df
    assert list(df["村居园区"]) == ["合计"] and df.iloc[0]["在营单位数"] == 0
    assert math.isnan(df.iloc[0]["新建会单位数完成率(%)"])


def test_english(db):
    df = get_view(db, "area-progress", ANTING, lang="en").df
    assert list(df.columns[:2]) == ["town", "area"] and list(df["area"])[-2:] == ["no area given", "Total"]


def test_the_briefing_of_one_town_covers_its_areas(db):
    import io

    import docx

    from unionboard.briefing import docx_bytes

    doc = docx.Document(io.BytesIO(docx_bytes(db, ANTING)))
    text = [p.text for p in doc.paragraphs]
    at = text.index("安亭镇各村居园区目标完成情况")
    assert at < text.index("三、存在问题")
    # ranked by the lower completion: 红星村 min(50, 90) = 50 before 黄渡村 min(0, -300)
    assert text[at + 1] == "按完成率排名（取新建会单位数、新发展会员数完成率中较低者）：红星村（50.00%/90.00%）、黄渡村（0.00%/-300.00%）。"
    assert text[at + 2] == "滞后的村居园区：黄渡村，请加大工作力度。"
    assert text[at + 3] == "“双过半”：1个村居园区已实现（红星村），1个未实现。"
    assert text[at + 4].startswith("全镇新建会单位数2家、新发展会员数10人，对村居园区目标之和完成率分别为66.67%、33.33%；"
                                   "区下达目标新建会单位数2家、新发展会员数30人")
    table = doc.tables[-1]
    assert [r.cells[1].text for r in table.rows] == ["村居园区", "红星村", "黄渡村", "合计"]
    district = docx.Document(io.BytesIO(docx_bytes(db, Filters())))
    assert not [p.text for p in district.paragraphs if "村居园区目标完成情况" in p.text]
    # a 街镇 account's 通报 of the district covers its own town's areas
    own = docx.Document(io.BytesIO(docx_bytes(db, Filters(), unit_towns=["马陆镇"])))
    text = [p.text for p in own.paragraphs]
    assert text[text.index("马陆镇各村居园区目标完成情况") + 1] == "本街镇尚未导入与村居园区签订的目标。"


def test_an_older_database_counts_its_areas_on_the_fly_then_stores_them(db):
    """A database written before report_area_cells: read on the fly from the reports, then counted from every report
    file at its next write — the same rows either way."""
    import duckdb

    from conftest import load

    before = get_view(db, "area-progress", ANTING).df
    con = duckdb.connect(str(db))
    con.execute("DROP TABLE report_area_cells")
    con.execute("DROP TABLE report_area_formed")
    con.execute("CHECKPOINT")
    con.close()
    pd.testing.assert_frame_equal(get_view(db, "area-progress", ANTING).df, before)
    load(db, "training", "开始日期,结束日期,地点,主办单位,参训街镇,培训对象,参训人数\n"
                         "2015-03-16,2015-03-18,,区总工会,安亭镇,村(园区)工会主席,3\n")
    con = duckdb.connect(str(db), read_only=True)
    stored = con.execute("SELECT count(*) FROM report_area_cells").fetchall()[0][0]
    con.close()
    assert stored == 3 + 1 + 4 + 2  # (area, 行业类别) per report: 安亭镇 2014 3, 马陆镇 2014 1, 安亭镇 2015 4, 马陆镇 2015 2
    pd.testing.assert_frame_equal(get_view(db, "area-progress", ANTING).df, before)
    assert list(get_view(db, "area-status").df.iloc[-1][1:]) == [4, 2, 1, 0, 1, 2]
