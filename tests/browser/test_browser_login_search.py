"""A provincial officer logs in, finds a unit without typing diacritics, and opens it — in Chromium."""

import os

import pytest

pytestmark = [
    pytest.mark.browser,
    # The server under test has its own SQLite file; running it again in the PostgreSQL pass adds nothing.
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]


def login(page, base, username):
    page.goto(f"{base}/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "DanVan@2026")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_an_officer_logs_in_searches_without_diacritics_and_opens_the_unit(danvan_server, browser, screenshot_dir):
    csp_errors = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("console", lambda msg: csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None)

    login(page, danvan_server, "bn.chuyenvien")
    assert "Lê Thị Mai" in page.content()
    assert "Xin chào" in page.content()  # Vietnamese, although Chromium asks for English
    page.screenshot(path=str(screenshot_dir / "home.png"), full_page=True)

    page.goto(f"{danvan_server}/don-vi/tim-kiem/")
    page.fill("#unit-search", "dan van bac giang")
    # htmx replaces the results as the officer types; no page reload.
    page.wait_for_selector("#search-results a.list-group-item")
    first = page.locator("#search-results a.list-group-item").first
    assert "Ban Tuyên giáo và Dân vận Thành ủy Bắc Ninh" in first.inner_text()
    page.screenshot(path=str(screenshot_dir / "search.png"), full_page=True)

    first.click()
    page.wait_for_url(f"{danvan_server}/don-vi/P24-TGDV/")
    assert page.locator("h1").inner_text() == "Ban Tuyên giáo và Dân vận Thành ủy Bắc Ninh"
    assert "Lê Thị Mai" in page.content()  # her position is in this board
    page.screenshot(path=str(screenshot_dir / "unit.png"), full_page=True)
    assert csp_errors == []


def test_the_tree_expands_in_place_and_works_on_a_phone(danvan_server, browser, screenshot_dir):
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    login(page, danvan_server, "xa.yenthe")
    page.goto(f"{danvan_server}/don-vi/")
    page.click("button[hx-get='/don-vi/C7288-DU/truc-thuoc/']")
    page.wait_for_selector("#children-C7288-DU li")
    assert "Khối dân vận xã Yên Thế" in page.inner_text("#children-C7288-DU")
    # Nothing overflows sideways on a 390 px screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(screenshot_dir / "tree-phone.png"), full_page=True)


def test_another_provinces_unit_is_not_found(danvan_server, browser):
    page = browser.new_page()
    login(page, danvan_server, "ag.chuyenvien")
    response = page.goto(f"{danvan_server}/don-vi/P24-TGDV/")
    assert response.status == 404
