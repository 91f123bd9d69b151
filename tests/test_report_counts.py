"""Each report is counted once when it arrives (report_cells, report_formed), and the towns, slices, key rates
and trend read those counts; a database written before they existed is counted on the fly until its next write,
which stores them. Fixture: test_town_reports.py's three towns (numbers worked out there)."""
from __future__ import annotations

import duckdb

from conftest import D05, THREE
from unionboard.importer import set_setting
from unionboard.store import connect_read
from unionboard.views import Filters, get_view

STOCK = ("在营单位数", "已建会单位数", "职工人数", "会员人数", "新建会单位数", "新发展会员数")


def town_figures(db) -> dict[str, list]:
    df = get_view(db, "towns", Filters(towns=THREE)).df
    return {r["街镇"]: [r[c] for c in STOCK] for r in df.to_dict("records")}


# 安亭镇 from June (A1 100/90, A2 10/8 union 2015-06-10), 马陆镇 and 南翔镇 carried from May
EXPECTED = {"安亭镇": [2, 2, 110, 98, 1, 18], "马陆镇": [2, 2, 80, 67, 1, 27], "南翔镇": [1, 1, 40, 30, 1, None],
            "合计": [5, 5, 230, 195, 3, 45]}


def clean(figures: dict[str, list]) -> dict[str, list]:
    return {t: [None if v != v else v for v in vals] for t, vals in figures.items()}


def test_a_report_is_counted_once_when_it_arrives(reports_db):
    con = connect_read(reports_db)
    cells = con.execute("""SELECT sum(units), sum(active), sum(unionised), sum(employees), sum(members)
                           FROM report_cells WHERE snapshot = $s AND town = '马陆镇'""", {"s": D05}).fetchall()
    formed = con.execute("""SELECT sum(units) FROM report_formed WHERE snapshot = $s AND town = '马陆镇'
                            AND union_year = 2015""", {"s": D05}).fetchall()
    # 马陆镇 in May: M1 (50 employees, 42 members) and M2 (30, 25, union formed 2015-03-01)
    assert cells == [(2, 2, 2, 80, 67)] and formed == [(1,)]
    assert clean(town_figures(reports_db)) == EXPECTED


def test_a_database_counted_by_industry_only_reads_the_same_and_is_counted_at_its_next_write(reports_db):
    with duckdb.connect(str(reports_db)) as raw:  # as the release before report_cells wrote it
        raw.execute("DROP TABLE report_cells; DROP TABLE report_formed")
        raw.execute("CREATE TABLE report_stats (import_id INTEGER); CREATE TABLE report_unions (import_id INTEGER)")
    assert clean(town_figures(reports_db)) == EXPECTED  # counted on the fly from the reports' units
    slices = get_view(reports_db, "sizes", Filters(towns=THREE)).df
    set_setting(reports_db, "due_days", "5")  # any write
    with duckdb.connect(str(reports_db), read_only=True) as raw:
        tables = {r[0] for r in raw.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert {"report_cells", "report_formed"} <= tables and not {"report_stats", "report_unions"} & tables
        assert raw.execute("SELECT count(DISTINCT (import_id, snapshot, town)) FROM report_cells").fetchall() == \
            raw.execute("SELECT count(*) FROM reports").fetchall()
    assert clean(town_figures(reports_db)) == EXPECTED
    assert get_view(reports_db, "sizes", Filters(towns=THREE)).df.equals(slices)
