"""Issue 28, tried as an attacker would: a 街镇 account probing other towns through the upload preview, a
demoted or removed account acting from its open page (accounts.toml changed between render and click),
a report dated 2099, Markdown in every URL parameter and in a file's name, a cookie replayed after
sign-out or carrying non-ASCII bytes, someone locking out the 管理员, and the sidebar before sign-in.
(Item 4, the XLSX of spaces, is another helper's: the readers.)

Fixture (conftest): on 2015-06-30 嘉定镇街道's 丙公司 (J1) is 单独建会 with 50 employees and 45 members.
安亭镇's July report below is its June rows plus J1 under any name, 街镇 = 安亭镇, 未建会.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest
from streamlit.runtime.context import ContextProxy

from apptest_helpers import metrics, open_page, sign_in, texts
from conftest import J1, UNITS_2015
from ui.plain import literal
from unionboard import sessions
from unionboard.accounts import Account, accounts_path, add_user, remove_user
from unionboard.accounts import load as load_users
from unionboard.cli import main
from unionboard.importer import check_bytes, get_setting, import_bytes
from unionboard.signin import attempt, current_locks, history, log_path
from unionboard.store import connect_read
from unionboard.views import Filters, get_view

ADMIN, LEAD, TOWN = "admin-pass-1", "lead-pass-1", "town-pass-1"
JULY = dt.date(2015, 7, 31)
T0 = dt.datetime(2015, 7, 1, 9, 0, 0)
PROBE = "\n".join([line for line in UNITS_2015.splitlines() if "安亭镇" in line or line.startswith("统一")]
                  + [f"{J1},某公司,安亭镇,,,现代服务业,国有企业,否,50,0,在营,未建会,,,0,0"]) + "\n"
OTHER_VALUES = ["单独建会", "45"]  # 丙公司's union and members in 嘉定镇街道's report: never shown to 安亭镇


@pytest.fixture
def db(fixture_db, monkeypatch):
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))
    path = accounts_path(fixture_db)
    add_user(path, "admin", "管理员", ADMIN)
    add_user(path, "lingdao", "领导", LEAD)
    add_user(path, "anting", "街镇", TOWN, town="安亭镇")
    return fixture_db


def signed_in(name: str, password: str, page: str | None = None):
    at = open_page()
    sign_in(at, name, password)
    if page:
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def reports(db) -> list[tuple]:
    con = connect_read(db)
    try:
        return con.execute("SELECT snapshot, town FROM current_reports ORDER BY ALL").fetchall()
    finally:
        con.close()


# ---------------------------------------------------------------- 1 the upload preview is no oracle

def test_preview_shows_a_town_that_another_towns_unit_is_there_never_its_values(db):
    town = check_bytes(db, PROBE.encode(), "安亭7月.csv", "units", snapshot=JULY, town="安亭镇",
                       viewer_towns=["安亭镇"]).findings
    assert town["核对项"].tolist() == ["街镇变更未报"]  # no 工会断线 / 会员锐减 drawn from 嘉定镇街道's values
    row = town.iloc[0]
    assert (row["统一社会信用代码"], row["上期街镇"], row["本期街镇"], row["期间动态"]) == (J1, "嘉定镇街道", "安亭镇", "—")
    assert town[["上期经营状态", "上期建会情况", "上期职工人数", "上期会员人数", "会员变化"]].isna().all(axis=None)
    # a district account (and the command line) sees the whole check
    admin = check_bytes(db, PROBE.encode(), "安亭7月.csv", "units", snapshot=JULY, town="安亭镇").findings
    # (a union that is gone is 工会断线, not also 会员锐减: METRICS.md, issue 23)
    assert admin["核对项"].tolist() == ["工会断线", "街镇变更未报"]
    assert (admin.iloc[0]["上期建会情况"], int(admin.iloc[0]["上期会员人数"])) == ("单独建会", 45)


def test_preview_on_the_page_for_a_town_account(db):
    at = signed_in("anting", TOWN, "data")
    at.date_input(key="data_snapshot").set_value(JULY).run()
    at.file_uploader(key="data_upload_0").set_value(("安亭7月.csv", PROBE.encode(), "text/csv")).run()
    assert not at.exception
    shown = next(d.value for d in at.dataframe if "核对项" in d.value.columns)
    assert shown["核对项"].tolist() == ["街镇变更未报"]
    before = shown[["上期经营状态", "上期建会情况", "上期职工人数", "上期会员人数"]].astype(str).to_numpy().ravel()
    assert not any(v in OTHER_VALUES for v in before)
    # the summary line counts 1 finding, 街镇变更未报, and nothing else
    assert "核对" in texts(at) and "工会断线" not in texts(at) and "会员锐减" not in texts(at)
    assert reports(db)[-1][0] == dt.date(2015, 6, 30)  # nothing recorded


def test_roster_check_views_for_a_town_account_after_import(db):
    assert import_bytes(db, PROBE.encode(), "安亭7月.csv", "units", snapshot=JULY, town="安亭镇").ok
    town = Filters(as_of=JULY, towns=["安亭镇"], viewer_towns=["安亭镇"])
    assert get_view(db, "changes", town).df["核对项"].tolist() == ["街镇变更未报"]
    by_town = get_view(db, "changes-by-town", town).df
    assert by_town.iloc[0][["工会断线", "会员锐减", "街镇变更未报", "合计"]].tolist() == [0, 0, 1, 1]
    admin = get_view(db, "changes-by-town", Filters(as_of=JULY, towns=["安亭镇"])).df
    assert admin.iloc[0][["工会断线", "会员锐减", "街镇变更未报", "合计"]].tolist() == [1, 0, 1, 2]  # issue 23
    # the page of the 街镇 account: the changes list and 总览's line, which says it counts its own town only
    at = signed_in("anting", TOWN, "changes")
    assert next(d.value for d in at.dataframe if "核对项" in d.value.columns)["核对项"].tolist() == ["街镇变更未报"]
    at.switch_page("pages/overview.py").run()
    assert "名册核对（仅本街镇安亭镇）：本期报表有 1 项变动没有企业动态可以解释，需核实" in [i.value for i in at.info]


# ---------------------------------------------------------------- 2 every action re-checks who is asking

def test_demoted_admin_clicks_rollback_and_nothing_is_written(db):
    at = signed_in("admin", ADMIN, "data")
    done = len(get_view(db, "towns").df)
    history_before = connect_read(db).execute("SELECT count(*) FROM imports").fetchone()[0]
    add_user(accounts_path(db), "admin", "领导", ADMIN)  # demoted between render and click
    next(b for b in at.button if b.key == "data_rollback").click().run()
    assert not at.exception
    assert connect_read(db).execute("SELECT count(*) FROM imports").fetchone()[0] == history_before
    assert len(get_view(db, "towns").df) == done
    assert metrics(at) == {} and "此操作未执行" in " ".join(e.value for e in at.error)


def test_removed_town_account_confirms_an_import_and_nothing_is_recorded(db):
    at = signed_in("anting", TOWN, "data")
    at.date_input(key="data_snapshot").set_value(JULY).run()
    at.file_uploader(key="data_upload_0").set_value(("安亭7月.csv", PROBE.encode(), "text/csv")).run()
    remove_user(accounts_path(db), "anting")  # removed between render and click
    next(b for b in at.button if b.key == "data_confirm").click().run()
    assert not at.exception
    assert (JULY, "安亭镇") not in reports(db)
    assert "此操作未执行" in " ".join(e.value for e in at.error)


def test_demoted_admin_cannot_change_the_due_day(db):
    at = signed_in("admin", ADMIN, "submissions")
    at.number_input(key="submissions_due_days").set_value(9).run()
    add_user(accounts_path(db), "admin", "领导", ADMIN)
    next(b for b in at.button if b.key == "submissions_due_save").click().run()
    assert not at.exception and get_setting(db, "due_days") == "5"
    # an admin still an admin changes it
    add_user(accounts_path(db), "boss", "管理员", ADMIN)
    at = signed_in("boss", ADMIN, "submissions")
    at.number_input(key="submissions_due_days").set_value(9).run()
    next(b for b in at.button if b.key == "submissions_due_save").click().run()
    assert get_setting(db, "due_days") == "9"


# ---------------------------------------------------------------- 3 the 2099 report

def test_a_report_dated_after_today_is_refused_on_the_command_line(db, tmp_path, capsys):
    file = tmp_path / "安亭.csv"
    file.write_text(PROBE, encoding="utf-8")
    assert main(["import", "units", str(file), "--snapshot", "2099-12-31", "--town", "安亭镇", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert f"报表日期 2099-12-31 晚于今天（{dt.date.today().isoformat()}），不能导入" in err
    dated = tmp_path / "dated.csv"
    lines = PROBE.splitlines()
    dated.write_text("\n".join([lines[0] + ",报表日期", *(x + ",2099-12-31" for x in lines[1:])]) + "\n", encoding="utf-8")
    assert main(["import", "units", str(dated), "--db", str(db), "--lang", "en"]) == 2
    assert "the report date 2099-12-31 is after today" in capsys.readouterr().err
    assert reports(db)[-1][0] == dt.date(2015, 6, 30)
    # every user still opens on 2015-06-30
    assert get_view(db, "towns").resolved.snapshot == dt.date(2015, 6, 30)


def test_a_report_dated_after_today_is_refused_on_the_page(db):
    at = signed_in("anting", TOWN, "data")
    assert at.date_input(key="data_snapshot").max == dt.date.today()
    lines = PROBE.splitlines()
    dated = "\n".join([lines[0] + ",报表日期", *(x + ",2099-12-31" for x in lines[1:])]) + "\n"
    at.file_uploader(key="data_upload_0").set_value(("安亭.csv", dated.encode(), "text/csv")).run()
    report = next(d.value for d in at.dataframe if "问题" in d.value.columns)
    assert f"报表日期 2099-12-31 晚于今天（{dt.date.today().isoformat()}），不能导入：请检查报表日期" in report["问题"].tolist()
    assert "data_confirm" not in [b.key for b in at.button]
    assert reports(db)[-1][0] == dt.date(2015, 6, 30)


# ---------------------------------------------------------------- 5 text from outside is text

PAYLOADS = ["[账号已过期，请点此重新登录](http://evil.example/login)", "![b](http://evil.example/x.png)",
            "<img src=http://evil.example/y.png>", ":red[假通知] :material/warning:", "http://evil.example/z"]


# markup not preceded by a backslash, and an address GitHub's Markdown would link by itself outside a code span
UNESCAPED = re.compile(r"(?<!\\)(\]\(|!\[|<img|:red\[|:material)|(?<!`)\bhttps?://")


def rendered_text(at) -> str:
    return "\n".join([texts(at), *(t.value for t in at.toast), *(e.value for e in at.error)])


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("param", ["town", "asof", "industry", "lang"])
def test_markdown_in_a_url_parameter_is_shown_as_text(fixture_db, monkeypatch, param, payload):
    monkeypatch.setenv("UNIONBOARD_DB", str(fixture_db))
    at = open_page(query={param: payload})
    assert not at.exception
    # the markup never reaches a Markdown element unescaped: no link, image, HTML, directive or autolink
    assert UNESCAPED.search(rendered_text(at)) is None, param
    if param != "lang":  # a bad language is simply not used
        warnings = [w.value for w in at.sidebar.warning]
        toasts = [t.value for t in at.toast]
        assert any(literal(payload[:40]) in w or literal(payload[:80]) in w for w in warnings), warnings
        assert warnings == toasts


def test_before_sign_in_the_sidebar_shows_no_dates_towns_or_url_values(db):
    at = open_page(query={"town": PAYLOADS[0], "asof": "2015-06-30"})
    assert [s.key for s in at.sidebar.selectbox] == [] and [m.key for m in at.multiselect] == []
    assert not at.sidebar.warning and not at.toast
    assert "2015-06-30" not in rendered_text(at) and "安亭镇" not in rendered_text(at)
    assert "登录" in [b.label for b in at.button]


def test_a_file_name_and_cells_are_shown_as_text(db):
    at = signed_in("admin", ADMIN, "data")
    at.date_input(key="data_snapshot").set_value(JULY).run()
    name = "[点此](http://evil.example/a).csv"
    at.file_uploader(key="data_upload_0").set_value((name, PROBE.replace("某公司", "![x](http://evil.example/p.png)").encode(),
                                                     "text/csv")).run()
    assert not at.exception
    shown = rendered_text(at)
    assert UNESCAPED.search(shown) is None
    assert "\\!\\[x\\]\\(`http://evil.example/p.png" in shown  # the unit's name in the findings' line, as text


# ---------------------------------------------------------------- 6 sign-out ends every session

def with_cookie(monkeypatch, value: str | None) -> None:
    """The browser sends the sign-in cookie (AppTest has no request: its cookies are patched in)."""
    key = sessions.load_key(accounts_path(__import__("os").environ["UNIONBOARD_DB"]))
    cookies = {sessions.cookie_name(key): value} if value is not None else {}
    monkeypatch.setattr(ContextProxy, "cookies", property(lambda self: cookies))


def test_a_cookie_replayed_after_sign_out_does_not_sign_in(db, monkeypatch):
    at = signed_in("lingdao", LEAD)
    token = at.session_state["auth_token"]
    other = signed_in("lingdao", LEAD)  # a second browser of the same account
    with_cookie(monkeypatch, token)
    replay = open_page()
    assert metrics(replay)["在营单位"] == "6"  # before sign-out the copied cookie works (the attack path is real)
    next(b for b in at.sidebar.button if b.key == "auth_sign_out").click().run()
    assert metrics(at) == {}
    replay = open_page()
    assert metrics(replay) == {} and "登录" in [b.label for b in replay.button]
    other.run()  # the other open session has ended too
    assert metrics(other) == {} and "您的登录已结束" in texts(other)
    # a new sign-in after the sign-out works, and its own cookie does
    fresh = signed_in("lingdao", LEAD)
    with_cookie(monkeypatch, fresh.session_state["auth_token"])
    assert metrics(open_page())["在营单位"] == "6"


def test_revoked_tokens_and_non_ascii_cookies(db, monkeypatch):
    key = sessions.load_key(accounts_path(db))
    users = load_users(accounts_path(db))
    account = Account("lingdao", "领导", None, sessions.stamp(users["lingdao"]))
    old = sessions.issue(account, key, issued=1_000)
    assert sessions.resume(old, users, key, revoked={}) == account
    assert sessions.resume(old, users, key, revoked={"lingdao": 1_000}) is None
    assert sessions.resume(sessions.issue(account, key, issued=1_001), users, key, revoked={"lingdao": 1_000}) == account
    for bad in ("é.x", "账户.签名", "\udcff.x", old + "é"):
        assert sessions.resume(bad, users, key) is None
        with_cookie(monkeypatch, bad)
        at = open_page()
        assert not at.exception and "登录" in [b.label for b in at.button]


def test_cli_password_reset_and_removal_end_sessions(db, monkeypatch, capsys):
    at = signed_in("lingdao", LEAD)
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(LEAD + "\n"))  # the same password, reset
    assert main(["user", "add", "lingdao", "--role", "领导", "--password-stdin", "--db", str(db)]) == 0
    assert "已重设密码" in capsys.readouterr().out
    at.run()
    assert metrics(at) == {}
    at = signed_in("anting", TOWN)
    assert main(["user", "remove", "anting", "--db", str(db)]) == 0
    assert "已删除账户 anting，其所有登录会话已结束" in capsys.readouterr().out
    at.run()
    assert metrics(at) == {} and "anting" not in load_users(accounts_path(db))
    assert main(["user", "remove", "anting", "--db", str(db)]) == 2
    assert "没有名为「anting」的账户" in capsys.readouterr().err


# ---------------------------------------------------------------- 7 lockout per name and client

def minutes(n: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=n)


def test_an_attacker_locks_only_their_own_client_with_a_growing_back_off(db):
    log, users = log_path(accounts_path(db)), load_users(accounts_path(db))
    for i in range(5):
        outcome = attempt(log, users, "admin", "guess", now=minutes(i), client="203.0.113.9")
    assert outcome.locked_until == minutes(19)  # 15 minutes after the fifth failure
    # the 管理员 at their own desk signs in meanwhile
    assert attempt(log, users, "admin", ADMIN, now=minutes(5), client="10.1.2.3").account.role == "管理员"
    assert attempt(log, users, "admin", ADMIN, now=minutes(6), client="203.0.113.9").locked_until == minutes(19)
    # the next lockout from the same client is twice as long (30), then 60
    for i in range(5):
        outcome = attempt(log, users, "admin", "guess", now=minutes(20 + i), client="203.0.113.9")
    assert outcome.locked_until == minutes(24 + 30)
    for i in range(5):
        outcome = attempt(log, users, "admin", "guess", now=minutes(55 + i), client="203.0.113.9")
    assert outcome.locked_until == minutes(59 + 60)
    assert current_locks(log, now=minutes(60)) == {"admin": {"203.0.113.9": minutes(119)}}


def test_a_locked_admin_is_told_what_to_do_and_unlocked_from_the_command_line(db, capsys):
    at = open_page()
    for _ in range(5):
        sign_in(at, "admin", "guess")
    message = " ".join(e.value for e in at.error)
    assert "python -m unionboard user unlock 用户名" in message and "管理员被锁定时也可如此" in message
    sign_in(at, "admin", ADMIN)
    assert "auth_user" not in at.session_state  # locked: the right password is not checked
    assert main(["user", "list", "--db", str(db)]) == 0
    listed = capsys.readouterr().out
    assert "admin" in listed and "已锁定至" in listed and "lingdao" in listed and "安亭镇" in listed
    assert main(["user", "unlock", "admin", "--db", str(db)]) == 0
    assert "已解除 admin 的登录锁定" in capsys.readouterr().out
    sign_in(at, "admin", ADMIN)
    assert at.session_state["auth_user"].role == "管理员"
    assert [e.event for e in history(log_path(accounts_path(db)))][:2] == ["success", "unlock"]


def test_a_password_reset_clears_the_lock(db, monkeypatch):
    log = log_path(accounts_path(db))
    now = dt.datetime.now()
    for _ in range(5):
        attempt(log, load_users(accounts_path(db)), "lingdao", "guess", now=now)
    assert "lingdao" in current_locks(log)
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("brand-new-pass\n"))
    assert main(["user", "add", "lingdao", "--role", "领导", "--password-stdin", "--db", str(db)]) == 0
    assert current_locks(log) == {}
    assert attempt(log, load_users(accounts_path(db)), "lingdao", "brand-new-pass").account is not None


# ---------------------------------------------------------------- issue 22: what a 街镇 account is offered

def test_templates_offer_a_town_what_it_may_upload_units_first(db):
    at = signed_in("anting", TOWN, "data")
    # its roster, and (issue 24) the targets it signed with its areas
    assert at.selectbox(key="data_template_kind").options == ["单位名册（units）", "年度目标（targets）"]
    assert "街镇账户报送本街镇（安亭镇）的单位名册（模板已预填该街镇最近一期报表）和本街镇与村居园区签订的年度目标" in texts(at)
    admin = signed_in("admin", ADMIN, "data")
    assert admin.selectbox(key="data_template_kind").options[0] == "单位名册（units）"
    assert len(admin.selectbox(key="data_template_kind").options) == 7
