"""What an import kind is (DATA-FORMAT.md): its columns, how it is checked and stored, what its fill-in
template offers (how the sample makes it: unionboard.samples). The kinds themselves are `unionboard.kinds`, one module each.

This module imports nothing of the project but unionboard.context (a plain dataclass), so the validator
(which parses columns) and the kinds (which use the validator for their rules) can both depend on it.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import pandas as pd

    from .context import Context

OUTSIDE = "区外"
DISTRICT_ORGANISER = "区总工会"
DISTRICT = "全区"  # issue 27: the 街镇 of a target the district set for itself (targets, with a 范围 only)
# The instructions sheet of a fill-in template (unionboard.templates): never data.
INSTRUCTION_SHEETS = ("填写说明", "instructions")
# A column ignored wherever it appears: the row counter of printed forms.
SERIAL_COLUMN = "序号"


@dataclass(frozen=True)
class Col:
    """One column of an import kind, with its rule in DATA-FORMAT.md's words.

    `rule` and `required_when` are the contract's words (tests compare them with DATA-FORMAT.md);
    `rule_zh` and `required_when_zh` say the same in Chinese on the template's instructions sheet
    (empty: the words shared by several kinds, unionboard.templates, or the list of `values`).
    """

    key: str
    zh: str
    ptype: str  # text, int, number, bool, date, enum, town, town_or_outside, town_or_district, organiser, code
    required: bool = False
    values: tuple[str, ...] = ()
    min_value: float | None = None  # inclusive lower bound for int
    positive: bool = False  # number/int > 0
    default: object = None
    rule: str = ""
    required_when: str = ""  # a condition under which an optional column is required ("for 联合建会")
    rule_zh: str = ""
    required_when_zh: str = ""
    lists: str | None = None  # the template's dropdown offers this dictionary: "federations" or "buildings"
    # issue 24: a row whose cell in this column is empty is skipped with a notice, not refused (targets' 目标值:
    # a template lists every area and indicator, and a town fills in those it signed)
    skip_row_when_empty: bool = False

    @property
    def spec(self) -> tuple[str, str]:
        """(required, rule) as DATA-FORMAT.md's table words them."""
        return ("yes" if self.required else self.required_when or "no"), self.rule


class Store(Protocol):
    """How the rows of a kind are checked as a whole and written once a file is accepted (see
    unionboard.kinds.store for the styles: by key, as a log; unionboard.kinds.units for reports)."""

    @property
    def table(self) -> str:
        """The table the kind is stored in (read-only: the styles are frozen dataclasses)."""

    @property
    def dated(self) -> bool:
        """Whether a file of the kind has a report date (--snapshot)."""

    def check(self, kind: Kind, table: Any, job: Any, /) -> Any:
        """Check one table of the kind (a readers.RawTable) for an import job; a kinds.store.Checked."""

    def write(self, con: Any, kind: Kind, payload: Any, receipt: Any, lang: str, /) -> str:
        """Write what check accepted; a line saying what changed."""


@dataclass
class SampleTable:
    """One file of the sample (unionboard.sample): a table with the Chinese headers, written as
    `<name>.csv`; a units report also says which town sent it and when it was received."""

    name: str
    frame: pd.DataFrame
    town: str | None = None
    received: dt.datetime | None = None
    after: str | None = None  # issue 24: imported after the files of this kind (area targets after the reports)


def no_rules(ch: Any) -> None:  # ch: a validate.Checker (see Kind.rules)
    """A kind whose columns say everything: no rule between columns or rows."""


def learns_nothing(ctx: Context, df: pd.DataFrame) -> None:
    """A kind later sheets of a workbook never refer to."""


@dataclass(frozen=True)
class Kind:
    """An import kind: its key, Chinese name, columns (in the contract's order) and what it does.

    - `store`: how it is checked and written (kinds.store.Upsert by key, kinds.store.Log, units' reports);
    - `rules`: the rules between columns and rows beyond each column's own (validate.Checker methods);
    - `learn`: what a later sheet of the same workbook may refer to once this one is checked (towns…);
    - `prefill`: the rows a town's template is pre-filled with, or None (units: its latest report).
    """

    key: str
    zh: str
    cols: tuple[Col, ...]
    store: Store
    # issue 26: a function of a validate.Checker. Typed Any here because kind.py must not name validate
    # (it imports kind: the circle) and a Protocol would not do: Callable parameters are contravariant, so
    # every kind's `rules(ch: Checker)` would not fit a Callable[[SomeProtocol], None]
    rules: Callable[[Any], None] = no_rules
    learn: Callable[[Context, pd.DataFrame], None] = learns_nothing
    prefill: Callable[[Any, str, Any], pd.DataFrame] | None = None

    def col(self, key: str) -> Col:
        """The column with this key."""
        return next(c for c in self.cols if c.key == key)


_UNIT_SUFFIX = re.compile(r"[（(\[【][^（）()\[\]【】]*[）)\]】]$")


def header_key(text: str) -> str:
    """A header cell as the column name it means: spaces and line breaks anywhere removed, a unit in
    brackets at its end (`职工人数（人）`) and required-marks (`*`) dropped, English keys in lower case."""
    s = re.sub(r"\s+", "", str(text)).strip("*＊")
    s = _UNIT_SUFFIX.sub("", s).strip("*＊") or s
    return s.lower() if s.isascii() else s


def column_positions(kind: Kind, names: list[str]) -> dict[str, int]:
    """Which position holds each column of `kind` (the first, where a name repeats)."""
    by_name = {}
    for c in kind.cols:
        by_name[c.zh] = c.key
        by_name[c.key] = c.key
    found: dict[str, int] = {}
    for i, name in enumerate(names):
        key = by_name.get(header_key(name))
        if key is not None and key not in found:
            found[key] = i
    return found
