"""The provincial Front records a supervision with two recommendations to a commune's UBND, choosing the body by
name; the commune answers one from its inbox on a phone; the follow-up list shows the other as overdue. In
Chromium."""

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from tests.browser.test_browser_login_search import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]

SHOTS = Path("/tmp/shots-oversight")


def _shot(page, screenshot_dir, name):
    path = screenshot_dir / name
    page.screenshot(path=str(path), full_page=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SHOTS / name)


def _pick(page, selector, words, name):
    page.fill(selector, words)
    # Communes of the old huyện Yên Thế match "yen the" too (old names are searchable): take the one named.
    page.locator(f"{selector}-list .dv-picker-option", has_text=name).first.click()


def test_the_front_supervises_a_commune_which_answers_one_recommendation(danvan_server, browser, screenshot_dir):
    today = dt.date.today()
    front = browser.new_page(viewport={"width": 1366, "height": 900})
    login(front, danvan_server, "mttq.bacninh")
    front.goto(f"{danvan_server}/giam-sat/cuoc/moi/")
    front.select_option("#id_subject_kind", "project")
    front.fill("#id_subject", "Dự án nâng cấp đường liên xã Yên Thế")
    front.select_option("#id_method", "delegation")
    _pick(front, "#id_supervised_unit", "ubnd yen the", "UBND xã Yên Thế")
    front.fill("#id_start_date", f"{today - dt.timedelta(days=60):%d/%m/%Y}")
    front.fill("#id_findings", "Chậm tiến độ 3 tháng; 4 hộ chưa nhận bồi thường.")
    _shot(front, screenshot_dir, "oversight-supervision-new-1366.png")
    front.click("main form button[type=submit]")
    front.wait_for_url("**/giam-sat/cuoc/GS-*/")
    for text, late in (("Chi trả bồi thường cho 4 hộ.", 20), ("Công khai tiến độ dự án tại các thôn.", 10)):
        assert front.input_value("#recommendation-form input[name=responsible_unit]") == "C7288-UBND"
        front.fill("#id_content", text)
        front.fill("#id_deadline", f"{today - dt.timedelta(days=late):%d/%m/%Y}")
        front.click("#recommendation-form button[type=submit]")
        front.wait_for_load_state()
    links = front.locator("#recommendations + .table-responsive a[href*='/kien-nghi/']")
    assert links.count() == 2
    codes = [links.nth(i).inner_text() for i in range(2)]
    _shot(front, screenshot_dir, "oversight-supervision-detail-1366.png")

    commune = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    login(commune, danvan_server, "xa.yenthe")
    commune.goto(f"{danvan_server}/viec-cua-toi/")
    section = commune.locator("#inbox-recommendations")
    assert codes[0] in section.inner_text() and codes[1] in section.inner_text()
    commune.click(f"#inbox-recommendations a[href$='/kien-nghi/{codes[0]}/']")
    commune.wait_for_load_state()
    commune.fill("#id_answer", "UBND xã đã chi trả đủ cho 4 hộ.")
    assert commune.input_value("#answer-form input[name=answered_by]") == "C7288-UBND"
    commune.select_option("#id_implementation", "done")
    _shot(commune, screenshot_dir, "oversight-answer-390.png")
    commune.click("#answer-form button[type=submit]")
    commune.wait_for_load_state()
    assert "UBND xã đã chi trả đủ cho 4 hộ." in commune.content()

    front.goto(f"{danvan_server}/giam-sat/theo-doi/")
    table = front.locator("#followup").inner_text()
    assert codes[1] in table and codes[0] not in table
    row = front.locator(f"#followup tr:has(a[href$='/kien-nghi/{codes[1]}/'])").inner_text()
    assert "Quá hạn 10 ngày" in row
    _shot(front, screenshot_dir, "oversight-followup-1366.png")
    front.set_viewport_size({"width": 390, "height": 844})
    _shot(front, screenshot_dir, "oversight-followup-390.png")
