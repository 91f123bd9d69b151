"""Beside every CSV download, the same table as XLSX, where an all-digit 统一社会信用代码 stays 18 digits of
text (opened from the CSV, a spreadsheet shows 9.13E+17 — said beside the downloads) (issue 17, item 11)."""
from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from apptest_helpers import capture_downloads, download_data, open_page, texts
from conftest import J2
from unionboard.export import csv_bytes, xlsx_bytes
from unionboard.views import get_view, localize


@pytest.fixture(autouse=True)
def _db(fixture_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))


def xlsx_frame(data: bytes) -> tuple[pd.DataFrame, openpyxl.worksheet.worksheet.Worksheet]:
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    header, *rows = [[c.value for c in r] for r in ws.iter_rows()]
    return pd.DataFrame(rows, columns=header), ws


def as_text(value: object) -> str:
    """A cell as the text a user reads: numbers by value, dates by day, empty as ''."""
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)) or value == "":
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    try:
        return repr(float(value))
    except (TypeError, ValueError):
        return str(value)


def same_table(csv: bytes, xlsx: bytes) -> None:
    """The CSV and the XLSX hold the same table, cell for cell."""
    from_csv = pd.read_csv(io.BytesIO(csv), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    from_xlsx, _ = xlsx_frame(xlsx)
    assert list(from_csv.columns) == list(from_xlsx.columns)
    assert from_csv.map(as_text).to_dict("records") == from_xlsx.astype(object).map(as_text).to_dict("records")


def test_builder_gives_the_same_frame(fixture_db):
    from ui.context import Ctx
    from ui.downloads import download_bytes, download_xlsx_bytes

    result = get_view(fixture_db, "uncovered")
    ctx = Ctx(db=fixture_db, version=None, lang="zh")
    data = download_xlsx_bytes(ctx, result)
    assert data == download_xlsx_bytes(ctx, result)  # built once, kept with the view
    df, ws = xlsx_frame(data)
    expected = result.df.astype(object).where(result.df.notna(), None)
    assert df.to_dict("records") == expected.to_dict("records")
    code = next(c for c in ws["A"] if c.value == J2)  # 913101140000000070: all digits
    assert code.data_type == "s" and isinstance(code.value, str)
    same_table(download_bytes(ctx, result), data)
    en = Ctx(db=fixture_db, version=None, lang="en")
    assert xlsx_frame(download_xlsx_bytes(en, result))[0].columns[0] == "credit code"
    assert xlsx_bytes({result.title: localize(result.df, "en")}) is not None


@pytest.mark.parametrize(("page", "key"), [("towns", "towns"), ("uncovered", "uncovered"), ("dynamics", "followup"),
                                           ("industries", "industries"), ("overview", "overview_trend")])
def test_every_csv_download_has_an_xlsx_beside_it(monkeypatch, page, key):
    seen = capture_downloads(monkeypatch)
    at = open_page(None if page == "overview" else page)
    csv_keys = [k for k in seen if k and k.endswith("_download")]
    assert csv_keys and all(f"{k}_xlsx" in seen for k in csv_keys)
    same_table(download_data(seen, f"{key}_download"), download_data(seen, f"{key}_download_xlsx"))
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("⬇ 下载 Excel") == sum(label.startswith("⬇ 下载 CSV") for label in labels) > 0


def test_the_csv_caveat_is_said_beside_unit_lists(monkeypatch):
    at = open_page("uncovered")
    assert "纯数字的统一社会信用代码会显示为科学计数法（如 9.13E+17）" in texts(at)
    csv = [b for b in at.get("download_button") if "CSV" in b.label]
    assert all("9.13E+17" in b.help for b in csv)
    at = open_page("towns")  # a table without codes: only the button's help says it
    assert "9.13E+17" not in texts(at)


def test_the_csv_itself_is_unchanged(fixture_db):
    # the code is written as its 18 digits; it is the spreadsheet that turns them into a number
    assert f"{J2},庚协会".encode() in csv_bytes(get_view(fixture_db, "uncovered").df)
