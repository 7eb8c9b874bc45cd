"""WCAG 2.2 AA on the staff pages, checked by axe-core in Chromium, for a provincial officer on a desktop and a
commune officer on a phone, and on the login page. axe-core is vendored under tests/browser/vendor (MPL-2.0)."""

import json
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

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = [
    "/",
    "/viec-cua-toi/",
    "/don-vi/",
    "/bao-cao/",
    "/hoi-nghi/",
    "/nhiem-vu/",
    "/nhiem-vu/giao/",
    "/don-thu/",
    "/dan-van-kheo/",
    "/phong-trao/",
    "/doc-van-ban/",
    "/mat-khau/",
]


def violations(page) -> list[str]:
    # Evaluated through the DevTools protocol, so the page's Content-Security-Policy stays as it is.
    page.evaluate(AXE)
    result = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations",
        TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(json.dumps(node["target"]) for node in v["nodes"][:3])
        for v in result
    ]


def test_the_login_page_meets_wcag_aa(danvan_server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    page.goto(f"{danvan_server}/dang-nhap/")
    assert violations(page) == []


@pytest.mark.parametrize(
    ("username", "viewport"),
    [("bn.chuyenvien", {"width": 1366, "height": 900}), ("xa.yenthe", {"width": 390, "height": 844})],
)
def test_the_staff_pages_meet_wcag_aa(danvan_server, browser, username, viewport):
    page = browser.new_page(viewport=viewport, is_mobile=viewport["width"] < 500)
    login(page, danvan_server, username)
    found = {}
    for path in PAGES:
        response = page.goto(f"{danvan_server}{path}")
        assert response.status == 200, path
        problems = violations(page)
        if problems:
            found[path] = problems
    assert found == {}
