"""Validate raw text tables against DATA-FORMAT.md and turn them into typed DataFrames.

Cells are parsed once per distinct value (rosters repeat values heavily), then row rules and
cross-file references are checked with vectorised pandas operations. Every problem names the
file, sheet, row as the user sees it (header = row 1), column as written in the file, the value
and the reason.
"""
from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from openpyxl.utils import get_column_letter

from . import creditcode
from .context import Context  # issue 26: its own module, so kind.py names it without importing validate
from .i18n import join, msg
from .kind import DISTRICT, DISTRICT_ORGANISER, OUTSIDE, SERIAL_COLUMN, Col, Kind, header_key
from .readers import FORMULA_WITHOUT_VALUE, RawTable


@dataclass
class Problem:
    """One thing wrong with an input file."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    key: str
    params: dict = field(default_factory=dict)
    letter: str | None = None  # the column letter in the file (A, B, … as Excel shows them)

    def where(self, lang: str = "zh") -> str:
        """The cell: `H列「职工人数」` (`column H "职工人数"`), as much of it as is known."""
        if self.letter and self.column:
            return msg("cell_letter_header", lang, letter=self.letter, column=self.column)
        if self.letter:
            return msg("cell_letter", lang, letter=self.letter)
        return msg("cell_header", lang, column=self.column) if self.column else ""

    def reason(self, lang: str = "zh") -> str:
        """The reason in the user's language."""
        return msg(self.key, lang, **self.params)

    def line(self, lang: str = "zh") -> str:
        """One line for a report: file, sheet, row, column, value, reason (control characters made visible)."""
        where = visible(self.file) + (f"［{visible(self.sheet)}］" if self.sheet else "")
        if self.row is not None:
            where += msg("problem_row", lang, row=self.row)
        cell = self.where(lang)
        if cell:
            where += " " + cell if self.letter else msg("problem_header", lang, cell=cell)
        if self.value is not None:
            where += msg("problem_value", lang, value=visible(self.value))
        return msg("labelled", lang, label=where, text=self.reason(lang))

    def record(self, lang: str = "zh") -> dict:
        """A row of the downloadable report."""
        value = visible(self.value) if self.value is not None else ""
        cells = (visible(self.file), visible(self.sheet or ""), self.row, visible(self.where(lang)), value,
                 self.reason(lang))
        return dict(zip(report_columns(lang), cells, strict=True))


def report_columns(lang: str = "zh") -> list[str]:
    """The columns of the downloadable problem report: 文件, 工作表, 行, 列, 值, 问题."""
    return [msg(key, lang) for key in ("report_file", "report_sheet", "report_row", "report_column",
                                       "report_value", "report_problem")]


# Characters no cell may hold: C0 controls but tab and line breaks, DEL, C1 controls, and the two
# non-characters XML refuses (XLSX and Word could not write them). RE2 syntax for pyarrow; the same
# set as a Python pattern for single strings.
CONTROL_PATTERN = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\x{fffe}\x{ffff}]"
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def visible(text: str) -> str:
    """Text with control characters written as U+XXXX, so a report shows (and can carry) them."""
    return CONTROL_RE.sub(lambda m: f"<U+{ord(m.group()):04X}>", str(text))


def _controls(uniques: np.ndarray) -> np.ndarray:
    """Which of the distinct values of a column hold a control character (vectorised, for long rosters)."""
    flags = pc.match_substring_regex(pa.array(list(uniques), type=pa.string()), CONTROL_PATTERN)
    return flags.to_numpy(zero_copy_only=False).astype(bool)


def max_problems() -> int:
    """$UNIONBOARD_MAX_PROBLEMS (default 10,000): problems listed one by one; more are counted."""
    return int(os.environ.get("UNIONBOARD_MAX_PROBLEMS", "10000"))


# ---------------------------------------------------------------- cell parsers

_DATE_RES = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)
_INT_RE = re.compile(r"^[+-]?\d+(?:\.0+)?$")
_NUM_RE = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)%?$")
_BOOLS = {"是": True, "否": False, "y": True, "n": False, "yes": True, "no": False,
          "1": True, "0": False, "true": True, "false": False}

Parsed = tuple[object, tuple[str, dict] | None]


def parse_date(s: str) -> Parsed:
    """2015-06-30, 2015/6/30, 2015.6.30, 2015年6月30日 (and Excel cells written as ISO)."""
    for rx in _DATE_RES:
        m = rx.match(s)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3])), None
            except ValueError:
                break
    return None, ("not_date", {})


# issue 26: here, not in layout (which imports this module), so validate never imports layout
def rows_text(rows: list[int], lang: str = "zh", limit: int = 12) -> str:
    """Row numbers as ranges ("5–7、9"), the first `limit` ranges, then how many rows in all."""
    ranges: list[list[int]] = []
    for r in rows:
        if ranges and r == ranges[-1][1] + 1:
            ranges[-1][1] = r
        elif not ranges or r != ranges[-1][1]:
            ranges.append([r, r])
    shown = join([f"{a}–{b}" if b > a else f"{a}" for a, b in ranges[:limit]], lang)
    if len(ranges) > limit:
        shown += msg("list_sep", lang) + msg("rows_more", lang, n=f"{len(rows):,}")
    return shown


def _strip_thousands(s: str) -> str:
    return s.replace(",", "").replace("，", "")


# The database stores counts as INTEGER (32 bits) and targets as DOUBLE; a value outside this range
# is refused at validation, naming the cell (a target is compared with counts: the same bound).
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
_RANGE = ("out_of_range", {"min": f"{INT_MIN:,}", "max": f"{INT_MAX:,}"})


def parse_int(s: str) -> Parsed:
    """Integers with optional thousands separators (1,234 or 1，234), within INTEGER's range."""
    t = _strip_thousands(s)
    if _INT_RE.match(t):
        digits = t.split(".")[0]
        if len(digits.lstrip("+-0")) > 10:  # never int() a 5,000-digit string
            return None, _RANGE
        return int(digits), None
    return None, ("not_int", {})


def parse_number(s: str) -> Parsed:
    """Decimal numbers, thousands separators allowed; a trailing % is ignored (rates are in %).
    400 nines would be infinity as a float: refused like every value beyond INT_MAX."""
    t = _strip_thousands(s)
    if _NUM_RE.match(t):
        value = float(t.rstrip("%"))
        return (value, None) if math.isfinite(value) else (None, _RANGE)
    return None, ("not_number", {})


def parse_bool(s: str) -> Parsed:
    """是/否, Y/N, 1/0, true/false."""
    v = _BOOLS.get(s.lower())
    return (v, None) if v is not None else (None, ("not_bool", {}))


def _parser(col: Col, ctx: Context) -> Callable[[str], Parsed]:
    if col.ptype == "text":
        return lambda s: (s, None)
    if col.ptype == "int":
        return parse_int
    if col.ptype == "number":
        return parse_number
    if col.ptype == "bool":
        return parse_bool
    if col.ptype == "date":
        return parse_date
    if col.ptype == "enum":
        allowed = "、".join(col.values)
        return lambda s: (s, None) if s in col.values else (None, ("not_in", {"allowed": allowed}))
    if col.ptype == "town":
        return lambda s: (ctx.lookup[s], None) if s in ctx.lookup else (None, ("unknown_town", {}))
    if col.ptype == "town_or_outside":
        return lambda s: ((OUTSIDE, None) if s == OUTSIDE else (ctx.lookup[s], None) if s in ctx.lookup
                          else (None, ("unknown_town_or_outside", {})))
    if col.ptype == "town_or_district":  # issue 27: targets' 街镇 (全区 only with a 范围: kinds.targets)
        return lambda s: ((DISTRICT, None) if s == DISTRICT else (ctx.lookup[s], None) if s in ctx.lookup
                          else (None, ("unknown_town_or_district", {})))
    if col.ptype == "organiser":
        return lambda s: ((DISTRICT_ORGANISER, None) if s == DISTRICT_ORGANISER else (ctx.lookup[s], None)
                          if s in ctx.lookup else (None, ("unknown_organiser", {})))
    if col.ptype == "code":
        return lambda s: (s.upper(), creditcode.problem(s))
    raise ValueError(col.ptype)


# ---------------------------------------------------------------- the table checker

class Checker:
    """Parses one raw table of a kind and collects its problems."""

    def __init__(self, kind: Kind, table: RawTable, file_name: str, ctx: Context, *,
                 limit: int | None = None) -> None:
        self.kind, self.table, self.file, self.ctx = kind, table, file_name, ctx
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.notices: list[Problem] = []  # issue 24: what checking skipped (rows without a 目标值)
        # beyond `limit` problems are only counted: a file wrong in every row must not fill the memory
        self.limit = max_problems() if limit is None else limit
        self.dropped = 0
        self.position: dict[str, int] = {}
        self.rownum = np.asarray(table.row_numbers, dtype=np.int64)
        self.raw: dict[str, pd.Series] = {}
        self.label: dict[str, str] = {}
        self.letter: dict[str, str] = {}
        self.df = pd.DataFrame(index=range(len(table)))

    # -- reporting
    def add(self, mask: np.ndarray | pd.Series, col: str | None, reason: str,
            params: Callable[[int], dict] | dict | None = None) -> None:
        """Record a problem for every row where mask is true."""
        idx = self._room(np.flatnonzero(np.asarray(mask, dtype=bool)))
        for i in idx:
            p = params(i) if callable(params) else (params or {})
            value = self.raw[col].iat[i] if col in self.raw else None
            self.problems.append(Problem(self.file, self.table.sheet, int(self.rownum[i]),
                                         self.label.get(col, col) if col else col, value, reason, p,
                                         self.letter.get(col) if col else None))

    def _room(self, idx: np.ndarray) -> np.ndarray:
        """The first of idx that still fit under the limit; the rest are counted as dropped."""
        room = max(0, self.limit - len(self.problems))
        if len(idx) > room:
            self.dropped += len(idx) - room
            return idx[:room]
        return idx

    def file_problem(self, key: str, **params: object) -> None:
        """A problem about the whole table (the header row where it is about a column)."""
        row, column, letter = params.pop("row", None), params.pop("column", None), params.pop("letter", None)
        assert (row is None or isinstance(row, int)) and (column is None or isinstance(column, str)) \
            and (letter is None or isinstance(letter, str))
        self.problems.append(Problem(self.file, self.table.sheet, row, column, None, key, dict(params), letter))

    # -- parsing
    def map_header(self) -> bool:
        """Match headers (Chinese or key) to columns; False when a required column is missing."""
        by_name: dict[str, Col] = {}
        for known in self.kind.cols:
            by_name[known.zh] = known
            by_name[known.key] = known
        position: dict[str, int] = {}
        unlisted = 0  # notices beyond the limit, only counted (a hostile file may have 100,000 columns)
        row = self.table.header_row
        for i, h in enumerate(self.table.header):
            name = header_key(h)
            c = by_name.get(name)
            if c is None:
                if name and name != SERIAL_COLUMN and len(self.warnings) < self.limit:  # 序号: a notice (layout)
                    self.warnings.append(Problem(self.file, self.table.sheet, row, h, None, "unknown_column", {"col": h},
                                                 get_column_letter(i + 1)))
                elif name and name != SERIAL_COLUMN:
                    unlisted += 1
                continue
            if c.key in position:
                if len(self.problems) < self.limit:
                    self.file_problem("duplicate_column", row=row, column=h, col=h, letter=get_column_letter(i + 1))
                else:
                    self.dropped += 1
                continue
            position[c.key] = i
            self.label[c.key] = h
            self.letter[c.key] = get_column_letter(i + 1)
        if unlisted:
            self.warnings.append(more_notices(self.file, self.table.sheet, unlisted, len(self.warnings)))
        ok = True
        for c in self.kind.cols:
            if c.required and c.key not in position:
                self.file_problem("missing_column", row=row, column=c.zh, col=c.zh)
                ok = False
        if not ok and self.dropped:  # the caller stops here: say now how many were not listed
            self.problems.append(more_problems(self.file, self.table.sheet, self.dropped, len(self.problems)))
            self.dropped = 0
        self.position = position
        self.extract()
        return ok

    def extract(self) -> None:
        """Take the mapped columns from the raw table, stripped."""
        frame = self.table.frame
        for key, pos in self.position.items():
            # strip() removes ASCII and full-width (U+3000) spaces alike
            self.raw[key] = frame[pos].fillna("").str.strip()
        # the stripped columns are all that is needed from here (a new empty frame: a 0-row slice
        # would keep the whole text buffers alive)
        self.table.frame = pd.DataFrame()

    def continued(self, piece: RawTable, limit: int) -> Checker:
        """A checker for the next piece of the same table: same columns, `limit` problems of room."""
        nxt = Checker(self.kind, piece, self.file, self.ctx, limit=limit)
        nxt.position, nxt.label, nxt.letter = self.position, self.label, self.letter
        nxt.extract()
        return nxt

    def parse(self) -> None:
        """Parse each present column; missing optional columns take their default."""
        self._skip_empty_rows()
        n = len(self.df)
        for c in self.kind.cols:
            if c.key not in self.raw:
                self.df[c.key] = pd.Series([c.default] * n, dtype=object)
                continue
            raw = self.raw[c.key]
            codes, distinct = pd.factorize(raw, use_na_sentinel=False)
            uniques = np.asarray(distinct, dtype=object)  # Python strings: iterating Arrow is slow
            vals, errs = self._parse_distinct(c, uniques)
            wrong = np.fromiter((e is not None for e in errs), dtype=bool, count=len(errs))
            bad = self._room(np.flatnonzero(wrong[codes]))
            for i in bad:
                key, params = errs[codes[i]]
                value = raw.iat[i] if raw.iat[i] != FORMULA_WITHOUT_VALUE else None
                self.problems.append(Problem(self.file, self.table.sheet, int(self.rownum[i]),
                                             self.label[c.key], value, key, params, self.letter.get(c.key)))
            self.df[c.key] = pd.Series(vals[codes], dtype=object)

    def _skip_empty_rows(self) -> None:
        """Drop the rows whose cell is empty in a column that says so (Col.skip_row_when_empty), with one notice
        per column listing them (issue 24: a targets row without a 目标值 sets no target)."""
        for c in self.kind.cols:
            if not c.skip_row_when_empty or c.key not in self.raw:
                continue
            empty = (self.raw[c.key] == "").to_numpy()
            if not empty.any():
                continue
            self.notices.append(Problem(self.file, self.table.sheet, None, self.label.get(c.key, c.zh), None,
                                        "empty_row_skipped", {"rows": rows_text([int(r) for r in self.rownum[empty]]),
                                                              "n": int(empty.sum()), "col": c.zh},
                                        self.letter.get(c.key)))
            keep = ~empty
            self.raw = {k: v[keep].reset_index(drop=True) for k, v in self.raw.items()}
            self.rownum = self.rownum[keep]
            self.df = pd.DataFrame(index=range(int(keep.sum())))

    def _parse_distinct(self, c: Col, uniques: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each distinct value of a column parsed: (values, problems as (key, params) or None).
        Free text and codes are checked column-wise (a roster has a distinct name and code per row);
        only the values needing a word of their own are looked at one by one."""
        n = len(uniques)
        errs = np.full(n, None, dtype=object)
        if c.ptype == "text":
            vals = uniques.copy()
            # free text is stored as given: refuse what no export could write (NUL, control characters)
            special: np.ndarray | list[int] | range  # the values the parser looks at one by one
            special = (np.flatnonzero(_controls(uniques) | (uniques == "") | (uniques == FORMULA_WITHOUT_VALUE))
                       if n else [])
        elif c.ptype == "code":  # a million distinct codes: check digits vectorised
            vals = np.array([u.upper() for u in uniques], dtype=object)
            errs[:] = creditcode.problems(uniques)
            special = np.flatnonzero((uniques == "") | (uniques == FORMULA_WITHOUT_VALUE)) if n else []
        else:
            vals = np.empty(n, dtype=object)
            special = range(n)
        parse = _parser(c, self.ctx)
        for i in special:
            u = uniques[i]
            if u == "":
                vals[i], errs[i] = c.default, ("required", {}) if c.required else None
            elif u == FORMULA_WITHOUT_VALUE:  # never a default: the value is unknown
                vals[i], errs[i] = None, ("formula_no_value", {})
            elif c.ptype == "text":  # the rest of the special text values hold a control character
                vals[i], errs[i] = None, ("control_char", {"chars": "、".join(
                    dict.fromkeys(f"U+{ord(ch):04X}" for ch in CONTROL_RE.findall(u)))})
            else:
                vals[i], errs[i] = parse(u)
                if errs[i] is None and c.ptype in ("int", "number"):
                    if not INT_MIN <= vals[i] <= INT_MAX:
                        errs[i] = _RANGE
                    elif c.positive and vals[i] <= 0:
                        errs[i] = ("not_positive", {})
                    elif c.min_value is not None and vals[i] < c.min_value:
                        errs[i] = ("negative", {}) if c.min_value == 0 else ("not_int", {})
                    if errs[i] is not None:
                        vals[i] = None  # an out-of-range value takes part in no further rule
        return vals, errs

    def num(self, key: str) -> np.ndarray:
        """A parsed numeric column as float with NaN where empty or invalid."""
        return pd.to_numeric(self.df[key], errors="coerce").to_numpy(dtype=float)

    def duplicates(self, keys: list[str], report_col: str) -> None:
        """Rows repeating an earlier row's keys: 'duplicates row N'."""
        sub = self.df[keys]
        valid = sub.notna().all(axis=1).to_numpy()
        dup = sub.duplicated(keep="first").to_numpy() & valid
        if dup.any():
            first = {}
            for i, k in enumerate(map(tuple, sub.itertuples(index=False))):
                if valid[i] and k not in first:
                    first[k] = int(self.rownum[i])
            keys_list = list(map(tuple, sub.itertuples(index=False)))
            self.add(dup, report_col, "duplicate", lambda i: {"row": first[keys_list[i]]})


def check_table(kind: Kind, table: RawTable, file_name: str, ctx: Context) -> tuple[pd.DataFrame, Checker]:
    """Validate one whole table: its columns, then the kind's rules; returns the typed frame (only
    meaningful without problems). (A units report is checked in pieces: unionboard.kinds.units.)"""
    ch = Checker(kind, table, file_name, ctx)
    if not ch.map_header():
        return ch.df, ch
    ch.parse()
    kind.rules(ch)
    if ch.dropped:
        ch.problems.append(more_problems(file_name, table.sheet, ch.dropped, len(ch.problems)))
    return ch.df, ch


def more_problems(file_name: str, sheet: str | None, dropped: int, shown: int) -> Problem:
    """The last line of a capped problem list: how many more were found (see max_problems)."""
    return Problem(file_name, sheet, None, None, None, "more_problems", {"n": dropped, "shown": shown})


def more_notices(file_name: str, sheet: str | None, dropped: int, shown: int) -> Problem:
    """The last line of a capped list of notices: how many more there were (capped like problems)."""
    return Problem(file_name, sheet, None, None, None, "more_notices", {"n": dropped, "shown": shown})


def capped_notices(notices: list[Problem], limit: int | None = None) -> list[Problem]:
    """At most `limit` (max_problems) notices one by one, then one line counting the rest — including
    those an earlier cap (one sheet's) already counted."""
    limit = max_problems() if limit is None else limit
    listed = [n for n in notices if n.key != "more_notices"]
    counted = sum(int(n.params.get("n", 0)) for n in notices if n.key == "more_notices")
    if len(listed) <= limit and not counted:
        return notices
    rest = counted + max(0, len(listed) - limit)
    shown = listed[:limit]
    first = notices[0] if notices else None
    return shown + [more_notices(first.file if first else "", None, rest, len(shown))] if rest else shown


def typed(kind: Kind, df: pd.DataFrame) -> pd.DataFrame:
    """Give object columns real types so that DuckDB stores them as the schema says (in place: a
    million-row roster is not copied)."""
    out = df
    for c in kind.cols:
        if c.key not in out:
            continue
        if c.ptype == "int":
            out[c.key] = pd.array(out[c.key].tolist(), dtype="Int64")
        elif c.ptype == "number":
            out[c.key] = pd.array(out[c.key].tolist(), dtype="Float64")
        elif c.ptype == "bool":
            out[c.key] = pd.array(out[c.key].tolist(), dtype="boolean")
        elif c.ptype == "date":
            out[c.key] = pd.to_datetime(pd.Series(out[c.key], dtype=object), errors="coerce").astype("datetime64[s]")
        elif c.key != "aliases":
            out[c.key] = out[c.key].astype("string")
    return out


# ---------------------------------------------------------------- words no name may start with

# The words total rows use (DATA-FORMAT.md "Totals and footers"; every view by town ends with 合计):
# a town or alias starting with one would become, or hide, a total row.
TOTAL_WORDS = ("合计", "小计", "总计", "累计")


def is_total_word(name: str | None) -> bool:
    """Whether a name starts with a word total rows use (spaces ignored)."""
    if not name:
        return False
    return re.sub(r"\s", "", name).startswith(TOTAL_WORDS)
