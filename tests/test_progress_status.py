"""序时进度, 进度状态 thresholds and 双过半 inputs, on snapshot dates chosen to make the arithmetic exact."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import A1, A2, A3, UNITS_HEADER, load
from unionboard.views import Filters, get_view


def anting(db, snapshot: dt.date, target: int) -> dict:
    """Three units formed in the snapshot's year, and one 新建会单位数 target for 安亭镇."""
    y = snapshot.year
    units = f"""{UNITS_HEADER}
{A1},甲,安亭镇,,,制造业,民营企业,否,10,0,在营,单独建会,,{y}-01-02,5,0
{A2},乙,安亭镇,,,制造业,民营企业,否,10,0,在营,单独建会,,{y}-01-03,5,0
{A3},丙,安亭镇,,,制造业,民营企业,否,10,0,在营,单独建会,,{y}-01-04,5,0
"""
    load(db, "units", units, snapshot=snapshot)
    load(db, "targets", f"年度,街镇,指标,目标值\n{y},安亭镇,新建会单位数,{target}\n")
    df = get_view(db, "towns", Filters(as_of=snapshot)).df
    return df[df["街镇"] == "安亭镇"].iloc[0].to_dict()


def test_schedule_mid_2015(empty_db):
    assert anting(empty_db, dt.date(2015, 6, 30), 6)["序时进度(%)"] == 49.59  # 181/365


def test_schedule_leap_year(empty_db):
    assert anting(empty_db, dt.date(2016, 6, 30), 6)["序时进度(%)"] == 49.73  # 182/366


@pytest.mark.parametrize(("target", "done", "status"), [
    (3, 100.0, "达标"),   # 100 >= 100: exactly on the schedule line
    (2, 150.0, "达标"),
    (4, 75.0, "滞后"),    # 75 < 0.8 x 100
])
def test_status_at_year_end(empty_db, target, done, status):
    r = anting(empty_db, dt.date(2015, 12, 31), target)
    assert r["序时进度(%)"] == 100.0
    assert (r["新建会单位数完成率(%)"], r["进度状态"]) == (done, status)


def test_status_warning_boundary(empty_db):
    # 3 of a target of 3.75 = 80.00 = exactly 0.8 x 100: still 预警, not 滞后
    y = 2015
    load(empty_db, "units", f"""{UNITS_HEADER}
{A1},甲,安亭镇,,,制造业,民营企业,否,10,0,在营,单独建会,,{y}-01-02,5,0
{A2},乙,安亭镇,,,制造业,民营企业,否,10,0,在营,单独建会,,{y}-01-03,5,0
{A3},丙,安亭镇,,,制造业,民营企业,否,10,0,在营,单独建会,,{y}-01-04,5,0
""", snapshot=dt.date(y, 12, 31))
    load(empty_db, "targets", "年度,街镇,指标,目标值\n2015,安亭镇,新建会单位数,3.75\n")
    df = get_view(empty_db, "towns").df
    r = df[df["街镇"] == "安亭镇"].iloc[0]
    assert (r["新建会单位数完成率(%)"], r["进度状态"]) == (80.0, "预警")


def test_status_mid_year_thresholds(empty_db):
    # 3 of 6 = 50.00 >= 49.59: 达标
    assert anting(empty_db, dt.date(2015, 6, 30), 6)["进度状态"] == "达标"


def test_status_mid_year_warning(empty_db):
    # 3 of 7 = 42.86: below 49.59, above 39.67 (0.8 x 49.59): 预警
    assert anting(empty_db, dt.date(2015, 6, 30), 7)["进度状态"] == "预警"


def test_status_mid_year_lagging(empty_db):
    # 3 of 8 = 37.50 < 39.67: 滞后
    assert anting(empty_db, dt.date(2015, 6, 30), 8)["进度状态"] == "滞后"


def test_no_targets_no_status(empty_db):
    load(empty_db, "units", f"{UNITS_HEADER}\n{A1},甲,安亭镇,,,制造业,民营企业,否,10,0,在营,未建会,,,0,0\n",
         snapshot=dt.date(2015, 6, 30))
    df = get_view(empty_db, "towns").df
    assert df["进度状态"].isna().all()
    assert df["新建会单位数目标"].isna().all()


@pytest.mark.parametrize("done", [None, 0.0, 39.66, 39.672, 39.68, 49.58, 49.59, 49.6, 100.0, 150.0])
def test_the_sql_rule_and_the_colours_rule_agree(empty_db, done):
    """进度状态 in the towns view (SQL's progress_status) and a bar's colour (status.status_of) are one rule:
    at 序时进度 49.59 the warning line is 0.8 × 49.59 = 39.672."""
    from unionboard.status import status_of
    from unionboard.store import connect_read

    con = connect_read(empty_db)
    sql = con.execute("SELECT progress_status($d::DOUBLE, 49.59::DOUBLE)", {"d": done}).fetchall()[0][0]
    # 39.672 itself is just below 0.8 × 49.59 in binary floating point (39.672000000000004), in both
    expected = None if done is None else "达标" if done >= 49.59 else "预警" if done >= 0.8 * 49.59 else "滞后"
    assert status_of(done, 49.59) == sql == expected
