"""Installable (issue 26): `pip install .` gives a `unionboard` command that works from any folder — its SQL files
shipped inside the package — with the pinned run-time dependencies of requirements.txt; the project folder keeps
working as before (`python -m unionboard`, queries/ beside the package)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest

from conftest import A1, A2, UNITS_HEADER
from unionboard import sql

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def pins(lines: list[str]) -> dict[str, str]:
    """name → pinned version of requirement lines `name==version`."""
    out = {}
    for line in lines:
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"not pinned: {line}"
            out[name.strip().lower()] = version.strip()
    return out


def test_dependencies_are_the_pinned_requirements():
    required = pins((ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines())
    runtime = pins(PYPROJECT["project"]["dependencies"])
    extras = pins(PYPROJECT["project"]["optional-dependencies"]["test"])
    assert runtime.keys() & extras.keys() == set()
    # every pin of requirements.txt is a run-time dependency or a test tool, at the same version; wheel builds it
    assert {**runtime, **extras, "wheel": required.get("wheel")} == required
    assert set(runtime) == {"streamlit", "duckdb", "pandas", "plotly", "openpyxl", "pyarrow", "numpy", "bcrypt",
                            "python-docx", "matplotlib", "xlrd", "cachetools"}


def test_the_project_folder_reads_its_own_queries():
    assert sql.QUERIES == ROOT / "queries"
    assert not (ROOT / "unionboard" / "queries").exists()


def _run(args: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with the project installed by pip (`--no-deps --no-build-isolation`: offline; the
    dependencies are the project venv's, seen through a .pth file), from a copy of the project's files."""
    base = tmp_path_factory.mktemp("install")
    source = base / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("unionboard", "queries"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    venv = base / "venv"
    assert _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], base).returncode == 0
    purelib = Path(subprocess.check_output([str(venv / "bin" / "python"), "-c",
                                            "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True).strip())
    (purelib / "project-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    done = _run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--no-deps",
                 "--no-build-isolation", "--no-index", "--disable-pip-version-check", "-q", str(source)], base)
    assert done.returncode == 0, done.stderr.decode()
    return venv


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("UNIONBOARD_DB", "PYTHONPATH")}
    return env


def test_the_installed_command_runs_from_any_folder(installed, tmp_path):
    command = installed / "bin" / "unionboard"
    assert command.is_file()
    helped = _run([str(command), "--help"], tmp_path, _env())
    assert helped.returncode == 0, helped.stderr.decode()
    assert helped.stdout.decode().startswith("usage: unionboard ")
    # the package and its SQL files are the installed copy, not the project's
    where = _run([str(installed / "bin" / "python"), "-c", "import unionboard.sql as s; print(s.QUERIES)"], tmp_path, _env())
    queries = Path(where.stdout.decode().strip())
    assert queries.name == "queries" and queries.parent.name == "unionboard" and "site-packages" in queries.parts
    assert len(list(queries.glob("*.sql"))) == len(list((ROOT / "queries").glob("*.sql")))


def test_the_installed_command_imports_and_exports_like_the_project(installed, tmp_path):
    command = str(installed / "bin" / "unionboard")
    db = tmp_path / "ub.duckdb"
    roster = tmp_path / "安亭镇6月.csv"
    roster.write_text(f"""{UNITS_HEADER}
{A1},甲公司,安亭镇,红星村,,制造业,民营企业,否,100,40,在营,单独建会,,2010-01-01,80,30
{A2},乙公司,安亭镇,红星村,,现代服务业,外资企业,否,10,5,在营,未建会,,,0,0
""", encoding="utf-8")
    assert _run([command, "--db", str(db), "init", "--empty"], tmp_path, _env()).returncode == 0
    imported = _run([command, "--db", str(db), "import", "units", str(roster), "--snapshot", "2015-06-30"], tmp_path, _env())
    assert imported.returncode == 0, imported.stderr.decode()
    exported = _run([command, "--db", str(db), "export", "towns"], tmp_path, _env())
    assert exported.returncode == 0, exported.stderr.decode()
    # the same bytes as the project folder's `python -m unionboard export towns` of the same database
    project = _run([sys.executable, "-m", "unionboard", "--db", str(db), "export", "towns"], ROOT, _env())
    assert project.returncode == 0 and exported.stdout == project.stdout
    lines = exported.stdout.decode("utf-8-sig").splitlines()
    anting = next(line for line in lines if line.startswith("安亭镇,"))
    # 在营单位数 2, 已建会单位数 1, 建会率 1/2, 职工人数 110, 会员人数 80, 入会率 80/110
    assert anting.split(",")[1:7] == ["2", "1", "50.0", "110", "80", "72.73"]
