"""Crash safety (an import killed with SIGKILL at random points) and concurrent readers during imports."""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT
from unionboard.importer import create_database, import_path, rollback
from unionboard.sample import write_dataset
from unionboard.store import connect_read, reports_dir
from unionboard.views import Filters, get_view, table


def state(db: Path) -> tuple:
    """Everything a reader can see, summarised: per snapshot counts and sums, and the history length."""
    con = connect_read(db)
    try:
        return (con.execute("""SELECT snapshot, count(*), sum(members)::BIGINT, sum(employees)::BIGINT
                               FROM units GROUP BY snapshot ORDER BY snapshot""").fetchall(),
                con.execute("SELECT count(*) FROM imports WHERE result = 'imported'").fetchall())
    finally:
        con.close()


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    """A generated district (20,000 units, 2 snapshots) in the import formats."""
    out = tmp_path_factory.mktemp("gen")
    return write_dataset(out, units=20_000, snapshots=2, seed=11)


def base_db(tmp_path: Path, files: list[Path]) -> Path:
    db = tmp_path / "c.duckdb"
    create_database(db)
    for f in files:
        if not f.name.startswith("units_2015-06") and f.stem not in ("events", "training"):
            kind = "units" if f.name.startswith("units_") else f.stem
            assert import_path(db, f, kind).ok
    return db


def test_sigkill_during_import_leaves_the_database_as_it_was(tmp_path, dataset):
    db = base_db(tmp_path, dataset)
    target = next(f for f in dataset if f.name == "units_2015-06-30.csv")
    before = state(db)
    # what a completed import looks like (a kill after the atomic rename may legitimately leave it)
    done_db = tmp_path / "done" / "c.duckdb"
    done_db.parent.mkdir()
    shutil.copyfile(db, done_db)
    shutil.copytree(reports_dir(db), reports_dir(done_db))  # the units reports are files beside the database
    assert import_path(done_db, target, "units").ok
    after = state(done_db)
    rng = random.Random(7)
    killed_before_commit = 0
    for _ in range(8):
        p = subprocess.Popen([sys.executable, "-m", "unionboard", "import", "units", str(target), "--db", str(db)],
                             cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 2.5))
        if p.poll() is None:
            os.kill(p.pid, signal.SIGKILL)
        p.wait()
        now = state(db)[0]
        assert now in (before[0], after[0]), "a reader would see a half-written import"
        if now == after[0]:  # finished (or killed after the rename): undo, to try again from the same state
            rollback(db, int(table(db, "import_history").iloc[0]["编号"]))
            assert state(db)[0] == before[0]
            before = state(db)  # same data; the history now also holds that import and its rollback
        else:
            assert state(db) == before  # not even the history changed
            killed_before_commit += 1
    assert killed_before_commit >= 1
    # after the kills the database still takes an import (the lock was released, stale copies cleaned)
    assert import_path(db, target, "units").ok
    assert state(db)[0] == after[0]
    assert not list(db.parent.glob(".unionboard-*.tmp.duckdb*"))
    assert not list(db.parent.glob(".unionboard-stage-*"))  # nor scratch files of the killed imports


def test_readers_see_old_or_new_never_a_mix(tmp_path, dataset):
    db = base_db(tmp_path, dataset)
    old = get_view(db, "towns")
    target = next(f for f in dataset if f.name == "units_2015-06-30.csv")
    seen: list[tuple] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                res = get_view(db, "towns", Filters())
                total = res.df.iloc[-1]
                seen.append((res.resolved.snapshot, int(total["在营单位数"]), int(total["会员人数"])))
            except BaseException as exc:  # noqa: BLE001 - any error fails the test
                errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for th in threads:
        th.start()
    try:
        for _ in range(2):
            assert import_path(db, target, "units", replace=True).ok
    finally:
        stop.set()
        for th in threads:
            th.join()
    assert errors == []
    def key(res) -> tuple:  # noqa: ANN001
        total = res.df.iloc[-1]
        return (res.resolved.snapshot, int(total["在营单位数"]), int(total["会员人数"]))

    allowed = {key(old), key(get_view(db, "towns"))}
    assert seen and set(seen) <= allowed
    assert len(set(seen)) == 2  # readers saw both states while the imports ran
