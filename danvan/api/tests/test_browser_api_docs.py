"""In Chromium: an officer opens the API docs, Swagger UI starts under the CSP and calls the API with the session."""

import os

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]


def test_the_docs_page_renders_every_operation_and_tries_one(danvan_server, browser, screenshot_dir):
    blocked = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on(
        "console",
        lambda msg: (
            blocked.append(msg.text) if "Content Security Policy" in msg.text and "script" in msg.text else None
        ),
    )
    page.goto(f"{danvan_server}/dang-nhap/")
    page.fill("input[name=username]", "bn.chuyenvien")
    page.fill("input[name=password]", "DanVan@2026")
    page.click("button[type=submit]")
    page.wait_for_url(f"{danvan_server}/")

    page.goto(f"{danvan_server}/api/v1/docs")
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/petitions" in paths and "/api/v1/reports/rollup" in paths
    assert len(paths) >= 20

    # "Try it out" on the unit search runs with the logged-in session.
    block = page.locator("#operations-units-danvan_api_endpoints_units_units_search")
    block.locator(".opblock-summary").click()
    block.locator("button.try-out__btn").click()
    block.locator("input[placeholder='q']").fill("dan van bac giang")
    block.locator("button.execute").click()
    status = block.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip().startswith("200")
    assert "P24-TGDV" in block.locator(".live-responses-table").inner_text()
    page.screenshot(path=str(screenshot_dir / "api-docs.png"), full_page=False)
    assert blocked == []
