"""The overview's key figures, the 双过半 verdict and the written summary (通报 style).

Everything here is derived from the views' DataFrames, so every number equals a view.
"""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

TOTAL = "合计"


def total_row(df: pd.DataFrame, column: str) -> dict | None:
    """The total row of a view, as a dict: its last row, when labelled 合计 in `column`.

    Found by position as well as by label: a town named 合计 in a database from before the word was
    reserved (validate.TOTAL_WORDS) comes before the total row and is never taken for it.
    """
    if len(df) and df[column].iat[-1] == TOTAL:
        return df.iloc[-1].to_dict()
    return None


def without_total(df: pd.DataFrame, column: str) -> pd.DataFrame:
    """The view's rows without its total row (the last row, when labelled 合计; see total_row)."""
    if len(df) and df[column].iat[-1] == TOTAL:
        return df.iloc[:-1]
    return df


def _num(v: object) -> float | None:
    """A cell as a number, None when empty."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


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
        if lang == "en":
            return {"met": "Yes", "not_met": "No", "too_early": "From June", "no_target": "No target",
                    "no_baseline": "No baseline"}[self.state]
        return {"met": "已实现", "not_met": "未实现", "too_early": "6月起判断", "no_target": "无目标",
                "no_baseline": "无基期"}[self.state]

    def text(self, lang: str = "zh") -> str:
        """A one-line verdict that says what is missing when it cannot be judged."""
        if lang == "en":
            return {"met": "Half the year's task done by mid-year: yes",
                    "not_met": "Half the year's task done by mid-year: no",
                    "too_early": "双过半 is judged from June on",
                    "no_target": "No targets for 新建会单位数 and 新发展会员数 this year: 双过半 cannot be judged",
                    "no_baseline": "No report on or before 31 December of last year (the baseline), so 新发展会员数 "
                                   "cannot be counted and 双过半 cannot be judged"}[self.state]
        return {"met": "已实现“双过半”", "not_met": "未实现“双过半”", "too_early": "6月起判断“双过半”",
                "no_target": "本年度未下达新建会单位数、新发展会员数目标，无法判断“双过半”",
                "no_baseline": "缺少上年末（12月31日）基期报表，新发展会员数无法计算，暂无法判断“双过半”"}[self.state]


def partial_completion(towns: pd.DataFrame, indicator: str) -> tuple[float, float] | None:
    """(actual, target) over the towns that have the target and a value (METRICS.md: a 合计 完成率 is
    the actual of the towns with that target against the sum of their targets); None without any."""
    rows = without_total(towns, "街镇")
    actual, target = 0.0, 0.0
    found = False
    for a, tg in zip(rows[indicator].tolist(), rows[f"{indicator}目标"].tolist(), strict=True):
        a, tg = _num(a), _num(tg)
        if a is not None and tg is not None:
            actual, target, found = actual + a, target + tg, True
    return (actual, target) if found else None


def towns_without_target(towns: pd.DataFrame, indicator: str) -> list[str]:
    """The towns shown that have no target for a count indicator (they take no part in its 合计 完成率)."""
    rows = without_total(towns, "街镇")
    return [t for t, v in zip(rows["街镇"].tolist(), rows[f"{indicator}目标"].tolist(), strict=True) if _num(v) is None]


def double_half(snapshot: dt.date, towns: pd.DataFrame) -> DoubleHalf:
    """双过半 at a report date in or after June: 新建会单位数 and 新发展会员数 both ≥ 50% of target
    (METRICS.md), each over the towns that have its target, compared as counts (actual × 2 ≥ target) so a
    rounded 49.995% never passes."""
    units = partial_completion(towns, "新建会单位数")
    members = partial_completion(towns, "新发展会员数")
    has_members_target = any(_num(v) is not None for v in towns["新发展会员数目标"].tolist())
    u = units[0] * 100 / units[1] if units else None
    m = members[0] * 100 / members[1] if members else None
    if units is None or not has_members_target:
        return DoubleHalf("no_target", u, m)
    if members is None:
        return DoubleHalf("no_baseline", u, m)
    if snapshot.month < 6:
        return DoubleHalf("too_early", u, m)
    met = units[0] * 2 >= units[1] and members[0] * 2 >= members[1]
    return DoubleHalf("met" if met else "not_met", u, m)


def status_counts(towns: pd.DataFrame) -> dict[str, list[str]]:
    """Towns by 进度状态 (without the 合计 row)."""
    groups: dict[str, list[str]] = {"达标": [], "预警": [], "滞后": []}
    rows = without_total(towns, "街镇")
    # a plain loop over two short columns: boolean indexing cost milliseconds on every rerun
    for town, status in zip(rows["街镇"].tolist(), rows["进度状态"].tolist(), strict=True):
        if status in groups:
            groups[status].append(town)
    return groups


def briefing(snapshot: dt.date, towns: pd.DataFrame, selected: list[str], lang: str = "zh") -> str:
    """A short written summary of the towns view, in the style of a 通报."""
    total = total_row(towns, "街镇")
    dh = double_half(snapshot, towns)
    groups = status_counts(towns)
    n_towns = len(towns) - 1
    if lang == "en":
        scope = "the district" if not selected else "the selected towns (" + ", ".join(selected) + ")"
        parts = [f"As of {snapshot.isoformat()}, {scope} had {fmt_int(total['在营单位数'])} active units, "
                 f"{fmt_int(total['已建会单位数'])} with a union (coverage {fmt_pct(total['建会率(%)'])}), and "
                 f"{fmt_int(total['会员人数'])} members (membership {fmt_pct(total['入会率(%)'])})."]
        parts.append(f"This year {fmt_int(total['新建会单位数'])} units formed a union"
                     + (f", {fmt_pct(total['新建会单位数完成率(%)'])} of the target of {fmt_int(total['新建会单位数目标'])}"
                        if _num(total['新建会单位数目标']) else "")
                     + (f"; {fmt_int(total['新发展会员数'])} new members" if _num(total['新发展会员数']) is not None else "")
                     + (f", {fmt_pct(total['新发展会员数完成率(%)'])} of the target" if _num(total['新发展会员数目标']) else "")
                     + f"; time elapsed {fmt_pct(total['序时进度(%)'])}.")
        parts.append(dh.text("en") + ".")
        if any(groups.values()):
            parts.append(f"Of {n_towns} towns, {len(groups['达标'])} on track, {len(groups['预警'])} warning"
                         + (f" ({', '.join(groups['预警'])})" if groups["预警"] else "")
                         + f", {len(groups['滞后'])} lagging" + (f" ({', '.join(groups['滞后'])})" if groups["滞后"] else "")
                         + ".")
        return " ".join(parts)
    scope = "全区" if not selected else "所选街镇（" + "、".join(selected) + "）"
    date = f"{snapshot.year}年{snapshot.month}月{snapshot.day}日"
    text = (f"截至{date}，{scope}在营单位{fmt_int(total['在营单位数'])}家，已建会单位{fmt_int(total['已建会单位数'])}家，"
            f"建会率{fmt_pct(total['建会率(%)'])}；会员{fmt_int(total['会员人数'])}人，入会率{fmt_pct(total['入会率(%)'])}。")
    text += f"今年以来新建会单位{fmt_int(total['新建会单位数'])}家"
    if _num(total["新建会单位数目标"]):
        text += f"，完成年度目标（{fmt_int(total['新建会单位数目标'])}家）的{fmt_pct(total['新建会单位数完成率(%)'])}"
    if _num(total["新发展会员数"]) is not None:
        text += f"；新发展会员{fmt_int(total['新发展会员数'])}人"
        if _num(total["新发展会员数目标"]):
            text += f"，完成年度目标（{fmt_int(total['新发展会员数目标'])}人）的{fmt_pct(total['新发展会员数完成率(%)'])}"
    text += f"；序时进度{fmt_pct(total['序时进度(%)'])}。{dh.text('zh')}。"
    if any(groups.values()):
        slow = len(groups["预警"]) + len(groups["滞后"])
        text += f"{n_towns}个街镇中，{len(groups['达标'])}个达到序时进度，{slow}个慢于序时进度"
        if groups["滞后"]:
            text += f"，其中{'、'.join(groups['滞后'])}滞后"
        if groups["预警"]:
            text += f"，{'、'.join(groups['预警'])}预警"
        text += "。"
    return text


def reporting_line(submissions: pd.DataFrame, lang: str = "zh") -> str | None:
    """One line on the latest expected report date: how many towns have reported, which have not
    ("2015年6月：11个街镇已报送，华亭镇未报送"); None without reports."""
    if submissions.empty:
        return None
    last = max(submissions["报表日期"])
    rows = submissions[submissions["报表日期"] == last]
    done = [t for t, s in zip(rows["街镇"], rows["报送状态"], strict=True) if s in ("按时", "逾期")]
    late = [t for t, s in zip(rows["街镇"], rows["报送状态"], strict=True) if s == "逾期"]
    missing = [t for t, s in zip(rows["街镇"], rows["报送状态"], strict=True) if s == "未报送"]
    pending = [t for t, s in zip(rows["街镇"], rows["报送状态"], strict=True) if s == "待报"]
    if lang == "en":
        text = f"{last:%Y-%m}: {len(done)} of {len(rows)} towns reported"
        text += f" ({len(late)} late: {', '.join(late)})" if late else ""
        text += f"; not reported: {', '.join(missing)}" if missing else ""
        text += f"; not yet due: {', '.join(pending)}" if pending else ""
        return text + "."
    text = f"{last.year}年{last.month}月：{len(done)}个街镇已报送"
    text += f"（其中{'、'.join(late)}逾期）" if late else ""
    text += f"，{'、'.join(missing)}未报送" if missing else ""
    text += f"，{'、'.join(pending)}尚未到报送期限" if pending else ""
    return text + "。"


FINDINGS = ("单位消失未报动态", "新增单位未报动态", "工会断线", "会员锐减", "街镇变更未报")


def findings_lines(changes: pd.DataFrame, lang: str = "zh", names: int = 5) -> list[str]:
    """The roster check's findings (the changes view) in words, one line per town: how many of each kind,
    with the first units named ("安亭镇：工会断线 1 家（上海德腾机械有限公司）；会员锐减 3 家（…）")."""
    lines = []
    for town, rows in changes.groupby("街镇", sort=False):
        parts = []
        for finding in FINDINGS:
            units = rows.loc[rows["核对项"] == finding, "单位名称"].tolist()
            if not units:
                continue
            shown = ("、" if lang != "en" else ", ").join(units[:names]) + ("等" if len(units) > names and lang != "en" else "")
            parts.append(f"{finding} {len(units)} 家（{shown}）" if lang != "en" else f"{finding} {len(units)} ({shown})")
        lines.append(f"{town}：{'；'.join(parts)}" if lang != "en" else f"{town}: {'; '.join(parts)}")
    return lines


def rank_towns(towns: pd.DataFrame) -> pd.DataFrame:
    """The towns (without 合计) ranked by their lower completion of 新建会单位数 and 新发展会员数, highest
    first, with a 排名 column; towns without any target come last, unranked. The view keeps the
    dictionary order; this is the order of a ranking table."""
    rows = without_total(towns, "街镇").copy()
    lowest = rows[["新建会单位数完成率(%)", "新发展会员数完成率(%)"]].astype("Float64").min(axis=1, skipna=True)
    rows.insert(0, "排名", pd.array([None] * len(rows), dtype="Int64"))
    order = lowest.sort_values(ascending=False, na_position="last", kind="stable").index
    rows = rows.loc[order]
    ranked = lowest.loc[order].notna().to_numpy()
    rows.loc[rows.index[ranked], "排名"] = range(1, int(ranked.sum()) + 1)
    return rows.reset_index(drop=True)
