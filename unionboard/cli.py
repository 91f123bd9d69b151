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


def _prog() -> str:
    """How the user called the command line: `unionboard` when installed (issue 26), else `python -m unionboard`."""
    return "unionboard" if Path(sys.argv[0]).name == "unionboard" else "python -m unionboard"


def _parser() -> argparse.ArgumentParser:
    # SUPPRESS: given before or after the command, an option is kept (a sub-parser's default would
    # otherwise overwrite `--db X` given before the command, and the default database would be used)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS,
                        help="database file (default: $UNIONBOARD_DB or data/unionboard.duckdb)")
    common.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS, help="message language (default zh)")
    p = argparse.ArgumentParser(prog=_prog(), parents=[common],
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
    s.add_argument("--pending", action="store_true", help="units: wait for review (待审核) like a town's upload (issue 25)")

    # issue 25: review (审核) and explanations (说明)
    s = sub.add_parser("review", parents=[common], help="list the reports waiting for review, or accept / return one")
    s.add_argument("action", nargs="?", choices=["accept", "return"])
    s.add_argument("report", nargs="?", type=int)
    s.add_argument("--town", help="only this town's reports waiting")
    s.add_argument("--reason", help="return: why (the town sees it)")

    s = sub.add_parser("explain", parents=[common], help="record a town's explanation (说明) of a roster-check finding")
    s.add_argument("report", type=int)
    s.add_argument("credit_code")
    s.add_argument("finding", help="单位消失未报动态, 新增单位未报动态, 工会断线, 会员锐减 or 街镇变更未报")
    s.add_argument("text")

    s = sub.add_parser("export", parents=[common], help="write a view as CSV (UTF-8 with BOM) or XLSX")
    s.add_argument("view")
    s.add_argument("--as-of", dest="as_of")
    s.add_argument("--town", action="append", default=[])
    s.add_argument("--year")
    s.add_argument("--industry", help="only units of this 行业类别 (extension)")
    s.add_argument("-o", "--output")

    sub.add_parser("migrate", parents=[common], help="convert a database of the first release to report files")

    s = sub.add_parser("config", parents=[common], help="show or set a district setting (due_days)")
    s.add_argument("key", nargs="?", choices=["due_days", "review"])
    s.add_argument("value", nargs="?")

    s = sub.add_parser("template", parents=[common], help="write a fill-in template (XLSX) for one kind")
    s.add_argument("kind", help="towns, buildings, federations, units, targets, events, training")
    s.add_argument("--town", help="for one town (units: pre-filled with its latest report; "
                   "targets: one row per area of the town and count indicator)")
    s.add_argument("--as-of", dest="as_of", help="units --town: the latest report on or before this date")
    s.add_argument("-o", "--output", help="the .xlsx to write (default: 单位名册_填报模板[_TOWN].xlsx here)")

    s = sub.add_parser("rollback", parents=[common], help="restore the state before an import (undoing it and later ones)")
    s.add_argument("import_id", type=int)

    s = sub.add_parser("user", parents=[common], help="dashboard accounts: add (or reset a password), list, remove, "
                       "unlock (bcrypt-hashed passwords)")
    s.add_argument("action", choices=["add", "list", "remove", "unlock"])  # list/remove/unlock: issues 22 and 28
    s.add_argument("name", nargs="?")
    s.add_argument("--role", choices=["领导", "街镇", "管理员"], help="add: the account's role (required)")
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

    # issue 26: backup and restore (unionboard.backup)
    s = sub.add_parser("backup", parents=[common], help="write a consistent copy of the data into a new folder "
                       "(safe while the dashboard runs and imports arrive)")
    s.add_argument("folder", help="a new (or empty) folder")
    s = sub.add_parser("restore", parents=[common], help="bring a backup back (says what it replaces; asks, or --yes)")
    s.add_argument("folder", help="a folder written by `backup`")
    s.add_argument("--yes", action="store_true", help="replace the current data without asking")
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
                         received=received, pending=args.pending)
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
        if shrink := plan.warning(lang):
            _err(warning + shrink)
    if args.pending and result.reports:
        _print_pending(db, result, lang)
    else:
        _print_findings(db, result, lang)
    return EXIT_OK


def _print_pending(db: Path, result, lang: str) -> None:  # noqa: ANN001 - an importer.ImportResult
    """issue 25: the reports of an import made with --pending, waiting (or accepted at once with review off)."""
    from . import review
    from .store import connect_read

    con = connect_read(db)
    try:
        mine = [r for r in review.waiting(con) if r.import_id == result.import_id]
    finally:
        con.close()
    if not mine:
        _err(msg("cli_review_off", lang))
        _print_findings(db, result, lang)
        return
    print(msg("cli_pending", lang))
    print(msg("cli_pending_reports", lang, reports="、".join(f"#{r.report_id} {r.town}" for r in mine)))


def cmd_review(args: argparse.Namespace, db: Path, lang: str) -> int:
    """`review [--town T]`: the reports waiting; `review accept|return REPORT [--reason]`: a decision (issue 25)."""
    from . import review
    from .store import connect_read
    from .views import town_lookup

    if _no_db(db, lang):
        return EXIT_REFUSED
    if args.action is None:
        con = connect_read(db)
        try:
            town = args.town
            if town is not None:
                _, lookup = town_lookup(con)
                if town not in lookup:
                    _err(msg("unknown_town_arg", lang, town=town))
                    return EXIT_REFUSED
                town = lookup[town]
            reports = review.waiting(con, town)
            if not reports:
                print(msg("cli_review_none", lang))
            for r in reports:
                found = review.findings(con, r)
                print(msg("cli_review_line", lang, id=r.report_id, date=r.snapshot.isoformat(), town=r.town,
                          received=r.received_at.strftime("%Y-%m-%d %H:%M"), units=r.units,
                          open=int((found["说明状态"] == "待说明").sum()), all=len(found)))
        finally:
            con.close()
        return EXIT_OK
    if args.report is None:
        _err(msg("cli_review_usage", lang))
        return EXIT_REFUSED
    accept = args.action == "accept"
    try:
        decision = review.decide(db, args.report, accept, args.reason, user=_operator(), lang=lang)
    except review.ReviewError as exc:
        _err(str(exc))
        return EXIT_REFUSED
    con = connect_read(db)
    try:
        decided = review.report(con, args.report)
    finally:
        con.close()
    if decided is None:  # decided a moment ago, gone since (another process): say so, not fail on its fields
        _err(msg("review_unknown", lang, id=args.report))
        return EXIT_REFUSED
    print(msg("cli_review_accepted" if accept else "cli_review_returned", lang, id=decided.report_id,
              town=decided.town, date=decided.snapshot.isoformat(), decision=decision))
    return EXIT_OK


def cmd_explain(args: argparse.Namespace, db: Path, lang: str) -> int:
    """`explain REPORT CREDIT_CODE FINDING TEXT` (issue 25): exit 2 where the report has no such finding."""
    from . import review

    if _no_db(db, lang):
        return EXIT_REFUSED
    try:
        new_id = review.explain(db, args.report, [(args.credit_code, args.finding, args.text)], user=_operator(),
                                lang=lang)
    except review.ReviewError as exc:
        _err(str(exc))
        return EXIT_REFUSED
    print(msg("cli_explained", lang, id=new_id))
    return EXIT_OK


def _operator() -> str:
    """Who runs the command line (the history says who decided)."""
    from .importer import _os_user

    return _os_user()


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
    if resolved.coming_in:  # issue 22/28: the default is the latest closed date; how to see the month coming in
        _err(msg("asof_coming_in_cli", lang, date=resolved.coming_in[0].snapshot.isoformat()).strip())


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
        print(f"review = {get_setting(db, 'review')}")
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

    if args.action == "list":
        return _user_list(db, lang)
    if args.name is None:
        _err(msg("user_name_needed", lang, action=args.action))
        return EXIT_REFUSED
    if args.action in ("remove", "unlock"):
        return _user_remove_or_unlock(args.action, args.name, db, lang)
    if args.role is None:
        _err(msg("user_role_needed", lang))
        return EXIT_REFUSED
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
    from .accounts import load

    path = accounts_path(db)
    existed = args.name in load(path)
    try:
        add_user(path, args.name, args.role, password, town)
    except ValueError as exc:
        _err(str(exc))
        return EXIT_REFUSED
    reset = ""
    if existed:  # issue 28: a password reset clears the name's lock and ends its sessions everywhere
        _end_sessions_and_locks(path, args.name, unlock=True)
        reset = msg("user_added_reset", lang)
    print(f"{path}: {args.name} ({args.role}{'，' + town if town else ''}){reset}")
    return EXIT_OK


# ---- issue 22/28: user list, user remove, user unlock
def _end_sessions_and_locks(accounts_file: Path, name: str, *, unlock: bool) -> bool:
    """End every session of `name` (server side) and, with `unlock`, clear its sign-in locks; whether it
    was locked."""
    from .sessions import revoke
    from .signin import log_path, record
    from .signin import unlock as clear_locks

    revoke(accounts_file, name)
    record(log_path(accounts_file), name, "revoked")
    return clear_locks(log_path(accounts_file), name) if unlock else False


def _user_list(db: Path, lang: str) -> int:
    """`user list`: every account with its role and town, and whether (and where) it is locked now."""
    import pandas as pd

    from .accounts import accounts_path, load
    from .signin import current_locks, log_path
    from .views import localize

    path = accounts_path(db)
    users = load(path)
    if not users:
        print(msg("user_list_empty", lang, path=path))
        return EXIT_OK
    held = current_locks(log_path(path))
    rows = []
    for name, entry in users.items():
        locked = held.get(name, {})
        state = msg("user_locked_now", lang, until=max(locked.values()).strftime("%Y-%m-%d %H:%M"),
                    clients=len(locked)) if locked else ""
        rows.append({"用户名": name, "角色": entry.get("role", ""), "街镇": entry.get("town", ""), "登录锁定": state})
    print(path)
    _print_table(localize(pd.DataFrame(rows), lang))
    return EXIT_OK


def _user_remove_or_unlock(action: str, name: str, db: Path, lang: str) -> int:
    """`user remove NAME` (the account and every session of it end) and `user unlock NAME` (its sign-in
    locks, from every client, are cleared)."""
    from .accounts import accounts_path, load, remove_user

    path = accounts_path(db)
    if name not in load(path):
        _err(msg("user_unknown", lang, name=name))
        return EXIT_REFUSED
    if action == "remove":
        remove_user(path, name)
        _end_sessions_and_locks(path, name, unlock=True)
        print(msg("user_removed", lang, name=name))
        return EXIT_OK
    from .signin import log_path, unlock

    unlock(log_path(path), name)
    print(msg("user_unlocked", lang, name=name))
    return EXIT_OK


COMMANDS = {"init": cmd_init, "config": cmd_config, "migrate": cmd_migrate, "rollback": cmd_rollback, "user": cmd_user,
            "template": cmd_template, "import": cmd_import, "export": cmd_export, "snapshots": cmd_snapshots,
            "history": cmd_history, "generate": cmd_generate, "review": cmd_review, "explain": cmd_explain}


def _size(n: int) -> str:
    """A byte count as a person reads it."""
    if n < 1024:
        return f"{n:,} B"
    size = n / 1024
    for unit in ("KB", "MB"):
        if size < 1024:
            return f"{size:,.1f} {unit}"
        size /= 1024
    return f"{size:,.1f} GB"


def cmd_backup(args: argparse.Namespace, db: Path, lang: str) -> int:
    """`backup FOLDER` (issue 26)."""
    from .backup import BackupError, backup

    try:
        held, files, size = backup(db, Path(args.folder), lang)
    except BackupError as exc:
        _err(str(exc))
        return EXIT_REFUSED
    print(msg("backup_done", lang, target=args.folder, what=held.line(lang), files=files, size=_size(size)))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, db: Path, lang: str) -> int:
    """`restore FOLDER [--yes]` (issue 26): the plan first, then a confirmation (or --yes)."""
    from .backup import BackupError, restore, restore_plan

    try:
        found, lines = restore_plan(db, Path(args.folder), lang)
    except BackupError as exc:
        _err(str(exc))
        return EXIT_REFUSED
    for line in lines:
        print(line)
    if not args.yes:
        if not sys.stdin.isatty():
            _err(msg("restore_needs_yes", lang))
            return EXIT_REFUSED
        if input(msg("restore_confirm", lang)).strip().lower() not in ("y", "yes"):
            print(msg("restore_cancelled", lang))
            return EXIT_REFUSED
    restore(db, found)
    print(msg("restore_done", lang, db=db))
    return EXIT_OK


COMMANDS.update({"backup": cmd_backup, "restore": cmd_restore})  # issue 26
