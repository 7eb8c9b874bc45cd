"""The map and the digest pages on a phone (390 px) and a desktop (1366 px), in Chromium: on a phone the map keeps
its tiles readable and scrolls sideways inside its own box (never the page), the list comes below it, and the
digest's tables read as stacked cards. Screenshots in /tmp/shots-sitphone (decision 0054)."""

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

SHOTS = Path("/tmp/shots-sitphone")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}


def _no_sideways_page_scroll(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _box(page, selector):
    return page.locator(selector).first.bounding_box()


def test_the_map_on_a_phone_scrolls_in_its_box_with_the_list_below(danvan_server, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, options in (("1366", DESKTOP), ("390", PHONE)):
        page = browser.new_page(**options)
        login(page, danvan_server, "tw.chuyenvien")
        width = options["viewport"]["width"]
        for area, query in (("national", ""), ("province", "?province=P24")):
            page.goto(f"{danvan_server}/tinh-hinh/ban-do/{query}")
            _no_sideways_page_scroll(page, width)
            tile = _box(page, "[data-testid=situation-map] svg rect")
            # A tile is drawn at 42 px: on a phone it is not shrunk below a finger's width to fit the screen.
            assert tile["width"] >= 40
            map_box, list_box = _box(page, "[data-testid=situation-map]"), _box(page, "[data-testid=map-list]")
            assert map_box["width"] <= width
            if width == 390:
                # The list below the map, each area on two lines: its name, then its figures named.
                assert list_box["y"] >= map_box["y"] + map_box["height"] - 1
                assert page.locator("[data-testid=map-list] thead").is_hidden()
                card = page.locator("[data-testid=map-list] tbody tr").first
                assert (
                    card.locator("td[data-label]").count() == 3
                    and card.evaluate("r => getComputedStyle(r).display") == "flex"
                )
            else:
                # Side by side on a desktop.
                assert list_box["x"] > map_box["x"] + map_box["width"] - 1
            page.screenshot(path=str(SHOTS / f"map-{area}-{name}.png"), full_page=True)
        if width == 390:
            # The commune grid is wider than a phone: its box scrolls sideways, the page does not.
            scroller = page.locator("[data-testid=situation-map]")
            assert scroller.evaluate("e => e.scrollWidth > e.clientWidth")
            scroller.evaluate("e => e.scrollLeft = e.scrollWidth")
            assert scroller.evaluate("e => e.scrollLeft") > 0
            _no_sideways_page_scroll(page, width)
        page.close()


def test_the_digest_on_a_phone_reads_as_cards(danvan_server, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, options in (("1366", DESKTOP), ("390", PHONE)):
        page = browser.new_page(**options)
        login(page, danvan_server, "bn.lanhdao")
        width = options["viewport"]["width"]
        page.goto(f"{danvan_server}/tinh-hinh/ban-tin/")
        _no_sideways_page_scroll(page, width)
        page.screenshot(path=str(SHOTS / f"digest-list-{name}.png"), full_page=True)
        page.locator("main a[href*='/tinh-hinh/ban-tin/BT-']").first.click()
        page.wait_for_load_state()
        assert "/tinh-hinh/ban-tin/BT-" in page.url
        _no_sideways_page_scroll(page, width)
        tables = page.locator("main table")
        assert tables.count() >= 3
        for i in range(tables.count()):
            table = tables.nth(i)
            if width == 390:
                assert table.locator("thead").is_hidden()
                # No table wider than the screen hidden in a sideways scroller.
                assert table.evaluate("t => t.scrollWidth") <= width
            else:
                assert table.locator("thead").is_visible()
        if width == 390:
            # The download button is reachable without scrolling sideways.
            button = _box(page, "main a[href$='/tai-ve/']")
            assert button["x"] >= 0 and button["x"] + button["width"] <= width
        page.screenshot(path=str(SHOTS / f"digest-{name}.png"), full_page=True)
        page.close()


def test_choosing_a_round_switches_the_month_off(danvan_server, browser):
    """'Did not report': a special round is its own period, so the month picker goes off when one is chosen and
    comes back with "monthly report" (decision 0054)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(**PHONE)
    login(page, danvan_server, "bn.lanhdao")
    page.goto(f"{danvan_server}/tinh-hinh/chua-bao-cao/")
    assert page.locator("#coverage-month").is_enabled() and page.locator("#coverage-month-help").is_hidden()
    election = page.locator("#coverage-round option", has_text="bầu cử").first.get_attribute("value")
    page.select_option("#coverage-round", election)
    assert page.locator("#coverage-month").is_disabled() and page.locator("#coverage-month-help").is_visible()
    page.click("#coverage-form button[type=submit]")
    page.wait_for_load_state()
    assert "round=" in page.url and "month=" not in page.url
    assert page.locator("#coverage-month").is_disabled()
    assert page.locator("[data-testid=coverage-notice]").count() == 0
    _no_sideways_page_scroll(page, 390)
    page.screenshot(path=str(SHOTS / "round-390.png"), full_page=True)
    page.select_option("#coverage-round", "")
    assert page.locator("#coverage-month").is_enabled() and page.locator("#coverage-month-help").is_hidden()
    page.close()
