"""A commune officer reports a land-dispute hotspot, choosing the place by name; the province leader finds it in
the inbox and acknowledges it. In Chromium."""

import os

import pytest

from tests.browser.test_browser_login_search import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]


def test_a_hotspot_reaches_the_province_leader_who_acknowledges_it(danvan_server, browser, screenshot_dir):
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    login(page, danvan_server, "xa.yenthe")
    page.goto(f"{danvan_server}/tinh-hinh/diem-nong/moi/")
    page.fill("#id_title", "Tranh chấp đất đai thôn Đồng Tâm")
    page.fill("#id_place_unit", "yen the")
    page.wait_for_selector("#id_place_unit-list .dv-picker-option")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.input_value("#id_place_unit")
    page.fill("#id_place_text", "Khu ruộng thôn Đồng Tâm")
    page.fill("#id_people_involved", "40")
    page.select_option("#id_severity", label="Cao")
    page.check("text=Đất đai")
    page.fill("#id_description", "Khoảng 40 hộ dân phản đối việc đo đạc lại ranh giới.")
    page.screenshot(path=str(screenshot_dir / "hotspot-new-phone.png"), full_page=True)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "/tinh-hinh/diem-nong/DN-" in page.url
    code = page.url.rstrip("/").rsplit("/", 1)[-1]
    assert "Tranh chấp đất đai thôn Đồng Tâm" in page.content()

    leader = browser.new_page(viewport={"width": 1366, "height": 900})
    login(leader, danvan_server, "bn.lanhdao")
    leader.goto(f"{danvan_server}/viec-cua-toi/")
    assert code in leader.locator("#inbox-hotspots").inner_text()
    leader.click(f"#inbox-hotspots a[href$='/diem-nong/{code}/']")
    leader.wait_for_load_state()
    leader.click(f"form[action$='/diem-nong/{code}/tiep-nhan/'] button[type=submit]")
    leader.wait_for_load_state()
    assert leader.locator(f"form[action$='/diem-nong/{code}/tiep-nhan/']").count() == 0
    leader.screenshot(path=str(screenshot_dir / "hotspot-acknowledged.png"), full_page=True)
