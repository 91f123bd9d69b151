"""The 通报 a district office sends (issue 14): 一、总体情况 with 同比, 二、各街镇进展 ranked, 三、存在问题 from
报送进度, 名册核对 and 会员转接, 四、下一步工作要求 naming towns and units — parsed back, every number from the
views, and opened by LibreOffice as a user's office suite would."""
from __future__ import annotations

import io
import os
import shutil
import subprocess

import docx
import pytest
from test_roster_check import SHOWN, check_db  # noqa: F401 - the roster check's fixture

from conftest import THREE
from unionboard.briefing import docx_bytes
from unionboard.views import Filters


def paragraphs(db, filters: Filters) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(docx_bytes(db, filters))).paragraphs]


def test_sections_of_towns_reporting_separately(reports_db):
    texts = paragraphs(reports_db, Filters(towns=THREE))
    assert texts[0] == "关于截至2015年6月30日安亭镇、马陆镇、南翔镇工会组建工作进展情况的通报"
    assert texts.index("一、总体情况") < texts.index("二、各街镇进展") < texts.index("三、存在问题") < texts.index("四、下一步工作要求")
    assert "上年同期无报表数据，暂不作同比。" in texts[texts.index("一、总体情况") + 1]
    # ranked by the lower completion: 马陆镇 50% (new unions only), 安亭镇 min(1/4, 18/40) = 25%; 南翔镇 no target
    assert ("按新建会单位数、新发展会员数两项完成率中较低一项排名（括号内依次为两项完成率），各街镇依次为：马陆镇（50.00%/—）、"
            "安亭镇（25.00%/45.00%）。") in texts
    assert "安亭镇1个街镇进度滞后（低于序时进度的80%）。" in texts
    doc = docx.Document(io.BytesIO(docx_bytes(reports_db, Filters(towns=THREE))))
    assert [(r.cells[0].text, r.cells[1].text) for r in doc.tables[0].rows[1:]] == [
        ("1", "马陆镇"), ("2", "安亭镇"), ("", "南翔镇"), ("", "合计")]
    assert "（1）报送不及时。2015年6月30日名册，南翔镇、马陆镇未报送，数据沿用此前报表。" in texts
    assert "2. 南翔镇、马陆镇要按时报送单位名册（报表日期后5天内），未报送的请尽快补报。" in texts
    assert texts[texts.index("数据说明") if "数据说明" in texts else 4].startswith("数据说明：")
    assert "2 个街镇沿用此前报送的数据：南翔镇（沿用 2015-05-31 报送数据）、马陆镇（沿用 2015-05-31 报送数据）" in texts[4]


def test_problems_and_requirements_from_the_roster_check(check_db):  # noqa: F811 - the fixture
    texts = paragraphs(check_db, Filters(towns=SHOWN))
    assert ("（2）名册变动未报动态。将各街镇本期与上期名册逐一比对，发现6项变动无企业动态可以解释："
            "安亭镇5项（单位消失未报动态1、新增单位未报动态2、工会断线1、会员锐减1）；马陆镇1项（街镇变更未报1）。") in texts
    # a1 closed (撤销, 50 members, none transferred) on 2015-05-31, in the year and in the roster
    assert any(t.startswith("（3）会员转接不到位。") and "其中1家单位的50名会员未完成转接（安亭镇1家50人）" in t for t in texts)
    asks = [t for t in texts[texts.index("四、下一步工作要求") + 1:] if t[:2].rstrip(".").isdigit()]
    assert ("名册核对发现问题的街镇要逐一核实有关单位，补报企业动态或更正名册，确保工会组织不断线："
            "安亭镇4家（a1公司、a9公司、a11公司等）；马陆镇1家（a7公司）。") in " ".join(asks)
    assert "会员不流失：安亭镇1家50人（a1公司）。" in " ".join(asks)


def test_a_town_account_briefing_names_its_own_units_only(check_db):  # noqa: F811 - the fixture
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(
        docx_bytes(check_db, Filters(towns=SHOWN), unit_towns=["马陆镇"]))).paragraphs)
    assert "a7公司" in text and "a1公司" not in text and "a9公司" not in text


SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None and not os.environ.get("CI"),
                    reason="no LibreOffice (scripts/setup.sh --browser installs libreoffice-writer-nogui)")
def test_libreoffice_opens_the_briefing(reports_db, tmp_path):
    src = tmp_path / "通报.docx"
    src.write_bytes(docx_bytes(reports_db, Filters(towns=THREE)))
    profile = tmp_path / "lo-profile"
    subprocess.run([SOFFICE or "soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "通报.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 20_000  # text, a table and two charts
