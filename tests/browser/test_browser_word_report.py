"""A commune officer uploads the unit's Word report on the report entry page, corrects a proposed figure beside the
sentence it was read from, saves, and sees the draft filled (issue 13, "Word reports into report drafts")."""

import os
from pathlib import Path

import pytest

from tests.browser.test_browser_login_search import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "danvan" / "ingest" / "tests" / "fixtures" / "wordreports" / "sample_commune_q1.docx"
SHOTS = Path(os.environ.get("WORDREPORT_SHOTS", "/tmp/shots-wordreports"))


def _quarterly_entry(page, server) -> str:
    page.goto(f"{server}/bao-cao/")
    links = page.locator("a[href*='/bao-cao/nhap/'][href*='C7288-KDV']")
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        page.goto(f"{server}{href}")
        if "công tác dân vận quý" in page.locator("h1").inner_text():
            return href
        page.goto(f"{server}/bao-cao/")
    pytest.fail("the commune's quarterly dân vận report is not among its reports due")


@pytest.mark.parametrize("width", [1366, 390])
def test_an_officer_reads_a_word_report_corrects_a_figure_and_saves_the_draft(danvan_server, browser, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900})
    login(page, danvan_server, "xa.yenthe")
    entry = _quarterly_entry(page, danvan_server)
    page.click("summary:has-text('Word')")
    page.set_input_files("#id_word_file", str(SAMPLE))
    page.click("form[action*='bao-cao-word'] button[type=submit]")
    page.wait_for_selector("text=đã giải quyết 15 kiến nghị")
    field = page.locator("input[name='v_tuyen_truyen_hoi_nghi']")
    assert field.input_value() == "12"
    assert "Trong quý, Khối dân vận phối hợp tổ chức 12 hội nghị" in page.content()
    assert page.input_value("textarea[name='n_han_che']").startswith("Việc nắm tình hình ở một số thôn còn chậm")
    page.screenshot(path=str(SHOTS / f"word-preview-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    field.fill("13")
    page.click("button[name='save']")
    page.wait_for_url(f"**{entry}")
    assert page.input_value("input[name='v_tuyen_truyen_hoi_nghi']") == "13"
    assert page.input_value("input[name='v_tuyen_truyen_luot_nguoi']") == "1.460"
    assert page.input_value("textarea[name='n_kien_nghi']").startswith("Đề nghị Ban Dân vận cấp trên")
    page.screenshot(path=str(SHOTS / f"word-saved-{width}.png"), full_page=True)
