"""The overview's key figures, the 双过半 verdict and the written summary (通报 style).

Everything here is derived from the views (a ViewResult's rows and total row), so every number equals a
view; the words are the catalog's (unionboard.i18n).
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from .i18n import join, label, long_date, msg
from .status import LAGGING, ON_TRACK, STATUSES, WARNING

if TYPE_CHECKING:
    from .views import ViewResult

def _num(v: object) -> float | None:
    """A cell as a number, None when empty."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return None
    try:
        return float(v)  # type: ignore[arg-type]  # any cell: what float() refuses is None
    except (TypeError, ValueError):
        return None


def schedule_of(rows: pd.DataFrame) -> float:
    """The 序时进度 (%) of a towns view's rows (the same on every row), 0 without one."""
    known = rows["序时进度(%)"].dropna()
    return float(known.iloc[0]) if len(known) else 0.0


def changes_of(field: str) -> tuple[str, str, bool]:
    """The trend view's 环比 and 同比 columns of an indicator, and whether they are in percentage points
    (a rate's are: 建会率(%) → 建会率环比(百分点), 建会率同比(百分点))."""
    points = field.endswith("(%)")
    base, unit = field.removesuffix("(%)"), "(百分点)" if points else ""
    return f"{base}环比{unit}", f"{base}同比{unit}", points


def fmt_int(v: object) -> str:
    """1234567 → '1,234,567'; empty → '—'."""
    n = _num(v)
    return "—" if n is None else f"{round(n):,}"


def change_text(v: object, points: bool = False) -> str | None:
    """A 环比/同比 difference as shown: +1,234 for counts, +0.20 pt for rates; None when empty."""
    n = _num(v)
    if n is None:
        return None
    return f"{n:+.2f} pt" if points else f"{n:+,.0f}"


def fmt_pct(v: object) -> str:
    """49.589 → '49.59%'; empty → '—'."""
    n = _num(v)
    return "—" if n is None else f"{n:.2f}%"


@dataclass
class DoubleHalf:
    """The 双过半 verdict: state is 'met', 'not_met', 'too_early', 'no_target' or 'no_baseline'."""

    state: str
    new_unions_done: float | None
    new_members_done: float | None

    def short(self, lang: str = "zh") -> str:
        """The verdict in a word or two, for a KPI card."""
        return msg(f"dh_short_{self.state}", lang)

    def text(self, lang: str = "zh") -> str:
        """A one-line verdict that says what is missing when it cannot be judged."""
        return msg(f"dh_{self.state}", lang)


def partial_completion(towns: ViewResult, indicator: str) -> tuple[float, float] | None:
    """(actual, target) over the towns that have the target and a value (METRICS.md: a 合计 完成率 is
    the actual of the towns with that target against the sum of their targets); None without any."""
    rows = towns.rows
    actual, target = 0.0, 0.0
    found = False
    for a, tg in zip(rows[indicator].tolist(), rows[f"{indicator}目标"].tolist(), strict=True):
        a, tg = _num(a), _num(tg)
        if a is not None and tg is not None:
            actual, target, found = actual + a, target + tg, True
    return (actual, target) if found else None


def towns_without_target(towns: ViewResult, indicator: str) -> list[str]:
    """The towns shown that have no target for a count indicator (they take no part in its 合计 完成率)."""
    rows = towns.rows
    return [t for t, v in zip(rows["街镇"].tolist(), rows[f"{indicator}目标"].tolist(), strict=True) if _num(v) is None]


def double_half(towns: ViewResult) -> DoubleHalf:
    """双过半 at a report date in or after June: 新建会单位数 and 新发展会员数 both ≥ 50% of target
    (METRICS.md), each over the towns that have its target, compared as counts (actual × 2 ≥ target) so a
    rounded 49.995% never passes."""
    units = partial_completion(towns, "新建会单位数")
    members = partial_completion(towns, "新发展会员数")
    has_members_target = any(_num(v) is not None for v in towns.rows["新发展会员数目标"].tolist())
    u = units[0] * 100 / units[1] if units else None
    m = members[0] * 100 / members[1] if members else None
    if units is None or not has_members_target:
        return DoubleHalf("no_target", u, m)
    if members is None:
        return DoubleHalf("no_baseline", u, m)
    if towns.resolved.snapshot.month < 6:
        return DoubleHalf("too_early", u, m)
    met = units[0] * 2 >= units[1] and members[0] * 2 >= members[1]
    return DoubleHalf("met" if met else "not_met", u, m)


def status_counts(towns: ViewResult, label: str = "街镇") -> dict[str, list[str]]:
    """Towns by 进度状态 (the total row has none of its own); `label`: the column naming a row (issue 24: 村居园区)."""
    groups: dict[str, list[str]] = {s: [] for s in STATUSES}
    rows = towns.rows
    # a plain loop over two short columns: boolean indexing cost milliseconds on every rerun
    for town, status in zip(rows[label].tolist(), rows["进度状态"].tolist(), strict=True):
        if status in groups:
            groups[status].append(town)
    return groups


def briefing(towns: ViewResult, lang: str = "zh") -> str:
    """A short written summary of the towns view, in the style of a 通报."""
    total, snapshot, selected = towns.total, towns.resolved.snapshot, towns.resolved.towns
    assert total is not None  # the towns view always has its 合计 row
    dh = double_half(towns)
    groups = status_counts(towns)
    scope = msg("brief_selected", lang, towns=join(selected, lang)) if selected else msg("brief_district", lang)
    text = msg("brief_totals", lang, date=long_date(snapshot, lang), scope=scope, active=fmt_int(total["在营单位数"]),
               unionised=fmt_int(total["已建会单位数"]), coverage=fmt_pct(total["建会率(%)"]),
               members=fmt_int(total["会员人数"]), membership=fmt_pct(total["入会率(%)"]))
    text += msg("brief_new_unions", lang, n=fmt_int(total["新建会单位数"]))
    if _num(total["新建会单位数目标"]):
        text += msg("brief_new_unions_target", lang, target=fmt_int(total["新建会单位数目标"]),
                    done=fmt_pct(total["新建会单位数完成率(%)"]))
    if _num(total["新发展会员数"]) is not None:
        text += msg("brief_new_members", lang, n=fmt_int(total["新发展会员数"]))
        if _num(total["新发展会员数目标"]):
            text += msg("brief_new_members_target", lang, target=fmt_int(total["新发展会员数目标"]),
                        done=fmt_pct(total["新发展会员数完成率(%)"]))
    text += msg("brief_schedule", lang, schedule=fmt_pct(total["序时进度(%)"]), verdict=dh.text(lang))
    if any(groups.values()):
        lagging, warning = groups[LAGGING], groups[WARNING]
        text += msg("brief_status", lang, n=len(towns.rows), on_track=len(groups[ON_TRACK]), slow=len(lagging) + len(warning),
                    n_warning=len(warning), n_lagging=len(lagging),
                    lagging=msg("brief_lagging", lang, towns=join(lagging, lang)) if lagging else "",
                    warning=msg("brief_warning", lang, towns=join(warning, lang)) if warning else "")
    return text


def reporting_line(submissions: pd.DataFrame, lang: str = "zh") -> str | None:
    """One line on the latest expected report date: how many towns have reported, which have not
    ("2015年6月：11个街镇已报送，华亭镇未报送"); None without reports."""
    if submissions.empty:
        return None
    last = max(submissions["报表日期"])
    rows = submissions[submissions["报表日期"] == last]
    by_status: dict[str, list[str]] = {}
    for town, status in zip(rows["街镇"], rows["报送状态"], strict=True):
        by_status.setdefault(status, []).append(town)
    late, missing, pending = (by_status.get(s, []) for s in ("逾期", "未报送", "待报"))
    text = msg("rep_head", lang, year=last.year, month=last.month, done=len(by_status.get("按时", [])) + len(late),
               total=len(rows))
    text += msg("rep_late", lang, n=len(late), towns=join(late, lang)) if late else ""
    text += msg("rep_missing", lang, towns=join(missing, lang)) if missing else ""
    text += msg("rep_pending", lang, towns=join(pending, lang)) if pending else ""
    if "审核状态" in rows:  # issue 25: reports received but not (yet) counted
        for state, key in (("已退回", "rep_returned"), ("待审核", "rep_waiting")):
            towns = rows.loc[rows["审核状态"] == state, "街镇"].tolist()
            text += msg(key, lang, towns=join(towns, lang)) if towns else ""
    return text + msg("full_stop", lang)


FINDINGS = ("单位消失未报动态", "新增单位未报动态", "工会断线", "会员锐减", "街镇变更未报")


def findings_count(by_town: ViewResult, towns: list[str]) -> int:
    """How many roster-check findings the selected towns' reports bring, from the district's
    changes-by-town (a town's row does not depend on which other towns are selected: units are matched
    district-wide), so every town selection shares one computation; all towns when none is selected."""
    if not towns:
        total = by_town.total
        return 0 if total is None or pd.isna(total["合计"]) else int(total["合计"])
    rows = by_town.rows
    return int(rows.loc[rows["街镇"].isin(towns), "合计"].fillna(0).sum())


def findings_lines(changes: pd.DataFrame, lang: str = "zh", names: int = 5) -> list[str]:
    """The roster check's findings (the changes view) in words, one line per town: how many of each kind,
    with the first units named ("安亭镇：工会断线 1 家（上海德腾机械有限公司）；会员锐减 3 家（…）")."""
    lines = []
    for town, rows in changes.groupby("街镇", sort=False):
        parts = []
        for finding in FINDINGS:
            units = rows.loc[rows["核对项"] == finding, "单位名称"].tolist()
            if units:
                parts.append(msg("find_part", lang, finding=label(finding, lang), n=len(units),
                                 units=join(units[:names], lang), more=msg("find_more", lang) if len(units) > names else ""))
        lines.append(msg("find_line", lang, town=town, parts=msg("part_sep", lang).join(parts)))
    return lines


RANKING_COLUMNS = ["排名", "街镇", "新建会单位数完成率(%)", "新发展会员数完成率(%)", "进度状态"]


def ranking(towns: ViewResult) -> pd.DataFrame:
    """The towns page's ranking table: rank_towns with the columns it is ranked by."""
    return rank_towns(towns)[RANKING_COLUMNS]


def rank_towns(towns: ViewResult) -> pd.DataFrame:
    """The towns (the total row left out) ranked by their lower completion of 新建会单位数 and 新发展会员数,
    highest first, with a 排名 column; towns without any target come last, unranked. The view keeps the
    dictionary order; this is the order of a ranking table."""
    rows = towns.rows.copy()
    lowest = rows[["新建会单位数完成率(%)", "新发展会员数完成率(%)"]].astype("Float64").min(axis=1, skipna=True)
    rows.insert(0, "排名", pd.array([None] * len(rows), dtype="Int64"))
    order = lowest.sort_values(ascending=False, na_position="last", kind="stable").index
    rows = rows.loc[order]
    ranked = lowest.loc[order].notna().to_numpy()
    rows.loc[rows.index[ranked], "排名"] = range(1, int(ranked.sum()) + 1)
    return rows.reset_index(drop=True)


# ---- issue 25: 催报 (METRICS.md "Reminders")
def reminder_text(submissions: pd.DataFrame, today: dt.date, lang: str = "zh") -> str:
    """The reminder for the towns that have not reported a due month (未报送) or whose report was returned
    (已退回, with the reason), over the dates of the 报送进度 view: which towns, which month, the due day; ready
    to paste into the towns' group chat or a letter. Empty when no town needs one."""
    lines = []
    for day, rows in submissions.groupby("报表日期", sort=True):
        month = msg("rem_month", lang, year=day.year, month=day.month)
        due = long_date(rows["截止日期"].iloc[0], lang)
        missing = rows.loc[rows["报送状态"] == "未报送", "街镇"].tolist()
        if missing:
            lines.append(msg("rem_missing", lang, month=month, due=due, towns=join(missing, lang)))
        for town, reason in zip(*(rows.loc[rows["审核状态"] == "已退回", c] for c in ("街镇", "退回原因")), strict=True):
            lines.append(msg("rem_returned", lang, town=town, month=month, reason=reason or ""))
    if not lines:
        return ""
    numbered = [f"{i}. {line}" for i, line in enumerate(lines, start=1)]
    return "\n".join([msg("rem_greeting", lang), *numbered, msg("rem_sign", lang, date=long_date(today, lang))])
