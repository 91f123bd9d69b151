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


def fmt_pct(v: object) -> str:
    """49.589 → '49.59%'; empty → '—'."""
    n = _num(v)
    return "—" if n is None else f"{n:.2f}%"


@dataclass
class DoubleHalf:
    """The 双过半 verdict: state is 'met', 'not_met', 'too_early' or 'no_target'."""

    state: str
    new_unions_done: float | None
    new_members_done: float | None

    def short(self, lang: str = "zh") -> str:
        """The verdict in a word or two, for a KPI card."""
        if lang == "en":
            return {"met": "Yes", "not_met": "No", "too_early": "From June", "no_target": "No target"}[self.state]
        return {"met": "已实现", "not_met": "未实现", "too_early": "6月起判断", "no_target": "无目标"}[self.state]

    def text(self, lang: str = "zh") -> str:
        """A one-line verdict."""
        if lang == "en":
            return {"met": "Half the year's task done by mid-year: yes",
                    "not_met": "Half the year's task done by mid-year: no",
                    "too_early": "双过半 is judged from June on",
                    "no_target": "No targets for this year: 双过半 cannot be judged"}[self.state]
        return {"met": "已实现“双过半”", "not_met": "未实现“双过半”", "too_early": "6月起判断“双过半”",
                "no_target": "本年度无目标，无法判断“双过半”"}[self.state]


def double_half(snapshot: dt.date, total: dict) -> DoubleHalf:
    """双过半 at a snapshot in or after June: both completions ≥ 50% of target (METRICS.md)."""
    u = _num(total.get("新建会单位数完成率(%)"))
    m = _num(total.get("新发展会员数完成率(%)"))
    if u is None or m is None:
        return DoubleHalf("no_target", u, m)
    if snapshot.month < 6:
        return DoubleHalf("too_early", u, m)
    # the rounded rates are what the views show; compare the unrounded counts to stay exact
    nu, tu = _num(total.get("新建会单位数")), _num(total.get("新建会单位数目标"))
    nm, tm = _num(total.get("新发展会员数")), _num(total.get("新发展会员数目标"))
    met = nu * 2 >= tu and nm * 2 >= tm
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
    dh = double_half(snapshot, total)
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
