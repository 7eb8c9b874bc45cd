"""Issue 10's "done means", the flows no other browser test walks, in Chromium: a commune officer records a household
vote on a road contribution (figures that do not add up are refused, naming the field; the result is computed; the
minutes download; the result is published) and a citizen on a phone reads it; a citizen sends a recommendation
without an account, gets a tracking code, and later reads the answer an official published; a provincial leader sees
which communes are behind on their disclosures; an inspection's finding becomes a task of the commune. Screenshots at
1366 and 390 px go to var/screenshots."""

import datetime as dt
import os

import pytest
from playwright.sync_api import expect

from tests.browser.test_browser_democracy2 import find_commune
from tests.browser.test_browser_login_search import login
from tests.browser.test_browser_pickers_inbox import choose

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]


def open_commune(page, base_url):
    page.goto(f"{base_url}/dan-chu/")
    choose(page, "id_commune-unit", "yen the", "Đảng ủy xã Yên Thế")
    page.click("form:has(#id_commune-unit) button[type=submit]")
    page.wait_for_url("**/dan-chu/co-so/**")


def test_a_household_vote_on_a_road_contribution_is_recorded_and_read_on_a_phone(
    danvan_server, browser, screenshot_dir
):
    today = dt.date.today().strftime("%d/%m/%Y")
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    login(page, danvan_server, "xa.yenthe")
    open_commune(page, danvan_server)
    page.click("a[href$='/bieu-quyet/moi/']")
    page.fill("#id_title", "Đóng góp xây dựng đường bê tông thôn Đồng Kỳ")
    page.select_option("#id_subject", "infrastructure")
    page.select_option("#id_method", "ballot")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/dan-chu/bieu-quyet/**")
    expect(page.locator("#result")).to_have_text("Chưa có kết quả biểu quyết")

    page.fill("#id_voted_on", today)
    page.fill("#id_eligible_households", "120")
    page.fill("#id_turnout", "100")
    page.fill("#id_votes_for", "90")
    page.fill("#id_votes_against", "20")
    page.click("form:has(#id_turnout) button[type=submit]")
    # For + against over the turnout: refused, naming the fields; nothing recorded.
    expect(page.locator("main")).to_contain_text("Số hộ tán thành + không tán thành (110) lớn hơn số hộ tham gia (100)")
    expect(page.locator("#result")).to_have_text("Chưa có kết quả biểu quyết")
    page.fill("#id_votes_against", "8")
    page.click("form:has(#id_turnout) button[type=submit]")
    # 90 of 120 eligible households is more than half: computed, never typed.
    expect(page.locator("#result")).to_have_text("Được thông qua")
    expect(page.locator("#figures")).to_have_text(
        "(120 hộ có quyền tham gia, 100 hộ tham gia, 90 hộ tán thành, 8 hộ không tán thành)"
    )
    minutes = page.request.get(danvan_server + page.locator("a[href$='/bien-ban.docx']").get_attribute("href"))
    assert minutes.status == 200 and minutes.body()[:2] == b"PK"
    page.click("button[name=action][value=publish]")
    page.wait_for_load_state()
    page.screenshot(path=str(screenshot_dir / "democracy-vote-1366.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(screenshot_dir / "democracy-vote-390.png"), full_page=True)

    citizen = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, java_script_enabled=False)
    phone = citizen.new_page()
    find_commune(phone, danvan_server)
    decided = phone.locator("li", has_text="Đóng góp xây dựng đường bê tông thôn Đồng Kỳ")
    expect(decided).to_contain_text("Được thông qua")
    phone.screenshot(path=str(screenshot_dir / "portal-vote-390.png"), full_page=True)
    citizen.close()
    page.close()


def test_a_citizen_sends_a_recommendation_and_later_reads_the_answer_by_its_code(
    danvan_server, browser, screenshot_dir
):
    citizen = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, java_script_enabled=False)
    phone = citizen.new_page()
    commune = find_commune(phone, danvan_server)
    phone.goto(f"{commune}kien-nghi/")
    phone.fill("#id_name", "Trần Thị Bình")
    phone.fill("#id_contact", "0987654321")
    phone.fill("#id_text", "Đề nghị sửa cống thoát nước đầu thôn Đồng Kỳ, mưa to nước tràn vào nhà dân.")
    phone.wait_for_timeout(4500)  # a person takes longer than the minimum time on the form
    phone.click("main form button[type=submit]")
    expect(phone.locator("main")).to_contain_text("Mã theo dõi")
    code = phone.locator("[role=status] strong").inner_text()
    assert code.startswith("KN-")
    expect(phone.locator("main")).to_contain_text("Chưa có trả lời được công bố")
    phone.screenshot(path=str(screenshot_dir / "portal-tracking-new-390.png"), full_page=True)

    page = browser.new_page(viewport={"width": 1366, "height": 900})
    login(page, danvan_server, "xa.yenthe")
    page.goto(f"{danvan_server}/dan-chu/")
    page.click("a[href$='/cong-dan/can-bo/kien-nghi/']")
    item = page.locator(".list-group-item", has_text=code)
    expect(item).to_contain_text("Đề nghị sửa cống thoát nước")
    item.locator("textarea[name=answer]").fill("UBND xã đã giao thôn Đồng Kỳ nạo vét cống trong tháng này.")
    item.locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.close()

    # Later, from the phone, with the code only.
    phone.goto(f"{danvan_server}/cong-dan/tra-cuu/")
    phone.fill("#id_code", code.lower())
    phone.click("main form button[type=submit]")
    expect(phone.locator("main")).to_contain_text("UBND xã đã giao thôn Đồng Kỳ nạo vét cống")
    # Nothing of the sender is shown publicly.
    assert "0987654321" not in phone.content() and "Trần Thị Bình" not in phone.content()
    phone.screenshot(path=str(screenshot_dir / "portal-tracking-answer-390.png"), full_page=True)
    citizen.close()


def quarter_start(today: dt.date) -> dt.date:
    return dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)


def test_a_provincial_leader_sees_which_communes_are_behind_on_their_disclosures(
    danvan_server, browser, screenshot_dir
):
    # Xã Yên Thế discloses the quarter's budget in time (from the quarter's fifth day).
    on_time = quarter_start(dt.date.today()) + dt.timedelta(days=4)
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    login(page, danvan_server, "xa.yenthe")
    open_commune(page, danvan_server)
    page.click("a[href$='/cong-khai/moi/']")
    page.select_option("#id_item", label=page.locator("#id_item option", has_text="2. Dự toán").inner_text())
    page.fill("#id_title", "Tình hình thực hiện ngân sách xã trong quý")
    page.check("input[name=forms_used][value=niem_yet]")
    page.fill("#id_start_date", on_time.strftime("%d/%m/%Y"))
    page.fill("#id_end_date", (on_time + dt.timedelta(days=40)).strftime("%d/%m/%Y"))
    page.click("form[enctype] button[type=submit]")
    page.wait_for_url("**/dan-chu/cong-khai/**")
    page.close()

    page = browser.new_page(viewport={"width": 1366, "height": 900})
    login(page, danvan_server, "bn.lanhdao")
    page.goto(f"{danvan_server}/dan-chu/")
    page.click("a[href$='/dan-chu/tong-hop/']")
    choose(page, "id_unit", "thanh uy bac ninh", "Thành ủy Bắc Ninh")
    page.click("main form[method=get] button[type=submit]")
    summary = page.locator("main p", has_text="chậm")
    expect(summary).to_contain_text("Thành ủy Bắc Ninh")
    # Every commune of the province is listed, those behind first and marked; Yên Thế, in time, is not behind.
    rows = page.locator("main table tbody tr")
    assert rows.count() == 99 or page.locator(".pagination").count() == 1
    yen_the = page.locator("main table tbody tr", has_text="Xã Yên Thế")
    expect(yen_the).not_to_have_class("table-warning")
    assert "table-warning" in (rows.first.get_attribute("class") or "")
    page.screenshot(path=str(screenshot_dir / "democracy-province-behind-1366.png"), full_page=False)
    page.check("#id_behind_only")
    page.click("main form[method=get] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("main table tbody tr", has_text="Xã Yên Thế").count() == 0
    assert page.locator("main table tbody tr.table-warning").count() == page.locator("main table tbody tr").count() > 0
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(screenshot_dir / "democracy-province-behind-390.png"), full_page=False)
    page.close()


def test_an_inspections_finding_becomes_a_task_of_the_commune(danvan_server, browser, screenshot_dir):
    today = dt.date.today()
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    login(page, danvan_server, "bn.lanhdao")
    page.goto(f"{danvan_server}/dan-chu/kiem-tra/")
    choose(page, "id_unit", "tuyen giao dan van bac ninh", "Ban Tuyên giáo và Dân vận Thành ủy Bắc Ninh")
    page.fill("#id_title", "Kiểm tra thực hiện quy chế dân chủ ở cơ sở năm 2026")
    page.fill("#id_planned_from", today.strftime("%d/%m/%Y"))
    page.fill("#id_planned_to", (today + dt.timedelta(days=10)).strftime("%d/%m/%Y"))
    page.fill("#id_communes", "dang uy xa yen the")
    page.locator('#id_communes-list .dv-picker-option[data-name="Đảng ủy xã Yên Thế"]').first.click()
    # The Ban inspects for its committee (the communes lie under the Thành ủy, not under the Ban).
    page.click("main form button[type=submit]")
    page.wait_for_url("**/dan-chu/kiem-tra/*/")
    page.fill("#id_r-inspected_on", today.strftime("%d/%m/%Y"))
    page.fill("#id_r-findings", "Chưa niêm yết dự toán ngân sách quý tại nhà văn hóa các thôn.")
    page.fill("#id_r-remedy", "Niêm yết dự toán ngân sách tại nhà văn hóa 12 thôn và báo cáo kết quả.")
    page.fill("#id_r-remedy_deadline", (today + dt.timedelta(days=30)).strftime("%d/%m/%Y"))
    page.click("form:has(#id_r-findings) button[type=submit]")
    page.wait_for_load_state()
    task_link = page.locator("main a[href*='/nhiem-vu/']", has_text="Nhiệm vụ")
    expect(task_link).to_have_count(1)
    page.screenshot(path=str(screenshot_dir / "democracy-inspection-1366.png"), full_page=True)
    page.close()

    # The commune sees the remedy among its tasks, with its deadline.
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    login(page, danvan_server, "xa.yenthe")
    page.goto(f"{danvan_server}/nhiem-vu/")
    task = page.locator("main", has_text="Niêm yết dự toán ngân sách tại nhà văn hóa 12 thôn")
    expect(task).to_have_count(1)
    page.screenshot(path=str(screenshot_dir / "democracy-inspection-task-390.png"), full_page=True)
    page.close()


def test_the_periodic_reports_qcdc_figures_fill_themselves(danvan_server, browser, screenshot_dir):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    login(page, danvan_server, "xa.yenthe")

    def figure() -> str:
        page.goto(f"{danvan_server}/bao-cao/")
        row = page.locator("main tr", has_text="Báo cáo thực hiện dân chủ ở cơ sở").first  # this quarter's
        row.locator("a", has_text="Mở").click()
        page.wait_for_url("**/bao-cao/nhap/**")
        field = page.get_by_label("Văn bản, nội dung được công khai cho Nhân dân biết")
        # Filled by the system, not typed: read-only, with the note saying so.
        expect(field).to_have_attribute("readonly", "")
        expect(page.locator("tr", has=field)).to_contain_text("Hệ thống tự điền")
        return field.input_value()

    before = int(figure() or 0)
    open_commune(page, danvan_server)
    page.click("a[href$='/cong-khai/moi/']")
    page.select_option("#id_item", label=page.locator("#id_item option", has_text="2. Dự toán").inner_text())
    page.fill("#id_title", "Quyết toán ngân sách xã năm trước")
    page.check("input[name=forms_used][value=niem_yet]")
    page.fill("#id_start_date", dt.date.today().strftime("%d/%m/%Y"))
    page.click("form[enctype] button[type=submit]")
    page.wait_for_url("**/dan-chu/cong-khai/**")
    assert int(figure()) == before + 1
    page.screenshot(path=str(screenshot_dir / "report-qcdc-1366.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(screenshot_dir / "report-qcdc-390.png"), full_page=True)
    page.close()
