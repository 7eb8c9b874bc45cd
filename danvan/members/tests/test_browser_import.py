"""Done means (issue 12): the Hội Nông dân of a commune imports its list; the Women's Union imports theirs with a
person in common, which danvan proposes as one person and the officer confirms; the commune sees its members
counted once. In Chromium, against a real danvan with its real job worker."""

import os
import subprocess
import sys

import pytest

from tests.browser.fixtures import ROOT
from tests.browser.test_browser_login_search import login

from .test_members_import import FARMERS, WOMEN

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]


@pytest.fixture
def manage(danvan_server, tmp_path_factory):
    """Run a manage.py command against the browser test's danvan (its own SQLite file)."""
    databases = sorted(tmp_path_factory.getbasetemp().glob("danvan-browser*/danvan.sqlite3"))
    assert databases, "the browser test's danvan has no database"
    var = databases[-1].parent
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DANVAN_ENV"}}
    env.update({"DANVAN_VAR_DIR": str(var), "DATABASE_URL": f"sqlite:///{var / 'danvan.sqlite3'}"})

    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        )
        return done.stdout

    return run


def choose(page, field_id, typed, expected):
    page.fill(f"#{field_id}", typed)
    option = page.locator(f"#{field_id}-list .dv-picker-option", has_text=expected).first
    option.wait_for()
    option.click()


def open_branch(page, base, organisation, owner_typed, owner_name, name):
    page.goto(f"{base}/hoi-vien/chi-hoi/moi/")
    page.select_option("#id_organisation", label=organisation)
    choose(page, "id_owner", owner_typed, owner_name)
    page.fill("#id_name", name)
    page.click("button.btn-primary[type=submit]")
    page.wait_for_url(f"{base}/hoi-vien/chi-hoi/CH-*/")
    return page.url


def upload(page, branch_url, name, text):
    page.goto(branch_url + "nhap/")
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}])
    page.click("button.btn-primary[type=submit]")
    page.wait_for_load_state()


def _number(page, testid: str) -> int:
    return int(page.inner_text(f"[data-testid={testid}]").replace(".", "").replace(",", "") or 0)


def test_two_organisations_import_their_lists_and_the_commune_sees_members_counted_once(
    danvan_server, browser, manage, screenshot_dir
):
    base = danvan_server
    # The demo data has members in Yên Thế already (members/demo.py, with the persona hpn.yenthe): the counts
    # below are read before and after, and the branches opened here have names the demo does not use.
    commune = browser.new_page(viewport={"width": 1366, "height": 900})
    login(commune, base, "xa.yenthe")
    commune.goto(f"{base}/hoi-vien/thong-ke/?area=C7288")
    before = {k: _number(commune, k) for k in ("any", "multi", "memberships")}
    farmers = browser.new_page(viewport={"width": 1366, "height": 900})
    login(farmers, base, "hnd.yenthe")
    branch = open_branch(
        farmers, base, "Hội Nông dân", "hoi nong dan yen the", "Hội Nông dân xã Yên Thế", "Chi hội thôn Cầu Đá"
    )
    upload(farmers, branch, "hoi-nong-dan.csv", FARMERS)
    assert "/cong-viec/" in farmers.url
    manage("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    farmers.goto(branch)
    assert "Trần Văn Nam" in farmers.content() and "Nguyễn Thị Lan" in farmers.content()

    women = browser.new_page(viewport={"width": 1366, "height": 900})
    login(women, base, "hpn.yenthe")
    branch = open_branch(
        women, base, "Hội Phụ nữ", "phu nu yen the", "Hội Liên hiệp Phụ nữ xã Yên Thế", "Chi hội thôn Cầu Đá"
    )
    upload(women, branch, "hoi-phu-nu.csv", WOMEN)
    # Lan has no CCCD in either list: danvan proposes her as the person the Farmers' Union already has.
    assert "NGUYEN THI LAN" in women.content() and "Hội Nông dân" in women.content()
    assert women.is_checked("#same_2")
    women.screenshot(path=str(screenshot_dir / "members-confirm.png"), full_page=True)
    women.click("button.btn-primary[type=submit]")
    women.wait_for_url(f"{base}/cong-viec/**")
    manage("db_worker", "--batch", "--no-startup-delay", "--interval", "0")

    commune.goto(f"{base}/hoi-vien/thong-ke/?area=C7288")
    # Three people, one of them in both Hội: three more people, one more in several, four more memberships.
    assert _number(commune, "any") == before["any"] + 3
    assert _number(commune, "multi") == before["multi"] + 1
    assert _number(commune, "memberships") == before["memberships"] + 4
    commune.screenshot(path=str(screenshot_dir / "members-statistics.png"), full_page=True)
    # The commune's Party committee sees counts, not the lists.
    assert commune.goto(branch).status == 404
    assert "All " in manage("members_recount")
