"""The projector view updates its standings in place (htmx polling) when a judge saves a score — in Chromium.

The shared browser server (tests/browser/fixtures.py): a real danvan on its own SQLite file with the demo data,
which includes the demo contest; skipped in the PostgreSQL pass.
"""

import os

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]


def test_the_projector_shows_a_new_score_without_reloading(danvan_server, browser):
    base = danvan_server
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    csp_errors = []
    projector = context.new_page()
    projector.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    projector.goto(f"{base}/dang-nhap/")
    projector.fill("input[name=username]", "xa.yenthe")
    projector.fill("input[name=password]", "DanVan@2026")
    projector.click("button[type=submit]")
    projector.wait_for_url(f"{base}/")

    projector.goto(f"{base}/hoi-thi/HT-2026-000001/trinh-chieu/")
    first_row = projector.locator("#projector-standings tbody tr").first
    assert "Đội Hội Liên hiệp Phụ nữ" in first_row.inner_text()
    # A marker on the window: a page reload would lose it.
    projector.evaluate("window.dvMarker = 'still-here'")

    judge = context.new_page()
    judge.goto(f"{base}/hoi-thi/HT-2026-000001/cham-diem/1/")
    card = judge.locator(".card", has_text="Đội Đoàn Thanh niên")
    card.locator("input[name^=part_]").nth(3).fill("20")  # Tiểu phẩm: 53,83 + 20 puts the team first
    card.locator("button[type=submit]").click()
    judge.wait_for_load_state()

    # htmx polls every 5 s and swaps the table in place.
    expect(projector.locator("#projector-standings tbody tr").first).to_contain_text(
        "Đội Đoàn Thanh niên", timeout=15_000
    )
    assert "73,83" in projector.locator("#projector-standings tbody tr").first.inner_text()
    assert projector.evaluate("window.dvMarker") == "still-here"
    assert csp_errors == []
    context.close()
