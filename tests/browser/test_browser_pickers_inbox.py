"""An officer assigns a task by choosing units by name, never typing a code; the commune sees it in its inbox;
row editors add rows on a phone. In Chromium."""

import datetime as dt
import os

import pytest

from tests.browser.test_browser_login_search import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]


def choose(page, field_id, typed, expected):
    page.fill(f"#{field_id}", typed)
    option = page.locator(f'#{field_id}-list .dv-picker-option[data-name="{expected}"]').first
    option.wait_for()
    option.click()
    assert page.input_value(f"#{field_id}") == expected


def test_a_task_is_assigned_by_choosing_units_and_reaches_the_communes_inbox(danvan_server, browser, screenshot_dir):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    login(page, danvan_server, "bn.chuyenvien")
    page.goto(f"{danvan_server}/nhiem-vu/giao/")
    choose(page, "id_assigned_by", "thanh uy bac ninh", "Thành ủy Bắc Ninh")
    choose(page, "id_assignee", "khoi dan van yen the", "Khối dân vận xã Yên Thế")
    # Several coordinating units, each chosen by name (keyboard this time).
    page.fill("#id_coordinating", "mttq yen the")
    page.wait_for_selector("#id_coordinating-list .dv-picker-option")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.locator("[data-dv-picker] .dv-picker-chip").count() == 1
    page.fill("#id_title", "Rà soát mô hình “Dân vận khéo” của xã")
    page.fill("#id_deadline", dt.date.today().strftime("%d/%m/%Y"))
    page.screenshot(path=str(screenshot_dir / "task-picker.png"), full_page=True)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "Rà soát mô hình" in page.content()
    assert "Khối dân vận xã Yên Thế" in page.content()

    commune = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    login(commune, danvan_server, "xa.yenthe")
    tasks = commune.locator("#inbox-tasks")
    assert "Rà soát mô hình" in tasks.inner_text()
    assert commune.evaluate("document.documentElement.scrollWidth") <= 390
    commune.screenshot(path=str(screenshot_dir / "inbox-phone.png"), full_page=True)


def test_row_editors_add_and_remove_rows_on_a_phone(danvan_server, browser, screenshot_dir):
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    login(page, danvan_server, "bn.chuyenvien")
    page.goto(f"{danvan_server}/hoi-nghi/")
    editor = page.locator("#id_chairs")
    editor.locator("[data-dv-rows-add]").click()
    assert editor.locator("tbody tr").count() == 2
    editor.locator("tbody tr").nth(1).locator("input").first.fill("Nguyễn Văn A")
    editor.locator("tbody tr").nth(0).locator("[data-dv-rows-remove]").click()
    assert editor.locator("tbody tr").count() == 1
    assert editor.locator("tbody tr input").first.input_value() == "Nguyễn Văn A"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(screenshot_dir / "rows-phone.png"), full_page=True)
