"""Each report is counted once when it arrives (report_cells, report_formed), and the towns, slices, key rates
and trend read those counts; where the units with events were seen (event_sightings) is kept with the reports
and made again when the events change, and where an event belongs (企业动态, 会员转接跟踪) is looked up there. A
database written before these tables existed reads the same on the fly until its next write, which stores
them. Fixture: test_town_reports.py's three towns (numbers worked out there)."""
from __future__ import annotations

import datetime as dt

import duckdb

from conftest import A1, D05, D06, M1, M2, THREE, load, roster, row
from unionboard.importer import rollback, set_setting
from unionboard.store import connect_read
from unionboard.views import Filters, get_view

D07 = dt.date(2015, 7, 31)

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
    load(reports_db, "events", CLOSURE)
    with duckdb.connect(str(reports_db)) as raw:  # as the release before report_cells wrote it
        raw.execute("DROP TABLE report_cells; DROP TABLE report_formed; DROP TABLE event_sightings")
        raw.execute("CREATE TABLE report_stats (import_id INTEGER); CREATE TABLE report_unions (import_id INTEGER)")
    assert clean(town_figures(reports_db)) == EXPECTED  # counted on the fly from the reports' units
    slices = get_view(reports_db, "sizes", Filters(towns=THREE)).df
    assert followup_towns(reports_db) == [("马陆镇", 15)]  # where M2 was seen, from the reports' units
    set_setting(reports_db, "due_days", "5")  # any write
    with duckdb.connect(str(reports_db), read_only=True) as raw:
        tables = {r[0] for r in raw.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert {"report_cells", "report_formed", "event_sightings"} <= tables and not {"report_stats", "report_unions"} & tables
        assert raw.execute("SELECT count(DISTINCT (import_id, snapshot, town)) FROM report_cells").fetchall() == \
            raw.execute("SELECT count(*) FROM reports").fetchall()
    assert clean(town_figures(reports_db)) == EXPECTED
    assert get_view(reports_db, "sizes", Filters(towns=THREE)).df.equals(slices)
    assert followup_towns(reports_db) == [("马陆镇", 15)]


# M2 (马陆镇, in its May report only) closes in June, its 原街镇 and 现街镇 not given: it belongs to the town of
# its latest report. Its union was dissolved with 25 members, 10 transferred: 15 not transferred.
CLOSURE = ("日期,统一社会信用代码,单位名称,事件,原街镇,现街镇,工会处置,涉及会员数,转接会员数\n"
           f"2015-06-20,{M2},某公司,关闭,,,撤销,25,10\n")


def closures(db) -> list[tuple[str, str, int]]:
    df = get_view(db, "dynamics", Filters(towns=THREE)).df
    return [(r["月份"], r["街镇"] if r["街镇"] == r["街镇"] else "", r["关闭"]) for r in df.to_dict("records") if r["关闭"]]


def followup_towns(db) -> list[tuple[str, int]]:
    return [(r["街镇"], r["未转接会员数"]) for r in get_view(db, "followup").df.to_dict("records")]


def test_an_event_finds_its_town_whichever_arrives_first(reports_db):
    load(reports_db, "events", CLOSURE)  # after M2's report: the sightings are made again from the reports
    assert followup_towns(reports_db) == [("马陆镇", 15)]
    assert closures(reports_db) == [("2015-06", "马陆镇", 1), ("合计", "", 1)]
    # 马陆镇's June report without M2: M2 is in no report in force any more; its latest report is May's
    load(reports_db, "units", roster(row(M1, "马陆镇", 50, 42, "2010-01-01")), snapshot=D06, town="马陆镇")
    assert followup_towns(reports_db) == [("马陆镇", 15)]
    assert closures(reports_db) == [("2015-06", "马陆镇", 1), ("合计", "", 1)]


def test_a_report_after_the_events_and_a_rollback_of_the_events(empty_db):
    from conftest import A2, build_reports

    load(empty_db, "events", CLOSURE)  # before any report: M2 is nowhere yet
    build_reports(empty_db)  # M2 arrives with 马陆镇's May report: noted with the report
    assert followup_towns(empty_db) == [("马陆镇", 15)]
    # A2 (安亭镇, 8 members in June) closes, its union dissolved, none transferred
    load(empty_db, "events", CLOSURE.splitlines()[0] + f"\n2015-06-25,{A2},某公司,关闭,,,撤销,8,0\n")
    assert followup_towns(empty_db) == [("马陆镇", 15), ("安亭镇", 8)]
    with duckdb.connect(str(empty_db), read_only=True) as raw:
        second = raw.execute("SELECT max(id) FROM imports WHERE kind = 'events'").fetchall()[0][0]
    rollback(empty_db, second)
    assert followup_towns(empty_db) == [("马陆镇", 15)]
    with duckdb.connect(str(empty_db), read_only=True) as raw:
        assert raw.execute("SELECT DISTINCT credit_code FROM event_sightings").fetchall() == [(M2,)]


def test_a_roster_of_several_towns_is_counted_per_town(reports_db):
    """One file, two towns: two reports of one import, counted together (one statement per table), each
    town's counts and sightings under its own report."""
    load(reports_db, "events", CLOSURE)
    july = roster(row(A1, "安亭镇", 100, 90, "2010-01-01"),
                  row(M1, "马陆镇", 50, 42, "2010-01-01"), row(M2, "马陆镇", 30, 25, "2015-03-01"))
    load(reports_db, "units", july, snapshot=D07)
    con = connect_read(reports_db)
    cells = con.execute("""SELECT town, count(DISTINCT import_id), sum(units), sum(unionised), sum(employees),
                                  sum(members)
                           FROM report_cells WHERE snapshot = $s GROUP BY town ORDER BY town""", {"s": D07}).fetchall()
    formed = con.execute("""SELECT town, union_year, sum(units) FROM report_formed WHERE snapshot = $s
                            GROUP BY ALL ORDER BY ALL""", {"s": D07}).fetchall()
    seen = con.execute("SELECT town, credit_code FROM event_sightings WHERE snapshot = $s", {"s": D07}).fetchall()
    # 安亭镇: A1 (100 employees, 90 members); 马陆镇: M1 (50, 42) and M2 (30, 25)
    assert cells == [("安亭镇", 1, 1, 1, 100, 90), ("马陆镇", 1, 2, 2, 80, 67)]
    assert formed == [("安亭镇", 2010, 1), ("马陆镇", 2010, 1), ("马陆镇", 2015, 1)]
    assert seen == [("马陆镇", M2)]  # only M2 has events
