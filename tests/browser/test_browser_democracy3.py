"""A community supervision board's yearly plan, in Chromium: a commune officer sets up the board, draws up the plan
in the row editor (two rows, one added with the button), records the first item's result and sees it locked; the
item still open shows in the officer's inbox. Then a central officer opens the national compliance page: a
province column, 100 communes a page, the next page. Screenshots at 1366 and 390 px in /tmp/shots-democracy3/."""

import datetime as dt
import os
from pathlib import Path

import pytest

from tests.browser.test_browser_accessibility import violations
from tests.browser.test_browser_login_search import login
from tests.browser.test_browser_pickers_inbox import choose

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]

SHOTS = Path("/tmp/shots-democracy3")


def shoot(page, name):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=str(SHOTS / f"{name}-1366.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / f"{name}-390.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def test_a_board_plans_its_year_records_a_result_and_the_open_item_reaches_the_inbox(danvan_server, browser):
    SHOTS.mkdir(exist_ok=True)
    today = dt.date.today()
    # Both items fall this year and within the inbox's seven days.
    later = min(today + dt.timedelta(days=2), dt.date(today.year, 12, 31))
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    login(page, danvan_server, "xa.yenthe")
    page.goto(f"{danvan_server}/dan-chu/")
    choose(page, "id_commune-unit", "dang uy xa yen the", "Đảng ủy xã Yên Thế")
    page.click("form:has(#id_commune-unit) button[type=submit]")
    page.wait_for_url("**/dan-chu/co-so/**")
    page.click("a[href$='/ban/moi/']")
    page.select_option("#id_kind", "gsdtcd")
    page.fill("#id_project", "Đường bê tông thôn Đồng Hôm")
    page.fill("#id_term_start", f"01/01/{today.year}")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/dan-chu/ban/**")
    board = page.url

    page.click("a[href$='/ke-hoach/moi/']")
    page.wait_for_url("**/ke-hoach/moi/")
    page.fill("#id_title", f"Kế hoạch giám sát năm {today.year} — đường thôn Đồng Hôm")
    page.fill("input[name=items__content] >> nth=0", "Giám sát khối lượng, chất lượng nền đường")
    page.fill("input[name=items__due_on] >> nth=0", today.strftime("%d/%m/%Y"))
    page.fill("input[name=items__target] >> nth=0", "Nhà thầu thi công")
    page.click("[data-dv-rows-add]")
    page.fill("input[name=items__content] >> nth=1", "Giám sát việc công khai quyết toán công trình")
    page.fill("input[name=items__due_on] >> nth=1", later.strftime("%d/%m/%Y"))
    page.fill("input[name=items__target] >> nth=1", "UBND xã")
    shoot(page, "plan-form")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/ke-hoach-giam-sat/**")
    plan = page.url
    items = page.locator("ol.list-group > li")
    assert items.count() == 2

    first = items.nth(0)
    first.locator("summary").click()
    first.locator("textarea[name=findings]").fill("Nền đường đầm chưa đủ độ chặt ở đoạn 80 m đầu tuyến.")
    first.locator("textarea[name=recommendations]").fill("Đề nghị nhà thầu đầm lại trước khi đổ bê tông.")
    first.locator("button[type=submit]").click()
    page.wait_for_url(f"{plan}#item-*")
    first = page.locator("ol.list-group > li").nth(0)
    assert "Đề nghị nhà thầu đầm lại" in first.inner_text()
    assert first.locator("form").count() == 0  # locked: no more result form
    shoot(page, "plan")

    # The locked item is not offered in the correction editor; only the open one is.
    assert page.locator("input[name=items__content]").count() == 1
    # The board's page lists the plan; its finding waits for the commune's answer.
    page.goto(board)
    assert "1/2" in page.content() or "1 of 2" in page.content()
    assert "Đề nghị nhà thầu đầm lại" in page.content()

    # The open item is due within the week: it waits in the officer's inbox, linked to the item; the recorded one
    # has left it.
    page.goto(f"{danvan_server}/viec-cua-toi/")
    link = page.locator("a", has_text="Giám sát việc công khai quyết toán công trình")
    assert link.count() == 1
    assert page.locator("a", has_text="Giám sát khối lượng, chất lượng nền đường").count() == 0
    shoot(page, "inbox")
    link.click()
    page.wait_for_url(f"{plan}#item-*")
    page.close()


def test_the_national_compliance_page_has_a_province_column_and_pages(danvan_server, browser):
    SHOTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    login(page, danvan_server, "tw.chuyenvien")
    page.goto(f"{danvan_server}/dan-chu/tong-hop/?unit=TW")
    # Seven columns: the province first, then the commune and its figures.
    assert page.locator("table thead th").count() == 7
    provinces = set(page.locator("table tbody tr td:first-child").all_text_contents())
    assert provinces and all(p.strip() for p in provinces)
    assert page.locator("table tbody tr").count() == 100
    assert "1 / " in page.locator(".pagination").inner_text()
    problems = violations(page)
    shoot(page, "national-compliance")
    page.click(".pagination a[aria-label]")
    page.wait_for_url("**page=2**")
    assert "2 / " in page.locator(".pagination").inner_text()
    assert page.locator("table tbody tr").count() == 100
    page.close()
    assert problems == []
