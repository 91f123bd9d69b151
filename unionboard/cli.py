"""`python -m unionboard COMMAND …` — the command line of CLI.md."""
from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from .i18n import msg
from .store import resolve_db

# 0 done; 2 refused (the file or the request: every problem printed, nothing changed); 1 failed (the
# machine: a full disk, a read-only folder, a damaged database — explained, nothing changed)
EXIT_OK, EXIT_FAILED, EXIT_REFUSED = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    # SUPPRESS: given before or after the command, an option is kept (a sub-parser's default would
    # otherwise overwrite `--db X` given before the command, and the default database would be used)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS,
                        help="database file (default: $UNIONBOARD_DB or data/unionboard.duckdb)")
    common.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS, help="message language (default zh)")
    p = argparse.ArgumentParser(prog="python -m unionboard", parents=[common],
                                description="工会组建进度看板 unionboard: import, export, sample data")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("init", parents=[common], help="create the database (sample data by default)")
    g = s.add_mutually_exclusive_group()
    g.add_argument("--sample", action="store_true", help="with the bundled Jiading sample (default)")
    g.add_argument("--empty", action="store_true", help="empty but for the town dictionary")

    s = sub.add_parser("import", parents=[common], help="validate and import one file")
    s.add_argument("kind_or_file", help="KIND (towns, buildings, federations, units, targets, events, "
                   "training, auto) or FILE")
    s.add_argument("file", nargs="?")
    s.add_argument("--snapshot", help="units: the report date (报表日期) YYYY-MM-DD")
    s.add_argument("--town", help="units: the town being reported (a row of another town is an error); "
                   "targets: the targets that town signed with its areas (issue 24)")
    s.add_argument("--received", help="units: when the report was received, YYYY-MM-DD (default: now)")
    s.add_argument("--replace", action="store_true", help="units: replace the towns' reports of that date")

    s = sub.add_parser("export", parents=[common], help="write a view as CSV (UTF-8 with BOM) or XLSX")
    s.add_argument("view")
    s.add_argument("--as-of", dest="as_of")
    s.add_argument("--town", action="append", default=[])
    s.add_argument("--year")
    s.add_argument("--industry", help="only units of this 行业类别 (extension)")
    s.add_argument("-o", "--output")

    sub.add_parser("migrate", parents=[common], help="convert a database of the first release to report files")

    s = sub.add_parser("config", parents=[common], help="show or set a district setting (due_days)")
    s.add_argument("key", nargs="?", choices=["due_days"])
    s.add_argument("value", nargs="?")

    s = sub.add_parser("template", parents=[common], help="write a fill-in template (XLSX) for one kind")
    s.add_argument("kind", help="towns, buildings, federations, units, targets, events, training")
    s.add_argument("--town", help="for one town (units: pre-filled with its latest report; "
                   "targets: one row per area of the town and count indicator)")
    s.add_argument("--as-of", dest="as_of", help="units --town: the latest report on or before this date")
    s.add_argument("-o", "--output", help="the .xlsx to write (default: 单位名册_填报模板[_TOWN].xlsx here)")

    s = sub.add_parser("rollback", parents=[common], help="restore the state before an import (undoing it and later ones)")
    s.add_argument("import_id", type=int)

    s = sub.add_parser("user", parents=[common], help="add or replace a dashboard account (bcrypt-hashed password)")
    s.add_argument("action", choices=["add"])
    s.add_argument("name")
    s.add_argument("--role", required=True, choices=["领导", "街镇", "管理员"])
    s.add_argument("--town", help="the town of a 街镇 account")
    s.add_argument("--password-stdin", action="store_true", help="read the password from standard input")

    sub.add_parser("snapshots", parents=[common], help="list snapshot dates and what each holds")
    sub.add_parser("history", parents=[common], help="list past imports")

    s = sub.add_parser("generate", parents=[common], help="write a synthetic data set in the import formats")
    s.add_argument("--units", type=int, required=True)
    s.add_argument("--snapshots", type=int, required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--seed", type=int, default=2015)
    s.add_argument("--xlsx", action="store_true", help="also write one workbook holding the dictionaries")
    s.add_argument("--per-town", action="store_true", help="one report per town per month (units_DATE_TOWN.csv)")
    return p


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def _no_db(db: Path, lang: str) -> bool:
    """Say so and return True when the database does not exist yet."""
    if db.exists():
        return False
    _err(msg("no_db", lang, db=db))
    return True


def _write(data: bytes, output: str | None) -> None:
    """Bytes to the output file, or to standard output."""
    if output:
        Path(output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def _print_table(df) -> None:  # noqa: ANN001 - a DataFrame
    if df.empty:
        return
    print(df.to_string(index=False))


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code (0 done, 2 refused or bad arguments, 1 failed).

    No traceback reaches the user: a failure is explained (what happened, what to do, see
    unionboard.errors) and the traceback is printed only with UNIONBOARD_DEBUG=1.
    """
    from .store import LegacyDatabase

    args = _parser().parse_args(argv)
    lang = getattr(args, "lang", None) or "zh"
    db = resolve_db(getattr(args, "db", None))
    try:
        return COMMANDS[args.command](args, db, lang)
    except BrokenPipeError:
        return EXIT_OK
    except LegacyDatabase:
        _err(msg("legacy_db", lang, db=db))
        return EXIT_REFUSED

    except KeyboardInterrupt:
        _err(msg("cli_interrupted", lang))
        return 130
    except Exception as exc:  # noqa: BLE001 - the boundary: explained, never a traceback
        from .errors import explain

        if os.environ.get("UNIONBOARD_DEBUG"):
            traceback.print_exc()
        _err(explain(exc, lang, db=db))
        return EXIT_FAILED


def cmd_migrate(args: argparse.Namespace, db: Path, lang: str) -> int:
    from .importer import migrate

    if _no_db(db, lang):
        return EXIT_REFUSED
    print(msg("migrated" if migrate(db) else "not_legacy", lang, db=db))
    return EXIT_OK


def cmd_init(args: argparse.Namespace, db: Path, lang: str) -> int:
    from .importer import create_database
    from .sample import build_sample

    if args.empty:
        create_database(db)
        print(f"{db}: " + msg("cli_created", lang))
        return EXIT_OK
    lines = build_sample(db, lang=lang)
    for line in lines:
        print(line)
    return EXIT_OK


def cmd_import(args: argparse.Namespace, db: Path, lang: str) -> int:
    from .importer import import_path
    from .views import ViewError, parse_date_arg

    if args.file is None:
        kind, file = "auto", args.kind_or_file
    else:
        kind, file = args.kind_or_file, args.file
    if _no_db(db, lang):
        return EXIT_REFUSED
    path = Path(file)
    if not path.is_file():
        _err(msg("bad_file", lang, err=f"{file}: not found"))
        return EXIT_REFUSED
    try:
        snapshot = parse_date_arg(args.snapshot, lang) if args.snapshot else None
        received = parse_date_arg(args.received, lang) if args.received else None
    except ViewError as exc:
        _err(str(exc))
        return EXIT_REFUSED
    result = import_path(db, path, kind, snapshot=snapshot, replace=args.replace, lang=lang, town=args.town,
                         received=received)
    warning = msg("cli_warning", lang)
    for n in result.notices:  # what reading skipped or inferred (title rows, totals, footers, hidden rows…)
        _err(msg("cli_note", lang) + n.line(lang))
    for w in result.warnings:
        _err(warning + w.line(lang))
    if not result.ok:
        _err(msg("refused_head", lang, n=len(result.problems)))
        for p in result.problems:
            _err("  " + p.line(lang))
        return EXIT_REFUSED
    print(msg("imported", lang) + f" (#{result.import_id})")
    for line in result.summary:
        print("  " + line)
    for plan in result.reports:  # per town covered: rows, the report replaced, change against the previous
        print("  " + plan.line(lang))
        if plan.warning(lang):
            _err(warning + plan.warning(lang))
    _print_findings(db, result, lang)
    return EXIT_OK


def _print_findings(db: Path, result, lang: str) -> None:  # noqa: ANN001 - an importer.ImportResult
    """What the roster check (名册核对) finds in the reports just imported: units to follow up."""
    from .summary import findings_lines
    from .views import Filters, get_view

    for snapshot in sorted({p.snapshot for p in result.reports}):
        towns = [p.town for p in result.reports if p.snapshot == snapshot]
        changes = get_view(db, "changes", Filters(as_of=snapshot, towns=towns), lang="zh").df
        print(msg("findings_head", lang, date=snapshot.isoformat(), n=len(changes)))
        for line in findings_lines(changes, lang):
            print("  " + line)


def cmd_export(args: argparse.Namespace, db: Path, lang: str) -> int:
    from .export import csv_bytes, xlsx_bytes
    from .views import Filters, ViewError, get_view, parse_date_arg

    if _no_db(db, lang):
        return EXIT_REFUSED
    try:
        as_of = parse_date_arg(args.as_of, lang) if args.as_of else None
        year = None
        if args.year is not None:
            if not str(args.year).strip().isdigit():
                raise ViewError("bad_year", lang, value=args.year)
            year = int(args.year)
        filters = Filters(as_of, args.town, args.industry, year)
        if args.view in ("briefing", "workbook"):
            resolved = get_view(db, "towns", filters, lang).resolved
            _say_what_was_read(resolved, lang)
            return _export_document(db, args.view, filters, args.output, lang)
        result = get_view(db, args.view, filters, lang)
    except ViewError as exc:
        _err(str(exc))
        return EXIT_REFUSED
    _say_what_was_read(result.resolved, lang)
    xlsx = bool(args.output) and args.output.lower().endswith(".xlsx")
    _write(xlsx_bytes({result.title: result.df}) if xlsx else csv_bytes(result.df), args.output)
    return EXIT_OK


def _say_what_was_read(resolved, lang: str) -> None:  # noqa: ANN001 - a views.Resolved
    """On standard error: the report date read, and the towns carried forward or missing (CLI.md)."""
    _err(msg("read_report_date", lang, snapshot=resolved.snapshot.isoformat(), year=resolved.year,
             carried=len(resolved.carried)))
    for note in resolved.notes(lang):
        _err(note)


def _export_document(db: Path, what: str, filters, output: str | None, lang: str) -> int:  # noqa: ANN001
    """`export briefing` (Word 通报) and `export workbook` (every view as a sheet)."""
    from .briefing import docx_bytes, workbook_bytes

    _write(docx_bytes(db, filters) if what == "briefing" else workbook_bytes(db, filters, lang), output)
    return EXIT_OK


def cmd_snapshots(args: argparse.Namespace, db: Path, lang: str) -> int:
    from .views import localize, table

    if _no_db(db, lang):
        return EXIT_REFUSED
    df = table(db, "snapshot_list")
    if df.empty:
        print(msg("no_snapshots_at_all", lang))
    _print_table(localize(df, lang))
    return EXIT_OK


def cmd_history(args: argparse.Namespace, db: Path, lang: str) -> int:
    from .views import localize, table

    if _no_db(db, lang):
        return EXIT_REFUSED
    _print_table(localize(table(db, "import_history"), lang))
    return EXIT_OK


def cmd_generate(args: argparse.Namespace, db: Path, lang: str) -> int:
    from .sample import write_dataset

    files = write_dataset(Path(args.out), units=args.units, snapshots=args.snapshots, seed=args.seed,
                          xlsx=args.xlsx, per_town=args.per_town)
    for f in files:
        print(f)
    return EXIT_OK


def cmd_config(args: argparse.Namespace, db: Path, lang: str) -> int:
    from .importer import get_setting, set_setting

    if _no_db(db, lang):
        return EXIT_REFUSED
    if args.key is None:
        print(f"due_days = {get_setting(db, 'due_days')}")
        return EXIT_OK
    if args.value is None:
        print(get_setting(db, args.key))
        return EXIT_OK
    try:
        set_setting(db, args.key, args.value, lang=lang)
    except ValueError as exc:
        _err(str(exc))
        return EXIT_REFUSED
    print(f"{args.key} = {get_setting(db, args.key)}")
    return EXIT_OK


def cmd_template(args: argparse.Namespace, db: Path, lang: str) -> int:
    from .defaults import JIADING_TOWNS
    from .kinds import KINDS, kind_for_name
    from .templates import template_bytes, template_name, town_template
    from .views import ViewError, parse_date_arg

    kind = kind_for_name(args.kind)
    if kind is None:
        _err(msg("unknown_kind", lang, kind=args.kind, allowed="、".join(f"{k.key}/{k.zh}" for k in KINDS.values())))
        return EXIT_REFUSED
    try:
        as_of = parse_date_arg(args.as_of, lang) if args.as_of else None
    except ViewError as exc:
        _err(str(exc))
        return EXIT_REFUSED
    town = args.town
    if db.exists():
        try:
            data = town_template(db, kind.key, town, lang=lang, as_of=as_of)
        except KeyError:
            _err(msg("unknown_town_arg", lang, town=town))
            return EXIT_REFUSED
    else:  # no database yet: the bundled town dictionary, nothing to pre-fill
        lookup = {a: t for t, _, aliases in JIADING_TOWNS for a in (t, *aliases)}
        if town is not None and town not in lookup:
            _err(msg("unknown_town_arg", lang, town=town))
            return EXIT_REFUSED
        towns = [lookup[town]] if town else [t for t, _, _ in JIADING_TOWNS]
        data = template_bytes(kind.key, towns, lang=lang)
    output = Path(args.output or template_name(kind.key, town))
    output.write_bytes(data)
    print(output)
    return EXIT_OK


def cmd_rollback(args: argparse.Namespace, db: Path, lang: str) -> int:
    from .importer import RollbackError, rollback

    if _no_db(db, lang):
        return EXIT_REFUSED
    try:
        new_id = rollback(db, args.import_id, lang=lang)
    except RollbackError as exc:
        _err(str(exc))
        return EXIT_REFUSED
    print(msg("rolled_back", lang, id=new_id))
    return EXIT_OK


def cmd_user(args: argparse.Namespace, db: Path, lang: str) -> int:
    import getpass

    from .accounts import accounts_path, add_user, name_problem

    problem = name_problem(args.name, lang)
    if problem:
        _err(problem)
        return EXIT_REFUSED
    town = args.town
    if town is not None and db.exists():
        from .store import connect_read
        from .views import town_lookup

        con = connect_read(db)
        try:
            _, lookup = town_lookup(con)
        finally:
            con.close()
        if town not in lookup:
            _err(msg("unknown_town_arg", lang, town=town))
            return EXIT_REFUSED
        town = lookup[town]
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("password: ")
    if len(password) < 8:
        _err(msg("password_short", lang))
        return EXIT_REFUSED
    try:
        add_user(accounts_path(db), args.name, args.role, password, town)
    except ValueError as exc:
        _err(str(exc))
        return EXIT_REFUSED
    print(f"{accounts_path(db)}: {args.name} ({args.role}{'，' + town if town else ''})")
    return EXIT_OK


COMMANDS = {"init": cmd_init, "config": cmd_config, "migrate": cmd_migrate, "rollback": cmd_rollback, "user": cmd_user,
            "template": cmd_template, "import": cmd_import, "export": cmd_export, "snapshots": cmd_snapshots,
            "history": cmd_history, "generate": cmd_generate}
