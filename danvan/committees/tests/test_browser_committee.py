"""A province sets up its QCDC steering committee with members (bodies and people chosen by name), gives a member
a task, then reorganises the committee under a new decision; the old membership stays as history. In Chromium."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_browser_login_search import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]

SHOTS = Path(os.environ.get("DANVAN_SHOTS", "/tmp/shots-committees"))


def _pick(page, selector: str, typed: str, option_text: str) -> None:
    page.fill(selector, typed)
    page.click(f"{selector}-list .dv-picker-option:has-text('{option_text}')")


def test_a_province_sets_up_a_qcdc_committee_gives_a_task_and_reorganises_it(danvan_server, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    login(page, danvan_server, "bn.chuyenvien")
    page.goto(f"{danvan_server}/ban-chi-dao/moi/")
    page.select_option("#id_subject", label="Thực hiện dân chủ ở cơ sở (QCDC)")
    page.fill("#id_name", "Ban Chỉ đạo QCDC thử nghiệm")
    page.fill("#id_decision_number", "300-QĐ/TU")
    page.fill("#id_decision_date", "05/03/2026")
    page.fill("#id_signer", "T/M Ban Thường vụ, Bí thư")
    page.select_option("#id_members-0-position", label="Trưởng ban")
    _pick(page, "#id_members-0-body", "ubnd bac ninh", "UBND")
    page.fill("#id_members-0-name", "Nguyễn Văn Thử")
    page.select_option("#id_members-1-position", label="Phó Trưởng ban")
    _pick(page, "#id_members-1-body", "tuyen giao bac ninh", "Ban Tuyên giáo và Dân vận")
    _pick(page, "#id_members-1-person", "Tran Van Thinh", "Trần Văn Thịnh")
    page.select_option("#id_members-2-position", label="Thành viên")
    _pick(page, "#id_members-2-body", "hoi nong dan bac ninh", "Hội Nông dân")
    page.fill("#id_members-2-name", "Vũ Thị Mẫu")
    page.screenshot(path=str(SHOTS / "committee-new-1366.png"), full_page=True)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/ban-chi-dao/BCD-*/")
    code = page.url.rstrip("/").rsplit("/", 1)[-1]
    current = page.locator("#current-members").inner_text()
    assert "Nguyễn Văn Thử" in current and "Trần Văn Thịnh" in current and "Vũ Thị Mẫu" in current

    # A task to a member: it goes to their body as a workplans task.
    page.click(f"a[href$='/ban-chi-dao/{code}/nhiem-vu/moi/']")
    page.select_option("#id_member", label=page.locator("#id_member option", has_text="Vũ Thị Mẫu").inner_text())
    page.fill("#id_title", "Kiểm tra thực hiện dân chủ ở 5 xã")
    page.fill("#id_deadline", "30/06/2026")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/ban-chi-dao/{code}/")
    assert "Kiểm tra thực hiện dân chủ ở 5 xã" in page.locator("#tasks").inner_text()

    # Kiện toàn under a new decision: a new head; the old membership stays as history.
    page.click(f"a[href$='/ban-chi-dao/{code}/kien-toan/']")
    assert page.input_value("#id_members-0-name") == "Nguyễn Văn Thử"
    page.fill("#id_decision_number", "410-QĐ/TU")
    page.fill("#id_decision_date", "01/09/2026")
    page.fill("#id_signer", "T/M Ban Thường vụ, Bí thư")
    page.fill("#id_members-0-name", "Phạm Văn Mới")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/ban-chi-dao/{code}/")
    current = page.locator("#current-members").inner_text()
    assert "Phạm Văn Mới" in current and "Nguyễn Văn Thử" not in current
    timeline = page.locator("#timeline").inner_text()
    assert "410-QĐ/TU" in timeline and "300-QĐ/TU" in timeline and "05/03/2026 – 01/09/2026" in timeline
    page.screenshot(path=str(SHOTS / "committee-detail-1366.png"), full_page=True)
    page.click(f"#timeline a[href$='/ban-chi-dao/{code}/quyet-dinh/1/']")
    page.wait_for_url(f"**/ban-chi-dao/{code}/quyet-dinh/1/")
    expect(page.locator("main")).to_contain_text("Nguyễn Văn Thử")

    phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    login(phone, danvan_server, "bn.chuyenvien")
    phone.goto(f"{danvan_server}/ban-chi-dao/{code}/")
    phone.screenshot(path=str(SHOTS / "committee-detail-390.png"), full_page=True)
    phone.goto(f"{danvan_server}/ban-chi-dao/{code}/kien-toan/")
    phone.screenshot(path=str(SHOTS / "committee-reorganise-390.png"), full_page=True)
    # The demo committee is there too, with its kiện toàn.
    phone.goto(f"{danvan_server}/ban-chi-dao/")
    assert "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở tỉnh Bắc Ninh" in phone.content()
