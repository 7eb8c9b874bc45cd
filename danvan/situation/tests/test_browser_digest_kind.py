"""'Make a digest now': a weekly digest takes a week, a monthly one a month; the picker that does not apply is off
and says why, and switches as the kind changes (static/js/situation.js; decision 0054). Chromium at 1366 and
390 px; screenshots in /tmp/shots-sitphone."""

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
SIZES = (
    ("1366", {"viewport": {"width": 1366, "height": 900}}),
    ("390", {"viewport": {"width": 390, "height": 844}, "is_mobile": True}),
)


def _applies(page, picker):
    return page.locator(f"#id_{picker}").is_enabled() and page.locator(f"#id_{picker}-help").is_hidden()


def _off(page, picker):
    return page.locator(f"#id_{picker}").is_disabled() and page.locator(f"#id_{picker}-help").is_visible()


def test_the_kind_chosen_switches_the_week_and_month_pickers(danvan_server, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, options in SIZES:
        page = browser.new_page(**options)
        login(page, danvan_server, "bn.lanhdao")
        page.goto(f"{danvan_server}/tinh-hinh/ban-tin/")
        assert page.evaluate("document.documentElement.scrollWidth") <= options["viewport"]["width"]
        assert _applies(page, "week") and _off(page, "month")
        page.locator("#id_kind").scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"digest-make-weekly-{name}.png"), full_page=True)
        page.select_option("#id_kind", "monthly")
        assert _applies(page, "month") and _off(page, "week")
        page.screenshot(path=str(SHOTS / f"digest-make-monthly-{name}.png"), full_page=True)
        if name == "390":
            # Made for the month chosen; the week is not sent, so nothing is said about it.
            month = page.locator("#id_month option").nth(1).get_attribute("value")
            page.select_option("#id_month", month)
            page.click("form:has(#id_kind) button[type=submit]")
            page.wait_for_load_state()
            assert "/tinh-hinh/ban-tin/BT-" in page.url
            body = page.locator("main").inner_text()
            assert "không áp dụng" not in body and "not applied" not in body
            year, mon = month.split("-")
            assert f"{mon}/{year}" in body
            # Back to weekly: the week applies again.
            page.goto(f"{danvan_server}/tinh-hinh/ban-tin/")
            page.select_option("#id_kind", "monthly")
            page.select_option("#id_kind", "weekly")
            assert _applies(page, "week") and _off(page, "month")
        page.close()
