"""Targets with a 范围 (issue 27; METRICS.md, "Targets by industry, 两新组织, 世界500强 and buildings"): the
scopes' progress gathered from the views that carry it — industries, two-new, fortune500 (a row per scope) and
buildings (its 合计 row is the 商务楼宇 scope) — into one table, one row per scope with a target, for the pages,
the meeting slide and the 通报. Every number is the views'; nothing here computes a figure.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from .i18n import join, label, msg
from .kinds.targets import SCOPE_BUILDINGS
from .status import LAGGING, WARNING
from .summary import fmt_int, fmt_pct
from .views import ViewResult

# the views whose rows are scopes, with the column naming the row
SCOPE_VIEWS = (("industries", "行业类别"), ("two-new", "两新组织"), ("fortune500", "世界500强"))
SCOPE_SOURCE_VIEWS = (*(name for name, _ in SCOPE_VIEWS), "buildings")
COUNTS = (("新建会单位数", "新建会单位数目标", "新建会单位数完成率(%)"), ("新发展会员数", "新发展会员数目标", "新发展会员数完成率(%)"))
RATES = (("建会率(%)", "建会率目标(%)", "建会率差距(百分点)"), ("入会率(%)", "入会率目标(%)", "入会率差距(百分点)"))
TARGETS = tuple(t for _, t, _ in COUNTS + RATES)
SCOPE = "范围"
RATE_WORDS = {"建会率(%)": "chart_coverage", "入会率(%)": "chart_membership"}
COLUMNS = (SCOPE, *(c for triple in COUNTS + RATES for c in triple), "序时进度(%)", "进度状态")


def scope_table(results: Mapping[str, ViewResult | None]) -> pd.DataFrame:
    """One row per scope with a target (industries, then 两新组织, 世界500强, 商务楼宇), with COLUMNS: the
    scope's figures, its targets, completions, gaps, 序时进度 and 进度状态, as the views give them (canonical
    Chinese columns). Empty when no view carries the target columns (a database without scoped targets)."""
    frames = []
    for name, key in SCOPE_VIEWS:
        res = results.get(name)
        if res is None or "进度状态" not in res.df.columns:
            continue
        rows = res.rows
        with_target = rows[rows[list(TARGETS)].notna().any(axis=1)]
        frames.append(with_target.rename(columns={key: SCOPE})[list(COLUMNS)])
    res = results.get("buildings")
    if res is not None and "进度状态" in res.df.columns and res.total is not None:
        total = res.total
        if any(pd.notna(total[t]) for t in TARGETS):
            frames.append(pd.DataFrame([{SCOPE: SCOPE_BUILDINGS, **{c: total[c] for c in COLUMNS[1:]}}]))
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=list(COLUMNS))
    table = pd.concat(frames, ignore_index=True)
    for col in COLUMNS[1:-1]:  # numbers stay numbers (the 商务楼宇 row came from a dict)
        table[col] = pd.to_numeric(table[col].astype(object).where(table[col].notna(), None), errors="coerce")
    for actual, target, _ in COUNTS:
        table[actual] = table[actual].astype("Int64")
        if table[target].dropna().eq(table[target].dropna().round()).all():
            table[target] = table[target].round().astype("Int64")
    return table


@dataclass(frozen=True)
class ScopeShortfall:
    """A scope behind: counts behind 序时进度 (its 进度状态 预警 or 滞后), or a rate below its target."""

    scope: str
    status: str | None          # 预警 / 滞后 for counts; None for a rate below target
    indicator: str               # the lowest count's column, or the rate's
    value: float                 # that count's completion (%), or the rate (%)
    against: float               # 序时进度 (%) for a count, the target (%) for a rate
    gap: float | None = None     # a rate's gap (percentage points, negative)


def shortfalls(table: pd.DataFrame) -> list[ScopeShortfall]:
    """The scopes behind schedule (counts: the lowest completion, as 进度状态 takes it) and the rates below target,
    in the table's order."""
    out = []
    for row in table.to_dict("records"):
        if row["进度状态"] in (WARNING, LAGGING):
            done = [(row[d], a, t) for a, t, d in COUNTS if pd.notna(row[d])]
            value, actual, target = min(done, key=lambda x: x[0])
            out.append(ScopeShortfall(row[SCOPE], row["进度状态"], actual, float(value), float(row["序时进度(%)"])))
        for actual, target, gap in RATES:
            if pd.notna(row[gap]) and row[gap] < 0:
                out.append(ScopeShortfall(row[SCOPE], None, actual, float(row[actual]), float(row[target]),
                                          float(row[gap])))
    return out


def _word(column: str, lang: str) -> str:
    """An indicator as a sentence names it: a rate without its (%) (建会率), a count as its column."""
    return label(column, lang).removesuffix("(%)").removesuffix(" ")


def shortfall_line(table: pd.DataFrame, lang: str = "zh") -> str | None:
    """One line naming the scopes behind schedule and the rates below target (the 总览); None without
    scoped targets, a line saying all are on track when none is behind."""
    if table.empty:
        return None
    found = shortfalls(table)
    if not found:
        return msg("scope_all_on_track", lang)
    behind = [msg("scope_behind_item", lang, scope=f.scope, indicator=_word(f.indicator, lang),
                  done=fmt_pct(f.value), schedule=fmt_pct(f.against)) for f in found if f.status]
    below = [msg("scope_below_item", lang, scope=f.scope, indicator=_word(f.indicator, lang),
                 actual=fmt_pct(f.value), gap=f"{-f.gap:.2f}") for f in found if not f.status and f.gap is not None]
    parts = []
    if behind:
        parts.append(msg("scope_behind", lang, n=len(behind), items=join(behind, lang)))
    if below:
        parts.append(msg("scope_below", lang, n=len(below), items=join(below, lang)))
    return msg("scope_line", lang, parts=msg("scope_sep", lang).join(parts))


def _rate_words(name: str, actual: float, gap: float) -> str:
    """「建会率82.10%，低于目标2.90个百分点」 (the 通报's words, Chinese only; the scope is named before it)."""
    if gap < 0:
        return f"{name}{fmt_pct(actual)}，低于目标{-gap:.2f}个百分点"
    if gap == 0:
        return f"{name}{fmt_pct(actual)}，达到目标"
    return f"{name}{fmt_pct(actual)}，高于目标{gap:.2f}个百分点"


_COUNT_UNITS = {"新建会单位数": "家", "新发展会员数": "人"}
_STATUS_WORDS = {"达标": "达到序时进度", "预警": "慢于序时进度、处于预警", "滞后": "进度滞后"}


def briefing_sentences(table: pd.DataFrame) -> list[str]:
    """The 通报's sentences, one per scope with a target, e.g. 「现代服务业新建会单位数275家（目标436家，完成63.07%），
    序时进度49.59%，达到序时进度」, 「新经济组织建会率60.78%，低于目标2.92个百分点」 (a count's 完成 follows the 合计 rule:
    without a 全区 target, the towns with a target against the sum of their targets)."""
    out = []
    for row in table.to_dict("records"):
        counts = []
        for actual, target, done in COUNTS:
            if pd.notna(row[target]):
                unit = _COUNT_UNITS[actual]
                counts.append(f"{actual}{fmt_int(row[actual])}{unit}（目标{fmt_int(row[target])}{unit}，"
                              f"完成{fmt_pct(row[done])}）")
        parts = []
        if counts:
            parts.append("、".join(counts) + f"，序时进度{fmt_pct(row['序时进度(%)'])}"
                         + (f"，{_STATUS_WORDS[row['进度状态']]}" if row["进度状态"] in _STATUS_WORDS else ""))
        for actual, target, gap in RATES:
            if pd.notna(row[target]):
                parts.append(_rate_words(actual.removesuffix("(%)"), row[actual], row[gap]))
        if parts:
            out.append(f"{row[SCOPE]}{'；'.join(parts)}。")
    return out


def briefing_blocks(v: Mapping[str, ViewResult]) -> list[tuple[str, object]]:
    """The 通报's paragraph on the scopes' targets (a heading-less paragraph after 各街镇进展); nothing without
    scoped targets."""
    sentences = briefing_sentences(scope_table(v))
    if not sentences:
        return []
    return [("para", "分行业、“两新”组织和商务楼宇看：" + "".join(sentences))]
