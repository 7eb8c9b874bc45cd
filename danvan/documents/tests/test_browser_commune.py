"""A commune's own document in Chromium: the commune officer (xa.yenthe) makes the conclusion notice of a commune
meeting, picks the commune leader of the demo data (xa.yenthe.ld) as signer, and that leader issues it from a
phone; the document lists and the register read as cards on a phone, with no sideways scrolling."""

import os

import pytest

from danvan.documents.tests.test_browser_generated import choose, submit
from tests.browser.test_browser_login_search import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]
SHOTS = os.environ.get("DANVAN_SHOTS", "/tmp/shots-ux14c")


def _label_of_first_cell(page, table) -> str:
    """What a phone shows above a card's first cell (the column's name, drawn by CSS)."""
    return page.evaluate(
        "t => getComputedStyle(document.querySelector(t + ' tbody td'), '::before').content", table
    ).strip('"')


def test_a_commune_notice_is_drafted_by_the_officer_and_issued_by_the_commune_leader_on_a_phone(danvan_server, browser):
    os.makedirs(SHOTS, exist_ok=True)
    officer = browser.new_page(viewport={"width": 1366, "height": 900})
    login(officer, danvan_server, "xa.yenthe")
    officer.goto(f"{danvan_server}/hoi-nghi/")
    choose(officer, "#id_unit", "dang uy xa yen the")
    officer.fill("#id_title", "Hội nghị giao ban khối dân vận xã quý IV/2026")
    officer.fill("#id_starts_at", "03/12/2026 08:00")
    officer.fill("#id_ends_at", "03/12/2026 11:00")
    officer.fill("#id_place", "Hội trường Đảng ủy xã")
    officer.fill("#id_chairs-0-name", "Nguyễn Thị Lan")
    officer.fill("#id_chairs-0-title", "Phó Bí thư Thường trực Đảng ủy")
    submit(officer, "main form:has(#id_title)")
    officer.fill("#id_minutes", "Hội nghị nghe báo cáo kết quả công tác dân vận quý IV/2026 của các thôn.")
    officer.fill("#id_conclusions-0-text", "Các chi bộ thôn tổng kết mô hình Dân vận khéo trước ngày 31/12/2026.")
    submit(officer, "form:has(#id_minutes)")
    submit(officer, "form[action$='/thong-bao-ket-luan/']")
    assert "/van-ban/" in officer.url
    # The preview is marked as a draft, in the corner and across the page.
    preview = officer.locator("[data-docx-preview]")
    assert preview.get_attribute("data-watermark") and officer.locator("[data-draft-mark]").count() == 1
    # The commune's own leader is offered as signer, with the title of the position.
    choose(officer, "#id_signer", "nguyen thi lan")
    submit(officer, "form[data-signer-form]")
    text = preview.inner_text()
    assert "PHÓ BÍ THƯ THƯỜNG TRỰC ĐẢNG ỦY" in text and "Nguyễn Thị Lan" in text
    url = officer.url

    leader = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    login(leader, danvan_server, "xa.yenthe.ld")
    leader.goto(f"{danvan_server}/van-ban/")
    assert leader.evaluate("document.documentElement.scrollWidth") <= 390
    assert _label_of_first_cell(leader, "main table.dv-cards-table")
    leader.goto(url)
    submit(leader, "form[action$='/ky-ban-hanh/']")
    assert "-TB/KDV" in leader.locator(".alert").first.inner_text()
    assert leader.locator("[data-draft-mark]").count() == 0
    assert leader.evaluate("document.documentElement.scrollWidth") <= 390
    leader.screenshot(path=f"{SHOTS}/commune-issued-390.png", full_page=True)
    leader.goto(f"{danvan_server}/bao-cao/van-ban/")
    assert leader.evaluate("document.documentElement.scrollWidth") <= 390
    assert _label_of_first_cell(leader, "main table.dv-cards-table")
    leader.screenshot(path=f"{SHOTS}/register-390.png", full_page=True)
