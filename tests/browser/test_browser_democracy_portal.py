"""A commune officer discloses the budget and opens a consultation; a citizen with no account finds the commune
without diacritics, reads the disclosure, downloads its file and comments on the draft. In Chromium."""

import datetime as dt
import os

import pytest
from playwright.sync_api import expect

from tests.browser.test_browser_login_search import login
from tests.browser.test_browser_pickers_inbox import choose

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]


def test_an_officer_discloses_and_a_citizen_finds_reads_and_comments(danvan_server, browser, screenshot_dir, tmp_path):
    today = dt.date.today()
    budget = tmp_path / "du-toan-ngan-sach.pdf"
    budget.write_bytes(b"%PDF-1.4\n% du toan\n")

    page = browser.new_page(viewport={"width": 1366, "height": 900})
    login(page, danvan_server, "xa.yenthe")
    page.goto(f"{danvan_server}/dan-chu/")
    choose(page, "id_commune-unit", "yen the", "Đảng ủy xã Yên Thế")
    page.click("form:has(#id_commune-unit) button[type=submit]")
    page.wait_for_url("**/dan-chu/co-so/**")
    page.click("a[href$='/cong-khai/moi/']")
    page.select_option("#id_item", label=page.locator("#id_item option", has_text="2. Dự toán").inner_text())
    page.fill("#id_title", "Dự toán ngân sách xã quý IV/2026")
    page.check("input[name=forms_used][value=niem_yet]")
    page.check("input[name=forms_used][value=cong_thong_tin]")
    page.fill("#id_start_date", today.strftime("%d/%m/%Y"))
    page.set_input_files("#id_files", str(budget))
    page.check("#id_publish")
    page.click("form[enctype] button[type=submit]")
    page.wait_for_url("**/dan-chu/cong-khai/**")
    assert "Dự toán ngân sách xã quý IV/2026" in page.content()

    page.click(".breadcrumb a[href*='/dan-chu/co-so/']")
    page.click("a[href$='/lay-y-kien/moi/']")
    page.fill("#id_title", "Dự thảo kế hoạch phát triển kinh tế - xã hội năm 2027")
    page.fill("#id_opens_on", today.strftime("%d/%m/%Y"))
    page.fill("#id_closes_on", (today + dt.timedelta(days=10)).strftime("%d/%m/%Y"))
    page.click("form[enctype] button[type=submit]")
    # Ten days is under the legal minimum: refused, naming it, nothing saved.
    page.locator(".alert, .invalid-feedback", has_text="tối thiểu là 30 ngày").first.wait_for()
    page.fill("#id_closes_on", (today + dt.timedelta(days=35)).strftime("%d/%m/%Y"))
    page.click("form[enctype] button[type=submit]")
    page.wait_for_url("**/dan-chu/lay-y-kien/**")

    citizen = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, java_script_enabled=False)
    phone = citizen.new_page()
    phone.goto(f"{danvan_server}/cong-dan/")
    phone.fill("#id_q", "xa yen the")
    phone.click("button[type=submit]")
    phone.locator("a", has_text="Xã Yên Thế").first.click()
    expect(phone.locator("main")).to_contain_text("Dự toán ngân sách xã quý IV/2026")
    assert phone.locator("a", has_text="du-toan-ngan-sach.pdf").count() == 1
    phone.screenshot(path=str(screenshot_dir / "portal-commune-phone.png"), full_page=True)
    phone.locator("a", has_text="Dự thảo kế hoạch phát triển").click()
    phone.fill("#id_name", "Nguyễn Văn An")
    phone.fill("#id_contact", "0912345678")
    phone.fill("#id_text", "Đề nghị ưu tiên bê tông hóa đường thôn Đồng.")
    phone.wait_for_timeout(4500)  # a person takes longer than the minimum time on the form
    phone.click("form button[type=submit]")
    expect(phone.locator("body")).to_contain_text("Đã nhận ý kiến của bạn")
    citizen.close()

    page.reload()
    assert "Đề nghị ưu tiên bê tông hóa" in page.content()
    page.screenshot(path=str(screenshot_dir / "democracy-consultation.png"), full_page=True)
