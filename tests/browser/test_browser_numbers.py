"""Figures on the report entry page are shown with Vietnamese separators (issue 14, finding 10): a commune officer
types 1234567, leaves the field and sees 1.234.567; saved, the page shows the same."""

import os

import pytest

from tests.browser.test_browser_login_search import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]


def test_a_typed_figure_gets_its_thousands_separators_and_keeps_them_when_saved(danvan_server, browser):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    login(page, danvan_server, "xa.yenthe")
    page.goto(f"{danvan_server}/bao-cao/")
    entry = page.locator("a[href*='/bao-cao/nhap/'][href*='C7288-KDV']").first.get_attribute("href")
    page.goto(f"{danvan_server}{entry}")
    field = page.locator("input[data-dv-number]").first
    name = field.get_attribute("name")
    field.fill("1234567")
    field.press("Tab")
    assert field.input_value() == "1.234.567"
    page.click("button[name='save']")
    page.goto(f"{danvan_server}{entry}")
    assert page.input_value(f"input[name='{name}']") == "1.234.567"
