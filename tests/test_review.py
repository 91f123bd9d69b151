"""审核 and 说明 (issue 25, METRICS.md "Review"), on the command line and in the engine.

The district of conftest.build_reports: on 2015-06-30 only 安亭镇 has reported; 马陆镇's report in force is
2015-05-31's — M1 (50 employees, 42 members), M2 (30, 25): 2 在营 units, 67 members. 马陆镇 then sends its June
report, which waits for review:
  first:  M1 (50, 10) only → 单位消失未报动态 M2, 工会断线 M2, 会员锐减 M1 (42 → 10: −32, −76%)
  again:  M1 (50, 10), M2 (30, 25) → 会员锐减 M1 only; accepted: 2 在营 units, 35 members.
"""
from __future__ import annotations

import concurrent.futures
import datetime as dt
from pathlib import Path

import pytest

from conftest import D06, M1, M2, roster, row
from unionboard import review
from unionboard.cli import main
from unionboard.importer import import_bytes, rollback
from unionboard.store import connect_read
from unionboard.views import Filters, get_view, table

FIRST = roster(row(M1, "马陆镇", 50, 10, "2010-01-01"))
AGAIN = roster(row(M1, "马陆镇", 50, 10, "2010-01-01"), row(M2, "马陆镇", 30, 25, "2015-03-01"))
REASON = "名册缺少M2，请补全后重报"
MALU = review.Actor("malu", False, "马陆镇")


def malu(db: Path) -> tuple[int, int]:
    """马陆镇's 在营单位数 and 会员人数 at 2015-06-30 (the towns view)."""
    df = get_view(db, "towns", Filters(as_of=D06)).df.set_index("街镇")
    return int(df.loc["马陆镇", "在营单位数"]), int(df.loc["马陆镇", "会员人数"])


def waiting(db: Path) -> list[review.Report]:
    """The reports waiting for review."""
    con = connect_read(db)
    try:
        return review.waiting(con)
    finally:
        con.close()


def submit(db: Path, text: str, received: dt.datetime | None = None, **kw: object) -> int:
    """马陆镇 sends its June report (waiting for review); the new report's id."""
    r = import_bytes(db, text.encode(), "马陆6月.csv", "units", snapshot=D06, town="马陆镇", pending=True,
                     received=received, user="malu", **kw)
    assert r.ok, [p.line() for p in r.problems]
    return next(x.report_id for x in waiting(db) if x.import_id == r.import_id)


def cli(db: Path, *args: str) -> int:
    """Run the command line on the database."""
    return main(["--db", str(db), *args])


def test_the_cycle_on_the_command_line(reports_db, tmp_path, capsys):
    first = tmp_path / "马陆6月.csv"
    first.write_text(FIRST, encoding="utf-8")
    assert cli(reports_db, "import", "units", str(first), "--snapshot", "2015-06-30", "--town", "马陆镇",
               "--received", "2015-07-03", "--pending") == 0
    out = capsys.readouterr().out
    assert "报表待审核：审核通过前不计入统计" in out and "#7 马陆镇" in out
    assert malu(reports_db) == (2, 67)  # pending: May's report is carried forward
    assert cli(reports_db, "review") == 0
    assert capsys.readouterr().out.startswith("REPORT 7  2015-06-30  马陆镇  报送 2015-07-03 00:00  1 行  核对项 3/3")
    assert cli(reports_db, "explain", "7", M1, "工会断线", "x") == 2  # M1 kept its union
    assert "报表 #7 没有单位 91310114310000011J 的「工会断线」核对项" in capsys.readouterr().err
    assert cli(reports_db, "explain", "7", M1, "会员锐减", "换届后会员重新登记") == 0
    assert cli(reports_db, "review", "return", "7") == 2
    assert "退回报表必须填写退回原因" in capsys.readouterr().err
    assert cli(reports_db, "review", "return", "7", "--reason", REASON) == 0
    assert "已退回报表 #7（马陆镇 2015-06-30）" in capsys.readouterr().out
    assert cli(reports_db, "review", "accept", "7") == 2  # already decided
    assert "报表 #7 已于" in capsys.readouterr().err and malu(reports_db) == (2, 67)
    again = tmp_path / "马陆6月_重报.csv"
    again.write_text(AGAIN, encoding="utf-8")
    # the town replaces its returned report by sending again: no --replace needed
    assert cli(reports_db, "import", "units", str(again), "--snapshot", "2015-06-30", "--town", "马陆镇", "--pending") == 0
    capsys.readouterr()
    assert cli(reports_db, "review", "--town", "马陆") == 0
    # the explanation of 会员锐减 M1 followed the report to its replacement: 0 of 1 unexplained
    assert capsys.readouterr().out.strip().endswith("2 行  核对项 0/1（待说明/全部）")
    assert cli(reports_db, "review", "accept", "8") == 0
    assert "已通过报表 #8（马陆镇 2015-06-30），已计入统计" in capsys.readouterr().out
    assert malu(reports_db) == (2, 35)
    assert cli(reports_db, "review", "accept", "99") == 2
    assert "没有编号为 99 的报表" in capsys.readouterr().err


def test_explanations_survive_acceptance_and_show_in_the_views(reports_db):
    rid = submit(reports_db, AGAIN)
    review.explain(reports_db, rid, [(M1, "会员锐减", "企业裁员，会员已转移接续")], user="malu", actor=MALU)
    review.decide(reports_db, rid, True, user="admin")
    changes = get_view(reports_db, "changes", Filters(as_of=D06)).df
    assert changes[["街镇", "核对项", "统一社会信用代码", "报表编号", "说明状态", "说明"]].values.tolist() == [
        ["马陆镇", "会员锐减", M1, rid, "已说明", "企业裁员，会员已转移接续"]]
    by_town = get_view(reports_db, "changes-by-town", Filters(as_of=D06)).df.set_index("街镇")
    assert by_town.loc["马陆镇", ["合计", "待说明", "已说明"]].tolist() == [1, 0, 1]
    assert by_town.loc["合计", ["合计", "待说明", "已说明"]].tolist() == [1, 0, 1]


def test_timeliness_is_judged_by_the_first_report(reports_db):
    # due day of 2015-06-30: 2015-07-05. The first report came on 07-03; the correction, asked for, on 07-20.
    first = submit(reports_db, FIRST, received=dt.datetime(2015, 7, 3, 9, 0))
    review.decide(reports_db, first, False, REASON, user="admin")
    sub = get_view(reports_db, "submissions", Filters(as_of=D06)).df
    june = sub[(sub["报表日期"] == D06) & (sub["街镇"] == "马陆镇")].iloc[0]
    assert (june["报送状态"], june["审核状态"], june["退回原因"], june["审核人"]) == ("按时", "已退回", REASON, "admin")
    second = submit(reports_db, AGAIN, received=dt.datetime(2015, 7, 20, 9, 0))
    review.decide(reports_db, second, True, user="admin")
    sub = get_view(reports_db, "submissions", Filters(as_of=D06)).df
    june = sub[(sub["报表日期"] == D06) & (sub["街镇"] == "马陆镇")].iloc[0]
    assert (june["报送状态"], june["审核状态"], june["单位数"], june["较上期变化"]) == ("按时", "已通过", 2, 0)
    assert (str(june["首次报送时间"]), str(june["报送时间"])) == ("2015-07-03 09:00:00", "2015-07-20 09:00:00")
    # a town that was late stays late after a correction: 马陆镇's May report came on 06-08 (due 06-05)
    import_bytes(reports_db, AGAIN.encode(), "m5.csv", "units",
                 snapshot=dt.date(2015, 5, 31), town="马陆镇", replace=True, received=dt.date(2015, 6, 20))
    may = get_view(reports_db, "submissions", Filters(as_of=D06)).df
    may = may[(may["报表日期"] == dt.date(2015, 5, 31)) & (may["街镇"] == "马陆镇")].iloc[0]
    assert (may["报送状态"], str(may["首次报送时间"])) == ("逾期", "2015-06-08 00:00:00")


def test_rollback_of_a_decision_and_of_a_pending_import(reports_db):
    rid = submit(reports_db, AGAIN)
    decision = review.decide(reports_db, rid, True, user="admin")
    assert malu(reports_db) == (2, 35)
    rollback(reports_db, decision)  # the report waits again; May's report is in force again
    assert malu(reports_db) == (2, 67)
    assert [(r.report_id, r.review) for r in waiting(reports_db)] == [(rid, "待审核")]
    review.decide(reports_db, rid, False, REASON, user="admin")
    returned = review.report(connect_read(reports_db), rid)
    assert (returned.review, returned.reason) == ("已退回", REASON)
    # rolling back the import withdraws the report: nothing waits, the figures never moved
    rollback(reports_db, returned.import_id)
    assert waiting(reports_db) == [] and malu(reports_db) == (2, 67)
    june = get_view(reports_db, "submissions", Filters(as_of=D06)).df.query("街镇 == '马陆镇' and 报表日期 == @D06")
    assert june.iloc[0]["报送状态"] == "未报送"


def test_refused_requests_change_nothing(reports_db):
    rid = submit(reports_db, FIRST)
    before = reports_db.stat().st_mtime_ns
    with pytest.raises(review.ReviewError, match="街镇账户（马陆镇）不能审核报表，包括本镇的报表"):
        review.decide(reports_db, rid, True, user="malu", actor=MALU)
    with pytest.raises(review.ReviewError, match="报表 #7 不是安亭镇的报表"):
        review.explain(reports_db, rid, [(M1, "会员锐减", "x")], user="anting",
                       actor=review.Actor("anting", False, "安亭镇"))
    with pytest.raises(review.ReviewError, match="没有单位 91310114310000012M 的「会员锐减」核对项"):
        review.explain(reports_db, rid, [(M2, "会员锐减", "x")], user="malu", actor=MALU)
    with pytest.raises(review.ReviewError, match="退回报表必须填写退回原因"):
        review.decide(reports_db, rid, False, "   ", user="admin")
    assert reports_db.stat().st_mtime_ns == before  # nothing was written
    assert [(r.report_id, r.review) for r in waiting(reports_db)] == [(rid, "待审核")]


def test_two_admins_deciding_at_once(reports_db):
    rid = submit(reports_db, FIRST)

    def decide(who: str, accept: bool) -> str:
        try:
            review.decide(reports_db, rid, accept, None if accept else REASON, user=who)
            return "won"
        except review.ReviewError as exc:
            return str(exc)

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(decide, ["admin1", "admin2"], [True, False]))
    assert outcomes.count("won") == 1
    told = next(o for o in outcomes if o != "won")
    winner = ["admin1", "admin2"][outcomes.index("won")]
    assert told.startswith("报表 #7 已于") and f"由 {winner} 审核" in told
    con = connect_read(reports_db)
    try:
        decided = review.report(con, rid)
    finally:
        con.close()
    assert decided.decided_by == winner
    history = table(reports_db, "import_history")  # exactly one decision in the history
    assert history["结果"].isin(["审核通过", "审核退回"]).sum() == 1


def test_review_off_accepts_on_arrival(reports_db, tmp_path, capsys):
    assert cli(reports_db, "config", "review", "maybe") == 2
    assert cli(reports_db, "config", "review", "off") == 0
    capsys.readouterr()
    f = tmp_path / "m.csv"
    f.write_text(AGAIN, encoding="utf-8")
    assert cli(reports_db, "import", "units", str(f), "--snapshot", "2015-06-30", "--town", "马陆镇", "--pending") == 0
    assert "审核已关闭：报表到达即计入" in capsys.readouterr().err
    assert malu(reports_db) == (2, 35) and waiting(reports_db) == []


def test_a_database_written_before_review_is_read_and_migrated(reports_db):
    import duckdb

    con = duckdb.connect(str(reports_db))  # as the release before issue 25 wrote it
    for column in ("report_id", "review", "decided_by", "decided_at", "reason", "decision", "notes"):
        con.execute(f"ALTER TABLE reports DROP COLUMN {column}")
    con.execute("DROP TABLE explanations")
    con.execute("DROP SEQUENCE report_ids")
    con.close()
    # read as it is: every report accepted, the same figures, nothing waiting
    assert malu(reports_db) == (2, 67) and waiting(reports_db) == []
    sub = get_view(reports_db, "submissions", Filters(as_of=D06)).df
    assert set(sub["审核状态"].dropna()) == {"已通过"}
    # the next write adds the columns: the 6 reports are numbered and accepted, the new one waits as #7
    assert submit(reports_db, AGAIN) == 7
    con = connect_read(reports_db)
    try:
        assert [(r.report_id, r.review) for r in (review.report(con, i) for i in range(1, 8))] == [
            (1, "已通过"), (2, "已通过"), (3, "已通过"), (4, "已通过"), (5, "已通过"), (6, "已通过"), (7, "待审核")]
    finally:
        con.close()


def test_the_briefing_says_which_findings_are_explained(reports_db):
    import io

    import docx

    from unionboard.briefing import docx_bytes

    rid = submit(reports_db, AGAIN)
    review.explain(reports_db, rid, [(M1, "会员锐减", "企业裁员，会员已转移接续")], user="malu", actor=MALU)
    review.decide(reports_db, rid, True, user="admin")
    texts = [p.text for p in docx.Document(io.BytesIO(docx_bytes(reports_db, Filters(as_of=D06)))).paragraphs]
    assert ("其中街镇已说明1项、待说明0项（马陆镇待说明0项、已说明1项）。已说明的有：马陆镇某公司（会员锐减）："
            "企业裁员，会员已转移接续。") in texts
    assert not any("尚未说明" in t for t in texts)  # nothing left to explain: no request for it


def test_the_briefing_asks_for_the_unexplained(reports_db):
    import io

    import docx

    from unionboard.briefing import docx_bytes

    review.decide(reports_db, submit(reports_db, FIRST), True, user="admin")  # 3 findings, none explained
    texts = [p.text for p in docx.Document(io.BytesIO(docx_bytes(reports_db, Filters(as_of=D06)))).paragraphs]
    assert "其中街镇已说明0项、待说明3项（马陆镇待说明3项、已说明0项）。" in texts
    assert any(t.endswith("马陆镇要对尚未说明的3项名册核对结果逐项作出说明，在数据管理中填报。") for t in texts)
