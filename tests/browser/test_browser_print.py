"""Every staff page prints as its content: the print stylesheet hides the navigation, buttons and filters and keeps
the tables. In Chromium, printed to a PDF."""

import os

import pytest

from tests.browser.test_browser_login_search import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]


@pytest.mark.parametrize("path", ["/", "/don-thu/", "/hoi-nghi/"])
def test_a_page_prints_without_navigation_or_buttons(danvan_server, browser, screenshot_dir, path):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    login(page, danvan_server, "bn.chuyenvien")
    page.goto(f"{danvan_server}{path}")
    assert page.locator(".dv-navbar").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".dv-navbar").is_visible()
    assert not page.locator("main .btn:visible").count()
    # A list page's side form (schedule a meeting, open a commune) is for the screen: the paper shows the list.
    assert not page.locator("main input:not([type=hidden]):visible, main select:visible, main textarea:visible").count()
    assert page.locator("main h1").first.is_visible()
    assert "Times New Roman" in page.evaluate("getComputedStyle(document.body).fontFamily")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 2000
    (screenshot_dir / f"print-{path.strip('/').replace('/', '-') or 'home'}.pdf").write_bytes(pdf)
