"""A conclusion notice in Chromium: the meeting's button makes the draft, the page previews the real DOCX with no
number, the officer picks the signer among the Ban's leaders (K/T, title), and the leader issues it; the flash
reads "số 01-TB/…", never "số Số"."""

import os
import re

import pytest

from tests.browser.test_browser_login_search import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]
SHOTS = os.environ.get("DANVAN_SHOTS", "/tmp/shots-docs2")


def choose(page, selector, typed):
    page.fill(selector, typed)
    page.wait_for_selector(f"{selector}-list .dv-picker-option")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")


def submit(page, form):
    page.click(f"{form} button[type=submit]")
    page.wait_for_load_state()


def test_preview_pick_the_signer_and_issue_a_conclusion_notice(danvan_server, browser):
    os.makedirs(SHOTS, exist_ok=True)
    officer = browser.new_page(viewport={"width": 1366, "height": 900})
    login(officer, danvan_server, "bn.chuyenvien")
    officer.goto(f"{danvan_server}/hoi-nghi/")
    choose(officer, "#id_unit", "thanh uy bac ninh")
    officer.fill("#id_title", "Hội nghị giao ban công tác dân vận quý IV/2026")
    officer.fill("#id_starts_at", "02/12/2026 08:00")
    officer.fill("#id_ends_at", "02/12/2026 11:00")
    officer.fill("#id_place", "Hội trường Thành ủy")
    officer.fill("#id_chairs-0-name", "Trần Văn Thịnh")
    officer.fill("#id_chairs-0-title", "Phó Trưởng ban")
    submit(officer, "main form:has(#id_title)")
    assert "/hoi-nghi/" in officer.url
    officer.fill("#id_minutes", "Hội nghị nghe báo cáo kết quả công tác dân vận quý IV/2026.")
    officer.fill("#id_conclusions-0-text", "Các đảng ủy xã tổng kết mô hình Dân vận khéo trước ngày 31/12/2026.")
    submit(officer, "form:has(#id_minutes)")
    submit(officer, "form[action$='/thong-bao-ket-luan/']")

    # The draft page: the DOCX as HTML, number left blank, nothing numbered yet.
    assert "/van-ban/" in officer.url
    preview = officer.locator("[data-docx-preview]")
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in preview.inner_text()
    assert "-TB/BTGDVTU" in preview.inner_text() and "Số 01" not in preview.inner_text()
    officer.screenshot(path=f"{SHOTS}/draft-preview-1366.png", full_page=True)
    choose(officer, "#id_signer", "van thinh")
    officer.select_option("#id_capacity", "K/T")
    officer.fill("#id_signer_title", "Phó Trưởng ban")
    submit(officer, "form[data-signer-form]")
    text = officer.locator("[data-docx-preview]").inner_text()
    assert "K/T TRƯỞNG BAN" in text and "PHÓ TRƯỞNG BAN" in text and "Trần Văn Thịnh" in text
    # The officer may not issue it: no issue button for them.
    assert officer.locator("form[action$='/ky-ban-hanh/']").count() == 0
    officer.screenshot(path=f"{SHOTS}/signer-chosen-1366.png", full_page=True)
    url = officer.url

    leader = browser.new_page(viewport={"width": 1366, "height": 900})
    login(leader, danvan_server, "bn.lanhdao")
    leader.goto(url)
    submit(leader, "form[action$='/ky-ban-hanh/']")
    flash = leader.locator(".alert").first.inner_text()
    # The next number of the register (the demo data has already issued one notice this term).
    number = re.search(r"\b(\d{2})-TB/BTGDVTU", flash)
    assert number and "Số Số" not in flash and "số Số" not in flash
    issued = leader.locator("[data-docx-preview]").inner_text()
    assert f"Số {number[1]}-TB/BTGDVTU" in issued and "Trần Văn Thịnh" in issued
    leader.screenshot(path=f"{SHOTS}/issued-1366.png", full_page=True)


def test_a_leader_delegates_issuing_on_the_delegation_page(danvan_server, browser):
    import datetime as dt

    os.makedirs(SHOTS, exist_ok=True)
    leader = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    login(leader, danvan_server, "bn.lanhdao")
    leader.goto(f"{danvan_server}/van-ban/uy-quyen/")
    choose(leader, "#id_delegate", "le thi mai")
    today = dt.date.today()
    leader.fill("#id_starts_on", f"{today:%d/%m/%Y}")
    leader.fill("#id_ends_on", f"{today + dt.timedelta(days=14):%d/%m/%Y}")
    submit(leader, "main form:has(#id_delegate)")
    row = leader.locator("main table tbody tr").first.inner_text()
    assert "Lê Thị Mai" in row and "Trần Văn Thịnh" in row
    assert leader.evaluate("document.documentElement.scrollWidth") <= 390
    leader.screenshot(path=f"{SHOTS}/delegation-390.png", full_page=True)
