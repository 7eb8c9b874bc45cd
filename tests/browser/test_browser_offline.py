"""A commune officer on a phone with no connection: the report entry page opens from the device, the figures are
kept there, and they are sent when the connection comes back (issue 15: offline entry). In Chromium, with the
network cut by the browser."""

import os
import re
import time

import pytest

from tests.browser.test_browser_login_search import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]


def until(page, expression: str, timeout: float = 20.0):
    """Wait for `expression` to be true, evaluated over DevTools (the page's CSP forbids wait_for_function's eval)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {timeout} s: {expression}"
        time.sleep(0.2)


def test_a_report_entered_offline_is_sent_when_the_connection_returns(danvan_server, browser, screenshot_dir):
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    login(page, danvan_server, "xa.yenthe")
    page.goto(f"{danvan_server}/bao-cao/")
    entry = page.locator("a[href*='/bao-cao/nhap/'][href*='C7288-KDV']").first.get_attribute("href")
    page.goto(f"{danvan_server}{entry}")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now through the service worker, which keeps a copy
    until(page, "navigator.serviceWorker.controller !== null")
    field = page.locator("form[data-dv-offline] input[name^='v_']:not([readonly]):not([disabled])").first
    name = field.get_attribute("name")

    page.context.set_offline(True)
    page.reload()
    assert page.locator("form[data-dv-offline]").is_visible()
    page.fill(f"input[name='{name}']", "17")
    page.click("form[data-dv-offline] button[name='save']")
    status = page.locator("#dv-offline-status")
    status.wait_for()
    assert "sẽ tự gửi khi có mạng" in status.inner_text()
    page.screenshot(path=str(screenshot_dir / "offline-entry-phone.png"), full_page=True)

    page.context.set_offline(False)
    until(page, "document.getElementById('dv-offline-status').textContent.indexOf('Đã gửi 1') >= 0")
    page.goto(f"{danvan_server}{entry}")
    assert re.sub(r"\D", "", page.input_value(f"input[name='{name}']")) == "17"
    assert page.evaluate("JSON.parse(localStorage.getItem('danvan-outbox') || '[]').length") == 0
