"""The projector view updates its standings in place (htmx polling) when a judge saves a score — in Chromium.

Same set-up as tests/browser: a real danvan on its own SQLite file, started as scripts/run.sh starts it, plus the
demo contest; skipped in the PostgreSQL pass.
"""

import os
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CHROMIUM, ROOT, _free_port, browser  # noqa: F401  (browser is a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]


@pytest.fixture(scope="module")
def contest_server(tmp_path_factory):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: scripts/test.sh installs Debian's chromium (apt-get install chromium).")
    var = tmp_path_factory.mktemp("danvan-contests-browser")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DANVAN_ENV"}}
    env.update({"DANVAN_VAR_DIR": str(var), "DATABASE_URL": f"sqlite:///{var / 'danvan.sqlite3'}"})
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_admin_units"],
        ["build_org_tree"],
        ["load_demo_data"],
        ["shell", "-c", "from danvan.contests.demo import demo_contests_load; demo_contests_load()"],
    ):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("danvan did not start for the browser test")
            time.sleep(0.3)
    yield base
    server.terminate()
    server.wait(timeout=10)


def test_the_projector_shows_a_new_score_without_reloading(contest_server, browser):  # noqa: F811
    base = contest_server
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
