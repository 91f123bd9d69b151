"""No traceback ever reaches a user: a full disk, a read-only data folder, a damaged database file and
an unreadable accounts.toml each give a clear message (what happened, what to do) — the command line
exits 1 (2 for a refusal) and the dashboard shows the message, without the server's folders
(issue 17, item 9). `user add` refuses names that would break accounts.toml.

Tests run as root, for whom chmod does not make a folder read-only: failures are simulated by
monkeypatching the write that would fail (the chmod variant runs only for other users).
"""
from __future__ import annotations

import datetime as dt
import errno
import io
import os
import tomllib
from pathlib import Path

import duckdb
import pytest

from apptest_helpers import metrics, open_page, server_like, texts
from conftest import A1, UNITS_HEADER
from unionboard import errors
from unionboard.accounts import accounts_path, add_user
from unionboard.accounts import load as load_users
from unionboard.cli import main
from unionboard.views import table

ROOT = Path(__file__).resolve().parent.parent
ROSTER = f"{UNITS_HEADER}\n{A1},甲公司,安亭镇,,,制造业,民营企业,否,10,0,在营,未建会,,,0,0\n"


@pytest.fixture
def roster(tmp_path) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.err + out.out
    return code, out.err


def disk_full(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


# ------------------------------------------------------------------ a full disk

def test_disk_full_during_import(fixture_db, roster, capsys, monkeypatch):
    history = len(table(fixture_db, "import_history"))
    before = fixture_db.read_bytes()
    monkeypatch.setattr("unionboard.store.shutil.copyfile", disk_full)  # the copy an import writes first
    code, err = run(capsys, "import", "units", str(roster), "--snapshot", "2015-07-31", "--db", str(fixture_db))
    assert code == 1
    assert "磁盘空间已满" in err and "数据库未作改动" in err and "请清理磁盘空间" in err
    monkeypatch.undo()
    assert fixture_db.read_bytes() == before and len(table(fixture_db, "import_history")) == history


def test_disk_full_inside_duckdb_is_recorded_as_refused(fixture_db, roster, capsys, monkeypatch):
    def full(*_a, **_kw):
        raise duckdb.IOException('IO Error: Could not write file "/srv/data/.unionboard-x.tmp.duckdb": '
                                 "No space left on device")

    monkeypatch.setattr("unionboard.importer._apply", full)
    code, err = run(capsys, "import", "units", str(roster), "--snapshot", "2015-07-31", "--db", str(fixture_db))
    assert code == 2 and "磁盘空间已满" in err
    last = table(fixture_db, "import_history").iloc[0]
    assert last["结果"] == "已拒绝" and "磁盘空间已满" in last["说明"] and "/srv/data" not in last["说明"]


def test_disk_full_writing_an_export(fixture_db, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(Path, "write_bytes", disk_full)
    code, err = run(capsys, "export", "towns", "--db", str(fixture_db), "-o", str(tmp_path / "t.csv"))
    assert code == 1 and "磁盘空间已满" in err
    code, err = run(capsys, "--lang", "en", "export", "towns", "--db", str(fixture_db), "-o", str(tmp_path / "t.csv"))
    assert code == 1 and "The disk is full" in err


# ------------------------------------------------------------------ a read-only folder

def read_only(monkeypatch, folder: Path) -> None:
    """Writes into `folder` fail as in a folder mounted read-only (the lock file is the first)."""
    real_open = open

    def guarded(file, mode="r", *args, **kwargs):  # noqa: ANN001, ANN202
        if Path(file).parent == folder and any(c in mode for c in "wa+x"):
            raise OSError(errno.EROFS, "Read-only file system", str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr("unionboard.store.open", guarded, raising=False)


def test_read_only_folder_on_the_command_line(fixture_db, roster, capsys, monkeypatch):
    read_only(monkeypatch, fixture_db.parent)
    code, err = run(capsys, "import", "units", str(roster), "--snapshot", "2015-07-31", "--db", str(fixture_db))
    assert code == 1 and "没有写入权限" in err and "数据文件夹的权限" in err
    code, err = run(capsys, "rollback", "1", "--db", str(fixture_db))
    assert code == 1 and "没有写入权限" in err
    code, err = run(capsys, "init", "--empty", "--db", str(fixture_db.parent / "new.duckdb"))
    assert code == 1 and "没有写入权限" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions (the monkeypatched test covers it)")
def test_read_only_folder_by_permissions(fixture_db, roster, capsys):
    os.chmod(fixture_db.parent, 0o555)
    try:
        code, err = run(capsys, "import", "units", str(roster), "--snapshot", "2015-07-31", "--db", str(fixture_db))
    finally:
        os.chmod(fixture_db.parent, 0o755)
    assert code == 1 and "没有写入权限" in err


def test_read_only_folder_on_the_data_page(fixture_db, monkeypatch):
    server_like(monkeypatch)  # so that 回退 can be clicked
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))
    add_user(accounts_path(fixture_db), "admin", "管理员", "admin-pass-1")
    at = open_page()
    at.text_input(key="auth_name").input("admin")
    at.text_input(key="auth_password").input("admin-pass-1")
    at.button[0].click().run()
    at.switch_page("pages/data.py").run()
    read_only(monkeypatch, fixture_db.parent)
    at.button(key="data_rollback").click().run()
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert "没有写入权限" in shown and str(fixture_db.parent) not in shown


# ------------------------------------------------------------------ a damaged database file

def damage(db: Path, how: str) -> None:
    if how == "garbage":
        db.write_bytes(b"this is not a database" * 1000)
    else:  # blocks overwritten inside a real database: DuckDB's checksums catch it
        data = bytearray(db.read_bytes())
        data[12288:len(data) - 4096] = b"\xff" * (len(data) - 4096 - 12288)
        db.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["garbage", "blocks"])
def test_damaged_database_on_the_command_line(fixture_db, roster, capsys, how):
    damage(fixture_db, how)
    code, err = run(capsys, "export", "towns", "--db", str(fixture_db))
    assert code == 1 and "已损坏或不是 unionboard 数据库" in err and "data/backups/" in err
    code, err = run(capsys, "import", "units", str(roster), "--snapshot", "2015-07-31", "--db", str(fixture_db))
    assert code == 1 and "已损坏" in err
    code, err = run(capsys, "history", "--lang", "en", "--db", str(fixture_db))
    assert code == 1 and "is damaged or is not a unionboard database" in err


@pytest.mark.parametrize("how", ["garbage", "blocks"])
def test_damaged_database_on_the_dashboard(fixture_db, monkeypatch, how):
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))
    damage(fixture_db, how)
    for page in (None, "data", "uncovered"):
        at = open_page(page)
        assert not at.exception
        shown = " ".join(e.value for e in at.error)
        assert "已损坏或不是 unionboard 数据库" in shown and str(fixture_db.parent) not in shown
        assert metrics(at) == {}


# ------------------------------------------------------------------ an unreadable accounts file

def test_unreadable_accounts_file_fails_closed(fixture_db, monkeypatch, capsys):
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))
    path = accounts_path(fixture_db)
    path.write_text('[users."zhou\n"]\nrole = "管理员"\n', encoding="utf-8")  # what a newline in a name did
    at = open_page()
    assert not at.exception
    assert "账户文件「accounts.toml」无法读取" in texts(at) + " ".join(e.value for e in at.error)
    assert metrics(at) == {}  # nobody sees anything, as if signed out — never "no accounts: read-only for all"
    monkeypatch.setattr("sys.stdin", io.StringIO("secret-pass\n"))
    code, err = run(capsys, "user", "add", "li", "--role", "领导", "--password-stdin", "--db", str(fixture_db))
    assert code == 1 and "账户文件" in err and "user add" in err


@pytest.mark.parametrize("name", ["zhou\n", "a\nb", "tab\there", "nul\x00", "bell\x07", "", "  ", " lead", "x" * 65])
def test_user_add_refuses_names_that_would_break_the_file(fixture_db, capsys, monkeypatch, name):
    add_user(accounts_path(fixture_db), "admin", "管理员", "admin-pass-1")
    monkeypatch.setattr("sys.stdin", io.StringIO("secret-pass\n"))
    code, err = run(capsys, "user", "add", name, "--role", "领导", "--password-stdin", "--db", str(fixture_db))
    assert code == 2 and "用户名" in err
    assert list(load_users(accounts_path(fixture_db))) == ["admin"]
    with pytest.raises(ValueError):
        add_user(accounts_path(fixture_db), name, "领导", "secret-pass")


def test_odd_but_valid_names_round_trip(fixture_db):
    path = accounts_path(fixture_db)
    names = ['quote"name', "back\\slash", "[users.x]", "张 三", "a=b # c"]
    for n in names:
        add_user(path, n, "街镇", "secret-pass", town='安亭"镇\\')
    assert sorted(load_users(path)) == sorted(names)
    assert tomllib.loads(path.read_text(encoding="utf-8"))["users"]['quote"name']["town"] == '安亭"镇\\'


# ------------------------------------------------------------------ the rest

def test_unexpected_error_on_the_command_line(fixture_db, capsys, monkeypatch):
    def boom(*_a, **_kw):
        raise RuntimeError(f"something odd in {fixture_db.parent}/x.py")

    monkeypatch.setitem(__import__("unionboard.cli", fromlist=["COMMANDS"]).COMMANDS, "snapshots", boom)
    code, err = run(capsys, "snapshots", "--db", str(fixture_db))
    assert code == 1 and "发生意外错误（RuntimeError" in err and "详细信息已写入服务器日志" in err


def test_explain_hides_folders_for_the_dashboard():
    exc = OSError(errno.ENOSPC, "No space left on device", "/srv/unionboard/data/unionboard.duckdb")
    assert errors.explain(exc, paths=False).startswith("磁盘空间已满，无法写入「unionboard.duckdb」。")
    assert "/srv/unionboard/data/unionboard.duckdb" in errors.explain(exc)
    assert errors.kind_of(MemoryError()) == "no_memory" and errors.kind_of(KeyError("x")) == "unexpected"


def test_streamlit_never_shows_a_stack_trace():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"


def test_import_still_works_after_the_failures(fixture_db, roster, capsys):
    code, _ = run(capsys, "import", "units", str(roster), "--snapshot", "2015-07-31", "--db", str(fixture_db))
    assert code == 0
    assert dt.date(2015, 7, 31) in set(table(fixture_db, "snapshot_list")["报表日期"])
