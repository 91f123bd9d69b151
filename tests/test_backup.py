"""Backup and restore (issue 26): `unionboard backup DIR` writes a consistent copy of the data — the catalog, its
report files, the rollback backups — while imports arrive (never half an import: each backup is the state after
some import, whole); `unionboard restore DIR` says what it replaces and brings the copy back, every view unchanged."""
from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from conftest import A1, A2, M1, M2, load, roster, row
from unionboard import cli
from unionboard.backup import CATALOG, MANIFEST, REPORTS, BackupError, backup, open_backup, restore, restore_plan, summary
from unionboard.export import csv_bytes
from unionboard.importer import import_bytes, rollback
from unionboard.sql import load_sql
from unionboard.store import backup_dir, connect_read, data_version, reports_dir
from unionboard.views import VIEWS, Filters, get_view, table


def every_view(db: Path) -> dict[str, bytes]:
    """The CSV bytes `export VIEW` writes, for every view (a one-town view for 安亭镇), and the history."""
    out = {name: csv_bytes(get_view(db, name, Filters(towns=["安亭镇"]) if VIEWS[name].one_town else None).df)
           for name in VIEWS}
    out["history"] = csv_bytes(table(db, "import_history"))
    return out


def report_files(db: Path) -> set[str]:
    return {f.name for f in reports_dir(db).glob("*.parquet")}


def test_restore_brings_back_every_view_and_the_history(fixture_db, tmp_path):
    before = every_view(fixture_db)
    files_before = report_files(fixture_db)
    held, files, size = backup(fixture_db, tmp_path / "bk")
    assert (held.imports, held.reports, held.towns) == (7, 4, 2)  # 7 imports; 安亭镇 and 嘉定镇街道 at two dates
    assert files == len(files_before) and size > 0
    # the data moves on: a July report, a rollback of the dictionary import (undoing it and all later ones)
    load(fixture_db, "units", roster(row(A1, "安亭镇", 100, 95, "2010-01-01")), snapshot=dt.date(2015, 7, 31))
    rollback(fixture_db, 1)
    assert summary(fixture_db).reports == 0  # the rollback of #1 took every later report with it
    found, lines = restore_plan(fixture_db, tmp_path / "bk")
    # what is replaced (the current state: 9 lines of history, the newest #9, the rollback) and with what
    assert lines[0].startswith(f"将被替换：{fixture_db} —— 导入记录 9 条（最近第 9 次，")
    assert lines[1].startswith(f"恢复为 {found.made_at} 的备份 —— 导入记录 7 条（最近第 7 次，")
    assert "现行报表 4 份（2014-12-31 – 2015-06-30，2 个街镇）" in lines[1]
    restore(fixture_db, found)
    assert every_view(fixture_db) == before
    assert report_files(fixture_db) == files_before  # the July report's file is gone with the state that had it
    # and into a database that did not exist: the same
    fresh = tmp_path / "elsewhere" / "ub.duckdb"
    restore(fresh, open_backup(tmp_path / "bk"))
    assert every_view(fresh) == before


def test_rollback_backups_come_back_with_the_data(fixture_db, tmp_path):
    kept = sorted(p.name for p in backup_dir(fixture_db).glob("before-*.duckdb"))
    assert kept  # every accepted import kept the state before it
    backup(fixture_db, tmp_path / "bk")
    fresh = tmp_path / "new" / "ub.duckdb"
    restore(fresh, open_backup(tmp_path / "bk"))
    assert sorted(p.name for p in backup_dir(fresh).glob("before-*.duckdb")) == kept
    rollback(fresh, 7)  # the restored copy rolls back like the original (its backup before #7 came with it)
    assert summary(fresh).imports == 8


MONTHS = [dt.date(2015, m, 28 if m == 2 else 30 if m in (4, 6, 9, 11) else 31) for m in range(1, 7)]


def two_town_report(month: int) -> bytes:
    """One file reporting 安亭镇 and 马陆镇 for a month: two reports in one import (half of it would show)."""
    return roster(row(A1, "安亭镇", 100, 60 + month, "2010-01-01"), row(A2, "安亭镇", 10 + month, 0),
                  row(M1, "马陆镇", 50, 30 + month, "2010-01-01"), row(M2, "马陆镇", 20, month, "2015-01-01")).encode()


def test_backups_taken_while_imports_arrive_are_each_a_whole_state(empty_db, tmp_path):
    db = empty_db
    states: dict[int, dict[str, bytes]] = {}  # the views after each import, by the history's last line
    done = threading.Event()
    failures: list[BaseException] = []

    def importer() -> None:
        try:
            for i, month in enumerate(MONTHS, start=1):
                r = import_bytes(db, two_town_report(i), f"{month}.csv", "units", snapshot=month,
                                 received=month + dt.timedelta(days=2))
                assert r.ok, [p.line() for p in r.problems]
                states[r.import_id] = {name: csv_bytes(get_view(db, name).df)
                                       for name in ("towns", "submissions", "changes-by-town", "trend")}
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            failures.append(exc)
        finally:
            done.set()

    thread = threading.Thread(target=importer)
    thread.start()
    taken = []
    while not done.is_set() or not taken:
        taken.append(tmp_path / f"bk{len(taken)}")
        backup(db, taken[-1])
    thread.join()
    assert failures == []
    seen = set()
    for folder in taken:
        found = open_backup(folder)  # every file at its size, every listed report file present
        last = found.summary.last_id
        seen.add(last)
        restored = tmp_path / f"r-{folder.name}" / "ub.duckdb"
        restore(restored, found)
        con = connect_read(restored)
        try:
            per_import = con.execute("SELECT import_id, count(*) FROM db.reports GROUP BY ALL").fetchall()
            units = con.execute("SELECT count(*) FROM units").fetchone()[0]
            listed = con.execute("SELECT sum(units)::BIGINT FROM db.reports WHERE superseded_by IS NULL").fetchone()[0]
        finally:
            con.close()
        # whole imports only: both towns of every import, every unit of the current reports readable
        assert all(n == 2 for _, n in per_import) and len(per_import) == (last or 0)
        assert units == (listed or 0)
        if last:
            assert {name: csv_bytes(get_view(restored, name).df) for name in states[last]} == states[last]
    assert len(seen) >= 2  # backups saw different moments of the imports


def test_a_backup_needs_a_new_folder_and_a_restore_a_whole_backup(fixture_db, tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x")
    with pytest.raises(BackupError, match="已存在且不是空的"):
        backup(fixture_db, tmp_path / "full")
    with pytest.raises(BackupError, match=f"不是完整的 unionboard 备份（没有 {MANIFEST}"):
        open_backup(tmp_path / "full")
    backup(fixture_db, tmp_path / "bk")
    version = data_version(fixture_db)
    victim = next((tmp_path / "bk" / REPORTS).glob("r*.parquet"))
    victim.write_bytes(victim.read_bytes()[:-1])
    with pytest.raises(BackupError, match=f"备份已损坏或不完整：{REPORTS}/{victim.name} 缺失或大小不符"):
        restore_plan(fixture_db, tmp_path / "bk")
    (tmp_path / "bk" / CATALOG).unlink()
    with pytest.raises(BackupError, match=f"{CATALOG} 缺失或大小不符"):
        open_backup(tmp_path / "bk")
    assert data_version(fixture_db) == version  # nothing changed


def test_the_command_line_asks_before_replacing(fixture_db, tmp_path, capsys, monkeypatch):
    assert cli.main(["--db", str(fixture_db), "backup", str(tmp_path / "bk")]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"已备份到 {tmp_path / 'bk'}：导入记录 7 条（最近第 7 次，")
    load(fixture_db, "units", roster(row(A1, "安亭镇", 100, 95, "2010-01-01")), snapshot=dt.date(2015, 7, 31))
    changed = every_view(fixture_db)
    # standard input is not a terminal here: --yes is required, nothing changes without it
    assert cli.main(["--db", str(fixture_db), "restore", str(tmp_path / "bk")]) == 2
    captured = capsys.readouterr()
    assert captured.out.startswith(f"将被替换：{fixture_db} —— 导入记录 8 条（最近第 8 次，")
    assert "恢复会替换当前数据：请在终端中确认，或加 --yes" in captured.err
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert cli.main(["--db", str(fixture_db), "restore", str(tmp_path / "bk")]) == 2
    assert "已取消：未作任何改动" in capsys.readouterr().out
    assert every_view(fixture_db) == changed
    assert cli.main(["--db", str(fixture_db), "restore", str(tmp_path / "bk"), "--yes"]) == 0
    assert capsys.readouterr().out.rstrip().endswith(f"已恢复：{fixture_db}。看板在下一次刷新页面时显示恢复后的数据")
    assert summary(fixture_db).imports == 7
    assert cli.main(["--db", str(fixture_db), "restore", str(tmp_path / "none")]) == 2
    assert "不是完整的 unionboard 备份" in capsys.readouterr().err


def test_the_summary_query_reads_the_catalog_only():
    assert "db.reports" in load_sql("backup_summary") and "units" not in load_sql("backup_summary").split("FROM")[-1]
