"""The register of a year in Chromium (decision 0052): a commune officer opens the outgoing register of the year as a
page, asks for the copy to print, which the real job worker makes, and downloads the PDF from the job's page."""

import os
import subprocess
import sys

import pytest

from danvan.documents.tests.test_browser_generated import submit
from tests.browser.fixtures import ROOT
from tests.browser.test_browser_login_search import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]


def _worker_once(tmp_path_factory):
    databases = sorted(tmp_path_factory.getbasetemp().glob("danvan-browser*/danvan.sqlite3"))
    assert databases, "the browser test's danvan has no database"
    var = databases[-1].parent
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DANVAN_ENV"}}
    env.update({"DANVAN_VAR_DIR": str(var), "DATABASE_URL": f"sqlite:///{var / 'danvan.sqlite3'}"})
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--interval", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )


def test_the_register_of_a_year_is_a_page_and_its_print_is_made_by_the_worker(danvan_server, browser, tmp_path_factory):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    login(page, danvan_server, "xa.yenthe")
    page.goto(f"{danvan_server}/van-ban/")
    page.click("a[href*='/van-ban/so/di/']")
    page.wait_for_url(f"{danvan_server}/van-ban/so/di/**")
    assert page.locator("main table").count() == 1 and page.locator("a[href*='/van-ban/so/di.xlsx']").count() == 1
    submit(page, "form[action$='/so/di/in/']")
    page.wait_for_url(f"{danvan_server}/cong-viec/**")
    _worker_once(tmp_path_factory)
    page.reload()
    download = page.locator("a[href$='/tai-ve/']")
    assert download.count() == 1, page.inner_text("#job-status")
    response = page.request.get(danvan_server + download.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")
