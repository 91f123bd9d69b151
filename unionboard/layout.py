"""Read a sheet the way a person reads it (DATA-FORMAT.md, "Reading spreadsheets as towns fill them in").

A Sheet from unionboard.readers is laid out for one kind: the header row is the first of the first
20 non-blank rows that holds every required column (a two-row header with merged group titles is
read as one); title rows above it are skipped (a report date written there is kept); 序号 and
columns with neither header nor values are ignored; below it, total rows (合计, 小计, 总计, 累计)
are skipped and checked against the rows they total, footers (填表人, 备注, …) are skipped, blank
rows are dropped; a formula without a cached value stays marked for validation to name the cell. The
body comes out as RawTable pieces (readers.CHUNK_ROWS rows at most, SHEET_CHUNK_ROWS for spreadsheets),
each row keeping the sheet's own number.
Every skipped or inferred thing is a readers.Notice in the table's Reading.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from openpyxl.utils import get_column_letter

from . import readers
from .kinds import KINDS, SERIAL_COLUMN, Kind, column_positions, header_key
from .readers import FORMULA_WITHOUT_VALUE, Cells, Notice, RawTable, Reading, Sheet
from .validate import parse_date

HEAD_ROWS = 20
# Spreadsheet rows arrive as Python objects (text files as columnar pandas pieces): smaller pieces keep the
# peak down (bench.readers: 1,000,000-row XLSX), at no cost in speed, since parsing the XML dominates.
SHEET_CHUNK_ROWS = 50_000
TOTAL_RE = re.compile(r"^(合计|小计|总计|累计)")
# 注 alone is a footer only as a note (注：, 注1, 注①…), not as the first character of a name (注塑…)
FOOTER_RE = re.compile(r"^(填表人|填报人|审核人|负责人|联系电话|制表|备注|说明|注(?=$|[:：\d①-⑩（(、.．]))")
_TITLE_DATE_RE = re.compile(r"(?:报表日期|统计日期|数据截至|截至|截止日期|截止)\s*[:：]?\s*"
                            r"(\d{4}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}))")
_SPACES = re.compile(r"\s+")
# issue 23: a title that gives a month without a day ("马陆镇2015年6月单位建会情况统计表", "2015年1-6月",
# "2015年1至6月") means that month's last day; the last month of a range is the one reported. A month
# written after 填表/填报/制表/打印/报送 日期 is when the file was made, not the report date.
_TITLE_MONTH_RE = re.compile(r"(?<!\d)(\d{4})\s*年\s*(?:\d{1,2}\s*月?\s*[-－—~～至到]\s*)?(\d{1,2})\s*月"
                             r"(?!\s*\d)")
_NOT_REPORT_DATE_RE = re.compile(r"(?:填表|填报|制表|打印|报送|上报)(?:日期|时间)\s*[:：]?\s*$")
# the first characters of the words above: only rows starting with one are matched in Python
_LEADS = pa.array(sorted({w[0] for w in ("合计", "小计", "总计", "累计", "填表人", "填报人", "审核人", "负责人",
                                           "联系电话", "制表", "备注", "说明", "注")}))
# a number as people type it in a total's column: thousands separators and spaces are dropped
_NOT_NUMBER = r"[,，\s\x{3000}\x{00A0}]"


def _stripped(column: pd.Series) -> pa.Array:
    """A text column as Arrow strings, trimmed like str.strip(), empty for missing."""
    arr = pa.array(column, type=pa.string(), from_pandas=True)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return pc.utf8_trim_whitespace(arr).fill_null("")


def _numbers(texts: pa.Array) -> np.ndarray:
    """Text as float, NaN where it is not a number (like pandas.to_numeric with errors="coerce")."""
    cleaned = pc.replace_substring_regex(texts, _NOT_NUMBER, "")
    try:  # the common case, every cell a plain number or empty, in Arrow
        return pc.cast(pc.if_else(pc.equal(cleaned, ""), pa.scalar(None, pa.string()), cleaned),
                       pa.float64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pd.to_numeric(pd.Series(cleaned.to_pylist(), dtype=object), errors="coerce").to_numpy(dtype=float)


def letter(col: int) -> str:
    """The column letter of a 0-based position (0 = A)."""
    return get_column_letter(col + 1)


@dataclass
class Opened:
    """A sheet with its first rows in hand (dense text lists) and the rest still to be read."""

    sheet: Sheet
    head: list[tuple[int, list[str]]]
    rest_rows: Iterator[tuple[int, Cells]] | None = None
    rest_frames: Iterator[tuple[np.ndarray, pd.DataFrame]] | None = None
    head_frame: pd.DataFrame | None = None          # text files: the frames the head came from, joined
    head_numbers: np.ndarray | None = None
    filled: dict[int, list[int]] = field(default_factory=dict)  # column -> rows a merged value was filled into


@dataclass
class Header:
    """Where a kind's header is: its rows (one or two), the name of each position, the columns found."""

    kind: Kind
    rows: tuple[int, ...]
    last_index: int            # index in Opened.head of the header's last row
    names: list[str]
    positions: dict[str, int]
    missing: list[str]         # required columns not found (empty for a header that qualifies)

    @property
    def found(self) -> bool:
        return not self.missing


def open_sheet(sheet: Sheet) -> Opened:
    """Read the first HEAD_ROWS + 1 non-blank rows of a sheet (a two-row header may end on row 21)."""
    want = HEAD_ROWS + 1
    if sheet.rows is not None:
        opened = Opened(sheet, [])
        rows = readers.filled_down(sheet.rows, sheet.merged, opened.filled)
        for number, cells in rows:
            width = max(c for c, _ in cells) + 1
            dense = [""] * width
            for c, text in cells:
                dense[c] = text
            opened.head.append((number, dense))
            if len(opened.head) == want:
                break
        opened.rest_rows = rows
        return opened
    # text: take frames until the head is complete (normally the first frame holds it)
    frames = sheet.frames or iter(())
    taken: list[tuple[np.ndarray, pd.DataFrame]] = []
    head: list[tuple[int, list[str]]] = []
    for numbers, frame in frames:
        taken.append((numbers, frame))
        for i in range(len(frame)):
            values = ["" if v is None else str(v) for v in frame.iloc[i].tolist()]
            if any(v.strip() for v in values):
                while values and not values[-1].strip():
                    values.pop()
                head.append((int(numbers[i]), values))
                if len(head) == want:
                    break
        if len(head) == want:
            break
    opened = Opened(sheet, head, rest_frames=frames)
    if len(taken) == 1:
        opened.head_numbers, opened.head_frame = taken[0]
    elif taken:  # pieces smaller than the head (tests use pieces of two records)
        width = max(f.shape[1] for _, f in taken)
        parts = []
        for _, f in taken:
            f = f.copy()
            for c in range(f.shape[1], width):
                f[c] = ""
            parts.append(f[list(range(width))])
        opened.head_frame = pd.concat(parts, ignore_index=True)
        opened.head_numbers = np.concatenate([n for n, _ in taken])
    return opened


def _names(cells: list[str]) -> list[str]:
    """Header labels: the cell text without spaces and line breaks (brackets kept for messages)."""
    return [_SPACES.sub("", c) for c in cells]


def _known(name: str) -> bool:
    key = header_key(name)
    return key == SERIAL_COLUMN or any(key in (c.zh, c.key) for k in KINDS.values() for c in k.cols)


def _header_candidates(opened: Opened) -> Iterator[tuple[int, tuple[int, ...], list[str], bool]]:
    """(last head index, header rows, names, linked) for each way the head may hold a header: each row
    alone, and each row with the next as the lower row of a two-row header. `linked`: the upper row
    is part of the header for certain (it merges down into the lower row, or names a column itself),
    not a title spanning the table."""
    head = opened.head
    merged = opened.sheet.merged
    for i, (number, cells) in enumerate(head):
        yield i, (number,), _names(cells), True
        if i + 1 < len(head) and head[i + 1][0] == number + 1:
            lower = head[i + 1][1]
            vertical = any(m[0] == number and m[2] > number for m in merged)
            spans = [m for m in merged if m[0] == number and m[3] > m[1]]
            under_span = any(any(lower[c].strip() for c in range(m[1], min(m[3] + 1, len(lower)))) for m in spans)
            names_only = any(v.strip() for v in lower) and all(_known(v) for v in lower if v.strip())
            if vertical or under_span or names_only:
                linked = vertical or any(_known(v) for v in cells if v.strip())
                upper = list(cells)
                for m in spans:  # a merged group title names every column under it
                    if m[1] < len(upper):
                        upper += [""] * max(0, m[3] + 1 - len(upper))
                        for c in range(m[1] + 1, m[3] + 1):
                            upper[c] = upper[c] or upper[m[1]]
                width = max(len(upper), len(lower))
                upper += [""] * (width - len(upper))
                low = list(lower) + [""] * (width - len(lower))
                yield i + 1, (number, number + 1), _names([lo if lo.strip() else up for up, lo in zip(upper, low,
                                                                                                       strict=True)]), linked


def find_header(opened: Opened, kinds: list[Kind]) -> Header | None:
    """The header for one of `kinds` (the one with most required columns where several qualify at the
    same row), or the candidate that came closest (most required columns, earliest), or None for an
    empty sheet."""
    if len(kinds) > 1:
        # 街镇 alone makes a towns header: of the kinds found anywhere in the head, the most specific wins
        found = [h for h in (find_header(opened, [k]) for k in kinds) if h is not None]
        # a guessed kind needs two of its columns at least (a lone 街镇 cell is no towns table)
        complete = [h for h in found if h.found and len(h.positions) >= min(2, len(h.kind.cols))]
        if complete:
            return min(complete, key=lambda h: (-sum(c.required for c in h.kind.cols), h.rows[0]))
        return max(found, key=lambda h: (len(h.positions), -h.rows[0]), default=None)
    best: Header | None = None
    best_score = -1.0
    candidates = list(_header_candidates(opened))
    for n, (last, rows, names, linked) in enumerate(candidates):
        matches = []
        for kind in kinds:
            positions = column_positions(kind, names)
            required = [c for c in kind.cols if c.required]
            missing = [c.zh for c in required if c.key not in positions]
            header = Header(kind, rows, last, names, positions, missing)
            if not missing:
                matches.append(header)
            score = (len(required) - len(missing)) / len(required) + len(required) / 1000
            if score > best_score:
                best, best_score = header, score
        if not matches:
            continue
        if len(rows) == 1:
            # a row that qualifies absorbs the next one when that is the lower row of its header
            nxt = candidates[n + 1] if n + 1 < len(candidates) else None
            if nxt is not None and len(nxt[1]) == 2 and nxt[1][0] == rows[0]:
                lower = opened.head[nxt[0]][1]
                vertical = any(m[0] == rows[0] and m[2] > rows[0] for m in opened.sheet.merged)
                if vertical or (any(v.strip() for v in lower) and all(_known(v) for v in lower if v.strip())):
                    return _pick([Header(h.kind, nxt[1], nxt[0], nxt[2], column_positions(h.kind, nxt[2]), [])
                                  for h in matches])
        elif not linked and _qualifies_alone(candidates, n, kinds):
            continue  # the lower row is a header by itself: the upper one is a title above it
        return _pick(matches)
    return best


def _qualifies_alone(candidates: list, n: int, kinds: list[Kind]) -> bool:
    """Whether the lower row of two-row candidate n is itself a complete header."""
    last = candidates[n][0]
    for c_last, rows, names, _ in candidates:
        if c_last == last and len(rows) == 1:
            return any(all(col.key in column_positions(k, names) for col in k.cols if col.required) for k in kinds)
    return False


def _pick(matches: list[Header]) -> Header:
    """Several kinds qualify at one row (街镇 alone makes a towns header): the most specific wins."""
    matches.sort(key=lambda h: -sum(c.required for c in h.kind.cols))
    return matches[0]


def title_date(opened: Opened, header: Header) -> tuple[int, dt.date] | None:
    """A report date written above the header ("报表日期：2015年7月31日", "截至2015年7月31日"): (row, date)."""
    dates = title_dates(opened, header)
    if dates and all(d == dates[0][1] for _, d, _, _ in dates):
        return dates[0][0], dates[0][1]
    return None


def title_dates(opened: Opened, header: Header) -> list[tuple[int, dt.date, str, bool]]:
    """Every report date written above the header, in order: (row, date, the words as written, whether the
    title gave a month without a day — then the month's last day, issue 23). A day given in full for a month
    also named on its own ("2015年6月统计表 … 截至2015年6月30日") is one date, not two."""
    found: list[tuple[int, dt.date, str, bool]] = []
    for number, cells in opened.head:
        if number >= header.rows[0]:
            break
        text = " ".join(c for c in cells if c.strip())
        spans = []
        for m in _TITLE_DATE_RE.finditer(text):
            value, err = parse_date(_SPACES.sub("", m.group(1)))
            if err is None and isinstance(value, dt.date):
                found.append((number, value, _SPACES.sub("", m.group(1)), False))
                spans.append(m.span(1))
        for m in _TITLE_MONTH_RE.finditer(text):
            if any(a <= m.start() < b for a, b in spans) or _NOT_REPORT_DATE_RE.search(text[:m.start()]):
                continue
            year, month = int(m.group(1)), int(m.group(2))
            if 1900 <= year <= 2999 and 1 <= month <= 12:
                last = dt.date(year, month, calendar.monthrange(year, month)[1])
                found.append((number, last, _SPACES.sub("", m.group(0)), True))
    # a month and its own last day said twice are one date; a full day wins over a month
    full = {d for _, d, _, month_only in found if not month_only}
    return [f for f in found if not f[3] or f[1] not in full]


def table(opened: Opened, header: Header, lang: str = "zh") -> RawTable:
    """The body under `header` as a lazily read RawTable (see the module docstring)."""
    reading = Reading()
    sheet = opened.sheet
    name = sheet.name
    # what the file is comes first (read as TSV, as HTML…); what its rows held (hidden rows), last
    reading.notices += [n for n in sheet.notices if n.key in ("read_as", "read_tsv")]
    sheet.notices = [n for n in sheet.notices if n.key not in ("read_as", "read_tsv")]
    width = max((i + 1 for i, n in enumerate(header.names) if n), default=0)
    labels = header.names[:width] + [""] * (width - len(header.names[:width]))
    top = header.rows[0]
    titles = [n for n, _ in opened.head if n < top]
    if titles:
        reading.notices.append(Notice(name, None, None, "title_rows_skipped",
                                      {"rows": titles, "header": _rows_label(header.rows)}))
    elif header.rows != (1,):
        reading.notices.append(Notice(name, None, None, "header_at", {"header": _rows_label(header.rows)}))
    if len(header.rows) == 2:
        reading.notices.append(Notice(name, header.rows[0], None, "two_row_header", {"rows": _rows_label(header.rows)}))
    for i, label in enumerate(labels):
        if header_key(label) == SERIAL_COLUMN:
            reading.notices.append(Notice(name, header.rows[0], i, "serial_ignored", {}, header=label))
    dates = title_dates(opened, header)
    if dates and all(d == dates[0][1] for _, d, _, _ in dates):
        reading.title_date_row, reading.title_date = dates[0][0], dates[0][1]
        if all(month_only for *_, month_only in dates):  # issue 23: said in the notice
            reading.title_date_words = dates[0][2]
    elif dates:  # two different dates above the header: which one is meant is the user's to say
        reading.title_date_conflict = [(row, d, words) for row, d, words, _ in dates]
    body = _Body(opened, header, labels, reading)
    pieces = body.pieces()
    first = next(pieces, None)
    t = RawTable(name, labels, pd.DataFrame(columns=range(len(labels)), dtype=object), header_row=top,
                 reading=reading)
    if first is None:
        return t
    t.frame, t.row_numbers = first
    t.rest = (RawTable(name, labels, f, n, header_row=top, reading=reading) for f, n in pieces)
    return t


def _rows_label(rows: tuple[int, ...] | list[int]) -> str:
    return "–".join(str(r) for r in (rows[0], rows[-1])) if len(rows) > 1 else str(rows[0])


class _Body:
    """Turns the rows under a header into checked pieces, keeping what totals and notices need."""

    def __init__(self, opened: Opened, header: Header, labels: list[str], reading: Reading) -> None:
        self.opened, self.header, self.labels, self.reading = opened, header, labels, reading
        self.width = len(labels)
        kind = header.kind
        self.mapped = sorted(header.positions.values())
        self.mapped = [p for p in self.mapped if p < self.width]
        self.required = [header.positions[c.key] for c in kind.cols if c.required and c.key in header.positions]
        self.summed = [(header.positions[c.key]) for c in kind.cols
                       if c.ptype == "int" and c.key != "year" and c.key in header.positions]
        self.unnamed = [i for i, label in enumerate(labels) if not label]
        self.unnamed_with_values: set[int] = set()
        self.in_footer = False
        self.footers: list[int] = []
        self.blanks: list[int] = []
        self.last_data = 0
        # running sums for the totals: since the last total, and of every data row
        self.since = np.zeros(len(self.summed))
        self.since_first: int | None = None
        self.since_last: int | None = None
        self.all = np.zeros(len(self.summed))
        self.all_first: int | None = None
        self.all_last: int | None = None
        self.data_rows = 0
        self.early_totals: list[tuple[int, str, np.ndarray]] = []   # totals above every data row

    # -- sources
    def _frames(self) -> Iterator[tuple[pd.DataFrame, np.ndarray]]:
        """The body as text frames of `width` columns, CHUNK_ROWS rows at most."""
        opened, width = self.opened, self.width
        last = self.header.last_index
        if opened.rest_rows is not None:
            batch: list[list[str]] = []
            numbers: list[int] = []
            for number, dense in opened.head[last + 1:]:
                self._note_beyond(dense[width:])
                batch.append(dense[:width] + [""] * (width - len(dense[:width])))
                numbers.append(number)
            for number, cells in opened.rest_rows:
                row = [""] * width
                for c, text in cells:
                    if c < width:
                        row[c] = text
                    elif c not in self.unnamed_with_values:
                        self.unnamed_with_values.add(c)
                batch.append(row)
                numbers.append(number)
                if len(batch) >= min(readers.CHUNK_ROWS, SHEET_CHUNK_ROWS):
                    yield pd.DataFrame(batch, columns=range(width), dtype=object), np.array(numbers, dtype=np.int64)
                    batch, numbers = [], []
            if batch:
                yield pd.DataFrame(batch, columns=range(width), dtype=object), np.array(numbers, dtype=np.int64)
            return
        # text files: the rest of the head frames, then every later frame
        if opened.head_frame is not None and opened.head_numbers is not None:  # set together (open_sheet)
            keep = opened.head_numbers > opened.head[last][0]
            piece = self._cut(opened.head_frame.loc[keep].reset_index(drop=True)), opened.head_numbers[keep]
            opened.head_frame = opened.head_numbers = None  # the piece is all that is needed of it
            yield piece
            del piece
        for row_numbers, frame in opened.rest_frames or iter(()):
            yield self._cut(frame), row_numbers

    def _cut(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A text frame with exactly `width` columns (extra ones are checked for values, then dropped)."""
        width = self.width
        for c in range(width, frame.shape[1]):
            if c not in self.unnamed_with_values and (frame[c].fillna("").str.strip() != "").any():
                self.unnamed_with_values.add(c)
        body = frame.iloc[:, :width]
        body.columns = range(body.shape[1])
        for c in range(body.shape[1], width):
            body[c] = ""
        return body.fillna("")

    def _note_beyond(self, extra: list[str]) -> None:
        for i, v in enumerate(extra):
            if v.strip():
                self.unnamed_with_values.add(self.width + i)

    # -- the pieces
    def pieces(self) -> Iterator[tuple[pd.DataFrame, np.ndarray]]:
        for frame, numbers in self._frames():
            kept = self._classify(frame, numbers)
            if kept is not None:
                yield kept
        self._finish()

    def _classify(self, frame: pd.DataFrame, numbers: np.ndarray) -> tuple[pd.DataFrame, np.ndarray] | None:
        """Drop total, footer and blank rows from one frame, checking the totals.

        Column-wise in Arrow (a million-row roster): only rows whose first cell starts with a character
        a total or footer word starts with are matched against the Python patterns."""
        n = len(frame)
        if n == 0:
            return None
        stripped = {c: _stripped(frame[c]) for c in range(self.width)}
        present = {c: pc.not_equal(s, "").to_numpy(zero_copy_only=False) for c, s in stripped.items()}
        first = pa.nulls(n, pa.string())
        for c in range(self.width):
            s = stripped[c]
            first = pc.coalesce(first, pc.if_else(pc.and_(pc.not_equal(s, ""), pc.not_equal(s, FORMULA_WITHOUT_VALUE)),
                                                  s, pa.scalar(None, pa.string())))
        first = first.fill_null("")
        total = np.zeros(n, dtype=bool)
        footer_start = np.zeros(n, dtype=bool)
        words: dict[int, str] = {}
        lead = pc.utf8_slice_codeunits(first, 0, 1)
        for i in np.flatnonzero(pc.is_in(lead, value_set=_LEADS).to_numpy(zero_copy_only=False)).tolist():
            text = _SPACES.sub("", first[i].as_py())
            m = TOTAL_RE.match(text)
            if m:
                total[i] = True
                words[i] = m.group(1)
            elif FOOTER_RE.match(text):
                footer_start[i] = True
        filled = np.zeros(n, dtype=bool)
        for c in self.mapped:
            filled |= present[c]
        complete = np.ones(n, dtype=bool)
        for c in self.required:
            complete &= present[c]
        footer = np.zeros(n, dtype=bool)
        starts = np.flatnonzero(footer_start)
        if self.in_footer:
            footer = ~complete & filled | footer_start
        elif len(starts):
            footer[starts[0]:] = ~complete[starts[0]:] & filled[starts[0]:]
            footer |= footer_start
            self.in_footer = True
        footer &= ~total
        data = filled & ~total & ~footer
        blank = ~filled & ~total & ~footer
        # a footer row with nothing in the mapped columns (a note in an unnamed column) is a footer too
        self.footers += numbers[footer].tolist()
        self.blanks += numbers[blank].tolist()
        for c in self.unnamed:
            if c not in self.unnamed_with_values and (present[c] & data).any():
                self.unnamed_with_values.add(c)
        if data.any():
            self.last_data = int(numbers[np.flatnonzero(data)[-1]])
        self._totals(stripped, numbers, data, total, words)
        # a formula without a cached value stays marked: validation names the cell (validate.Checker.parse)
        if not data.any():
            return None
        out = frame.loc[data].reset_index(drop=True)
        return out, numbers[data]

    def _totals(self, stripped: dict[int, pa.Array], numbers: np.ndarray, data: np.ndarray,
                total: np.ndarray, words: dict[int, str]) -> None:
        """Check each total row against the rows it totals (小计: since the last total; 合计, 总计, 累计:
        every data row so far, or every data row of the sheet for a total above them all)."""
        n, m = len(data), len(self.summed)
        values = np.zeros((n, m))
        raw = np.full((n, m), np.nan)
        for j, c in enumerate(self.summed):
            parsed = _numbers(stripped[c])
            raw[:, j] = parsed
            values[:, j] = np.where(data & ~np.isnan(parsed), parsed, 0.0)
        cumulative = np.vstack([np.zeros((1, m)), np.cumsum(values, axis=0)])
        data_before = np.concatenate([[0], np.cumsum(data)])
        prev = 0
        for t in [*np.flatnonzero(total).tolist(), n]:
            segment = np.flatnonzero(data[prev:t]) + prev  # the data rows between two totals
            if len(segment):
                added = cumulative[t] - cumulative[prev]
                self.since += added
                self.all += added
                if self.since_first is None:
                    self.since_first = int(numbers[segment[0]])
                if self.all_first is None:
                    self.all_first = int(numbers[segment[0]])
                self.since_last = self.all_last = int(numbers[segment[-1]])
                self.data_rows += int(data_before[t] - data_before[prev])
            if t == n:
                break
            row = int(numbers[t])
            word = words[t]
            self.reading.notices.append(Notice(self.opened.sheet.name, row, None, "total_row_skipped", {"word": word}))
            if not self.data_rows:
                self.early_totals.append((row, word, raw[t].copy()))
            elif word == "小计":
                self._compare(row, word, raw[t], self.since, self.since_first, self.since_last)
            else:
                self._compare(row, word, raw[t], self.all, self.all_first, self.all_last)
            self.since = np.zeros(m)
            self.since_first = self.since_last = None
            prev = t + 1

    def _compare(self, row: int, word: str, given: np.ndarray, summed: np.ndarray, first: int | None,
                 last: int | None) -> None:
        """A warning per column where the total differs from the sum of its rows."""
        if first is None:
            return
        for j, c in enumerate(self.summed):
            if np.isnan(given[j]):
                continue
            if abs(given[j] - summed[j]) > 1e-6:
                self.reading.warnings.append(Notice(
                    self.opened.sheet.name, row, c, "total_mismatch",
                    {"word": word, "given": _num(given[j]), "sum": _num(summed[j]), "first": first, "last": last,
                     "diff": _num(given[j] - summed[j])}, header=self.labels[c], value=_num(given[j])))

    def _finish(self) -> None:
        """Notices known only at the end: early totals checked, footers, blank rows, filled merges."""
        name = self.opened.sheet.name
        for row, word, given in self.early_totals:
            self._compare(row, word, given, self.all, self.all_first, self.all_last)
        if self.footers:
            self.reading.notices.append(Notice(name, None, None, "footer_rows_skipped", {"rows": self.footers}))
        inner = [r for r in self.blanks if r < self.last_data]
        if inner:
            self.reading.notices.append(Notice(name, None, None, "blank_rows_skipped", {"rows": inner}))
        top = self.header.rows[-1]
        for col, rows in sorted(self.opened.filled.items()):
            rows = [r for r in rows if r > top]
            if rows and col < self.width:
                self.reading.notices.append(Notice(name, None, col, "merged_filled", {"rows": rows},
                                                   header=self.labels[col] or None))
        for col in sorted(self.unnamed_with_values):
            self.reading.notices.append(Notice(name, None, col, "unnamed_column_ignored"))
        self.reading.notices += self.opened.sheet.notices
        self.opened.sheet.notices = []


def _num(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,.2f}"
