"""Backup and restore (issue 26): a consistent copy of the data — the catalog database, its folder of report
files and the rollback backups — taken while the dashboard runs and imports arrive, and brought back.

Why it is consistent (docs/architecture.md, "Backup and restore"): writers never change a file in place. An
import writes new report files (never changed once written), then swaps a new catalog in with `os.replace`,
all under the write lock (store.write_lock). So the backup first copies the report files and rollback backups
that are there, without the lock (the long part: they are the bulk of the data and never change); then, holding
the write lock — imports wait, the dashboard keeps reading — it copies the catalog and whatever report files and
rollback backups arrived in between, and checks that every report file the copied catalog lists is in the
backup. A backup is the state after some import, whole, never half of one. Its manifest is written last: a
folder without one is not a backup.

A restore checks the backup whole first (the manifest's files and sizes, the catalog opens and lists only files
the backup has), says what it replaces, then, under the write lock, puts the report files in place, replaces
the rollback backups and swaps the catalog in with `os.replace`: readers see the old data or the restored data,
never a mix. Report files of the replaced state that the restored one does not list are removed afterwards.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .i18n import msg
from .sql import execute, fill, load_sql
from .store import LAYOUT_FILE, LegacyDatabase, _fsync_dir, backup_dir, remove_stale_temporaries, reports_dir, write_lock

MANIFEST = "unionboard-backup.json"
CATALOG = "database.duckdb"  # the catalog's name inside a backup (whatever the database file is called)
REPORTS = "reports"
ROLLBACK = "rollback"
FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot be done (the folder, a missing or damaged file): said, nothing changed."""


@dataclass(frozen=True)
class Summary:
    """What a catalog holds (queries/backup_summary.sql)."""

    imports: int
    last_id: int | None
    last_at: dt.datetime | None
    reports: int
    first_date: dt.date | None
    last_date: dt.date | None
    towns: int
    files: int

    def line(self, lang: str = "zh") -> str:
        """One sentence: the history and the current reports."""
        when = self.last_at.isoformat(sep=" ", timespec="minutes") if self.last_at else "—"
        dates = (f"{self.first_date.isoformat()} – {self.last_date.isoformat()}"
                 if self.first_date and self.last_date else "—")
        return msg("backup_summary", lang, imports=self.imports, last=self.last_id or 0, when=when,
                   reports=self.reports, dates=dates, towns=self.towns)


def _read_catalog(path: Path) -> tuple[Summary, list[str]]:
    """The summary of a catalog file and the report files it lists, read without the reports folder."""
    con = duckdb.connect(":memory:")
    try:
        execute(con, fill("attach_read", path=path))
        if execute(con, load_sql("legacy_units_present"))[0][0]:
            raise LegacyDatabase(str(path))
        summary = Summary(*execute(con, load_sql("backup_summary"))[0])
        files = [r[0] for r in execute(con, load_sql("all_report_files"))]
    finally:
        con.close()
    return summary, files


def summary(db: Path) -> Summary:
    """What the database at `db` holds (its history and current reports)."""
    return _read_catalog(Path(db))[0]


def _copy(src: Path, dst: Path) -> int:
    """Copy one file durably (a partial name until complete); its size."""
    partial = dst.with_name(f".{dst.name}.partial")
    shutil.copyfile(src, partial)
    with open(partial, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(partial, dst)
    return dst.stat().st_size


def _report_files(folder: Path) -> dict[str, Path]:
    """The committed report files of a reports folder (not the partial files of a write in progress)."""
    if not folder.is_dir():
        return {}
    return {f.name: f for f in folder.glob("*.parquet") if not f.name.startswith(".")}


def _rollback_files(folder: Path) -> dict[str, Path]:
    """The rollback backups (before-N.duckdb) of a database."""
    return {f.name: f for f in folder.glob("before-*.duckdb")} if folder.is_dir() else {}


def _import_id(name: str) -> int | None:
    """The import id in a report file's name (rNNNNNN-random.parquet); None for the layout file."""
    digits = name.removeprefix("r").split("-")[0]
    return int(digits) if name.startswith("r") and digits.isdigit() else None


def _sync(sources: dict[str, Path], target: Path, sizes: dict[str, int]) -> None:
    """Make `target` hold exactly the files of `sources` (copying those it lacks, by name: these files never
    change once written), noting each size in `sizes`."""
    target.mkdir(parents=True, exist_ok=True)
    for name in list(sizes):
        if name not in sources:
            (target / name).unlink(missing_ok=True)
            del sizes[name]
    for name, src in sources.items():
        if name in sizes:
            continue
        with contextlib.suppress(FileNotFoundError):  # pruned or removed meanwhile: the locked pass decides
            sizes[name] = _copy(src, target / name)


def backup(db: Path, target: Path, lang: str = "zh") -> tuple[Summary, int, int]:
    """Write a consistent copy of the database at `db` into the new or empty folder `target`.

    Returns what the copied catalog holds, how many report files and how many bytes were written.
    """
    db, target = Path(db), Path(target)
    if not db.exists():
        raise BackupError(msg("no_db", lang, db=db))
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BackupError(msg("backup_target_not_empty", lang, target=target))
    target.mkdir(parents=True, exist_ok=True)
    reports: dict[str, int] = {}
    rollbacks: dict[str, int] = {}
    # the bulk, without the lock: files that never change once written
    _sync(_report_files(reports_dir(db)), target / REPORTS, reports)
    _sync(_rollback_files(backup_dir(db)), target / ROLLBACK, rollbacks)
    with write_lock(db):  # imports wait from here; readers go on
        catalog_size = _copy(db, target / CATALOG)
        copied, listed = _read_catalog(target / CATALOG)
        last = copied.last_id or 0
        # files of imports that never committed (killed) are no part of any state: left out
        live = {n: p for n, p in _report_files(reports_dir(db)).items() if (_import_id(n) or 0) <= last}
        missing = [f for f in listed if f not in live]
        if missing:
            raise BackupError(msg("backup_missing_file", lang, file=missing[0], n=len(missing)))
        _sync(live, target / REPORTS, reports)
        _sync(_rollback_files(backup_dir(db)), target / ROLLBACK, rollbacks)
    manifest = {"format": FORMAT, "made_at": dt.datetime.now().isoformat(timespec="seconds"), "source": str(db.resolve()),
                "last_import": last, "catalog": {CATALOG: catalog_size},
                "reports": dict(sorted(reports.items())), "rollback": dict(sorted(rollbacks.items()))}
    for folder in (target / REPORTS, target / ROLLBACK):
        _fsync_dir(folder)
    _write_json(target / MANIFEST, manifest)
    _fsync_dir(target)
    return copied, len(reports), catalog_size + sum(reports.values()) + sum(rollbacks.values())


def _write_json(path: Path, data: dict) -> None:
    """Write a JSON file atomically and durably."""
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    with open(partial, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(partial, path)


@dataclass(frozen=True)
class Backup:
    """A backup folder checked whole: what it holds and when it was made."""

    folder: Path
    made_at: str
    summary: Summary
    reports: list[str]
    rollback: list[str]


def open_backup(source: Path, lang: str = "zh") -> Backup:
    """Check a backup folder whole (manifest, every file at its size, the catalog lists only files it has)."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupError(msg("restore_not_backup", lang, source=source, manifest=MANIFEST)) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(msg("restore_not_backup", lang, source=source, manifest=MANIFEST))
    expected = [(source / CATALOG, manifest["catalog"][CATALOG])]
    expected += [(source / REPORTS / n, s) for n, s in manifest["reports"].items()]
    expected += [(source / ROLLBACK / n, s) for n, s in manifest["rollback"].items()]
    for path, size in expected:
        if not path.is_file() or path.stat().st_size != size:
            raise BackupError(msg("restore_damaged", lang, file=path.relative_to(source)))
    try:
        held, listed = _read_catalog(source / CATALOG)
    except duckdb.Error:
        raise BackupError(msg("restore_damaged", lang, file=CATALOG)) from None
    absent = [f for f in listed if f not in manifest["reports"]]
    if absent:
        raise BackupError(msg("restore_damaged", lang, file=f"{REPORTS}/{absent[0]}"))
    return Backup(source, manifest["made_at"], held, sorted(manifest["reports"]), sorted(manifest["rollback"]))


def restore_plan(db: Path, source: Path, lang: str = "zh") -> tuple[Backup, list[str]]:
    """The backup, checked, and the lines saying what a restore would replace with what."""
    found = open_backup(source, lang)
    db = Path(db)
    lines = []
    if db.exists():
        lines.append(msg("restore_replaces", lang, db=db, what=summary(db).line(lang),
                         files=len(_report_files(reports_dir(db))), rollback=len(_rollback_files(backup_dir(db)))))
    else:
        lines.append(msg("restore_new", lang, db=db))
    lines.append(msg("restore_with", lang, made=found.made_at, what=found.summary.line(lang), files=len(found.reports),
                     rollback=len(found.rollback)))
    return found, lines


def restore(db: Path, found: Backup) -> None:
    """Bring a checked backup (open_backup) back as the database at `db`, under the write lock."""
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    with write_lock(db):
        remove_stale_temporaries(db.parent)
        folder = reports_dir(db)
        folder.mkdir(parents=True, exist_ok=True)
        present = _report_files(folder)
        for name in found.reports:  # by name: a report file never changes once written
            if name not in present or present[name].stat().st_size != (found.folder / REPORTS / name).stat().st_size:
                _copy(found.folder / REPORTS / name, folder / name)
        _fsync_dir(folder)
        rollbacks = backup_dir(db)
        rollbacks.mkdir(parents=True, exist_ok=True)
        for old in _rollback_files(rollbacks).values():
            old.unlink()
        for name in found.rollback:
            _copy(found.folder / ROLLBACK / name, rollbacks / name)
        _fsync_dir(rollbacks)
        fd, tmp_name = tempfile.mkstemp(prefix=".unionboard-restore-", suffix=".tmp.duckdb", dir=db.parent)
        os.close(fd)
        try:  # the name the writers' stale-file sweep knows (store.remove_stale_temporaries)
            shutil.copyfile(found.folder / CATALOG, tmp_name)
            with open(tmp_name, "rb+") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp_name, db)
        finally:
            Path(tmp_name).unlink(missing_ok=True)
        _fsync_dir(db.parent)
        _remove_unlisted(folder, found.reports)


def _remove_unlisted(folder: Path, keep: Iterable[str]) -> None:
    """Report files of the replaced state that the restored one does not hold (as init removes the old ones)."""
    kept = set(keep) | {LAYOUT_FILE}
    for name, path in _report_files(folder).items():
        if name not in kept:
            path.unlink(missing_ok=True)
