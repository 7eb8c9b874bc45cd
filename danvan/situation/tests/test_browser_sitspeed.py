"""In Chromium: the province leader acknowledges a hotspot alert from the inbox (Đã nắm thông tin), and attaches
this week's situation digest to a giao ban meeting, downloads its DOCX and takes it off again. Screenshots at
1366 px and 390 px in /tmp/shots-sitspeed."""

import datetime as dt
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

SHOTS = Path("/tmp/shots-sitspeed")
TITLE = "Khiếu kiện đông người về bồi thường đường tỉnh 398"


def _raise_hotspot(browser, server) -> str:
    officer = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    login(officer, server, "xa.yenthe")
    officer.goto(f"{server}/tinh-hinh/diem-nong/moi/")
    officer.fill("#id_title", TITLE)
    officer.fill("#id_place_unit", "yen the")
    officer.wait_for_selector("#id_place_unit-list .dv-picker-option")
    officer.keyboard.press("ArrowDown")
    officer.keyboard.press("Enter")
    officer.fill("#id_people_involved", "60")
    officer.select_option("#id_severity", label="Cao")
    officer.check("text=Đất đai")
    officer.fill("#id_description", "Khoảng 60 hộ dân kéo đến trụ sở xã kiến nghị về giá bồi thường.")
    officer.click("main form button[type=submit]")
    officer.wait_for_load_state()
    code = officer.url.rstrip("/").rsplit("/", 1)[-1]
    assert code.startswith("DN-")
    officer.close()
    return code


def test_the_leader_acknowledges_a_hotspot_from_the_inbox(danvan_server, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    code = _raise_hotspot(browser, danvan_server)
    button = f"#inbox-hotspots form[action$='/diem-nong/{code}/tiep-nhan/'] button"
    for width, height, name in ((1366, 900, "1366"), (390, 844, "390")):
        page = browser.new_page(viewport={"width": width, "height": height}, is_mobile=width < 500)
        login(page, danvan_server, "bn.lanhdao")
        page.goto(f"{danvan_server}/viec-cua-toi/")
        assert page.locator(button).count() == 1
        page.locator(button).scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"inbox-acknowledge-{name}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        if width == 390:
            leader = page
        else:
            page.close()
    leader.click(button)
    leader.wait_for_load_state()
    # Back in the inbox, with the message; the hotspot is no longer waiting.
    assert leader.url.endswith("/viec-cua-toi/")
    assert code in leader.locator(".alert-success, .alert-info").first.inner_text()
    assert leader.locator(button).count() == 0
    leader.goto(f"{danvan_server}/tinh-hinh/diem-nong/{code}/")
    assert "Trần Văn Thịnh" in leader.locator("main").inner_text()
    assert leader.locator(f"form[action$='/diem-nong/{code}/tiep-nhan/']").count() == 0
    leader.screenshot(path=str(SHOTS / "hotspot-acknowledged-390.png"), full_page=True)


def test_the_leader_attaches_this_week_s_digest_to_a_giao_ban(danvan_server, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    login(page, danvan_server, "bn.lanhdao")
    page.goto(f"{danvan_server}/hoi-nghi/")
    page.select_option("#id_kind", "giao_ban")
    page.fill("#id_title", "Giao ban công tác dân vận tuần")
    day = dt.date.today() + dt.timedelta(days=1)
    page.fill("#id_starts_at", f"{day:%d/%m/%Y} 08:00")
    page.fill("#id_ends_at", f"{day:%d/%m/%Y} 10:00")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_load_state()
    assert "/hoi-nghi/" in page.url and page.locator("#situation-digest").count() == 1
    meeting_url = page.url.split("#")[0]

    # Made now for this week (the first week offered) and attached in one step.
    panel = page.locator("#situation-digest")
    panel.locator("#id_meeting_digest_kind").select_option("weekly")
    panel.locator("form:has(#id_meeting_digest_kind) button[type=submit]").click()
    page.wait_for_load_state()
    panel = page.locator("#situation-digest")
    assert panel.locator(".dv-meeting-digest").count() == 1
    digest_code = panel.locator(".dv-meeting-digest a").first.inner_text()
    assert digest_code.startswith("BT-")
    page.screenshot(path=str(SHOTS / "meeting-digest-1366.png"), full_page=True)
    with page.expect_download() as download:
        panel.locator("a[href$='/tai-ve/']").click()
    assert download.value.suggested_filename == f"{digest_code}.docx"

    phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    login(phone, danvan_server, "bn.lanhdao")
    phone.goto(meeting_url)
    phone.locator("#situation-digest").scroll_into_view_if_needed()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=str(SHOTS / "meeting-digest-390.png"), full_page=True)

    # Taken off the agenda: the panel offers it again in the list.
    phone.locator("#situation-digest form[action$='/go/'] button").click()
    phone.wait_for_load_state()
    assert phone.locator("#situation-digest .dv-meeting-digest").count() == 0
    assert phone.locator(f"#id_meeting_digest option[value='{digest_code}']").count() == 1
