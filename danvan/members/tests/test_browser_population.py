"""Issue 12, population of age: the commune enters its figure as a row, the province imports a file written
without diacritics, the job runs in the real worker, and the statistics show the share of members by sex.
Screenshots at 1366 and 390 px wide."""

import os
import subprocess
import sys

import pytest

from tests.browser.fixtures import ROOT
from tests.browser.test_browser_login_search import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]


@pytest.fixture
def worker(danvan_server, tmp_path_factory):
    """Run the job worker once against the browser test's danvan (its own SQLite file)."""
    databases = sorted(tmp_path_factory.getbasetemp().glob("danvan-browser*/danvan.sqlite3"))
    var = databases[-1].parent
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DANVAN_ENV"}}
    env.update({"DANVAN_VAR_DIR": str(var), "DATABASE_URL": f"sqlite:///{var / 'danvan.sqlite3'}"})

    def run() -> None:
        subprocess.run(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--interval", "0"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )

    return run


FILE = "Tinh,Xa,Nam,Nu,Tong\nbac ninh,xa bo ha,700,710,\nBắc Ninh,Phường Bắc Giang,1.500,1.600,3.100\n"


def test_a_commune_enters_its_population_and_the_province_imports_a_file(
    danvan_server, browser, worker, screenshot_dir
):
    base = danvan_server
    commune = browser.new_page(viewport={"width": 1366, "height": 900})
    login(commune, base, "xa.yenthe")
    commune.goto(f"{base}/hoi-vien/dan-so/")
    # One row, the commune's own, picked already; the total is added up.
    assert commune.locator("#id_rows-0-commune").input_value() == "C7288"
    commune.fill("#id_rows-0-male", "600")
    commune.fill("#id_rows-0-female", "634")
    commune.click("[data-testid=population-form] button.btn-primary[type=submit]")
    commune.wait_for_load_state()
    assert "1.234" in commune.inner_text("main") or "1,234" in commune.inner_text("main")
    commune.screenshot(path=str(screenshot_dir / "population-entry-1366.png"), full_page=True)
    # A total that does not add up is refused, with the row and the column named.
    commune.fill("#id_rows-0-total", "1300")
    commune.fill("#id_rows-0-female", "640")
    commune.click("[data-testid=population-form] button.btn-primary[type=submit]")
    commune.wait_for_load_state()
    assert commune.locator(".invalid-feedback").count() >= 1
    commune.goto(f"{base}/hoi-vien/dan-so/C7288/lich-su/")
    assert "1.234" in commune.inner_text("main") or "1,234" in commune.inner_text("main")
    # Corrected with a reason, then removed: both stay in the commune's history (decision 0041).
    correct = "a[href^='/hoi-vien/dan-so/C7288/'][href$='/sua/']"
    commune.click(correct)
    commune.wait_for_load_state()
    commune.fill("#id_female", "640")
    commune.fill("#id_total", "")
    commune.fill("#id_reason", "Rà soát lại theo danh sách cử tri")
    commune.click("[data-testid=population-correct] button.btn-primary[type=submit]")
    commune.wait_for_url(f"{base}/hoi-vien/dan-so/C7288/lich-su/")
    history = commune.inner_text("main")
    assert "Rà soát lại theo danh sách cử tri" in history and ("1.240" in history or "1,240" in history)
    commune.click(correct)
    commune.wait_for_load_state()
    commune.screenshot(path=str(screenshot_dir / "population-correct-1366.png"), full_page=True)
    commune.fill("#id_remove-reason", "Nhập nhầm năm")
    commune.click("[data-testid=population-delete] button[type=submit]")
    commune.wait_for_url(f"{base}/hoi-vien/dan-so/C7288/lich-su/")
    history = commune.inner_text("main")
    assert "Nhập nhầm năm" in history and commune.locator(correct).count() == 0
    commune.screenshot(path=str(screenshot_dir / "population-history-1366.png"), full_page=True)

    province = browser.new_page(viewport={"width": 1366, "height": 900})
    login(province, base, "bn.chuyenvien")
    province.goto(f"{base}/hoi-vien/dan-so/nhap/")
    province.set_input_files(
        "#id_file", files=[{"name": "dan-so.csv", "mimeType": "text/csv", "buffer": FILE.encode()}]
    )
    province.click("button.btn-primary[type=submit]")
    province.wait_for_url(f"{base}/cong-viec/**")
    worker()
    province.reload()
    assert "Đã nhập dân số" in province.inner_text("main")
    province.screenshot(path=str(screenshot_dir / "population-import-job-1366.png"), full_page=True)
    province.goto(f"{base}/hoi-vien/dan-so/")
    text = province.inner_text("main")
    assert "3.100" in text or "3,100" in text
    assert "1.410" in text or "1,410" in text
    province.goto(f"{base}/hoi-vien/thong-ke/?area=P24")
    assert province.locator("[data-testid=share]").is_visible()
    province.screenshot(path=str(screenshot_dir / "population-statistics-1366.png"), full_page=True)

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    login(phone, base, "xa.yenthe")
    phone.goto(f"{base}/hoi-vien/dan-so/")
    phone.screenshot(path=str(screenshot_dir / "population-entry-390.png"), full_page=True)
    phone.goto(f"{base}/hoi-vien/dan-so/nhap/")
    bad = "Xa,Tong\nTân Thành,100\nYen The,abc\n"
    phone.set_input_files("#id_file", files=[{"name": "sai.csv", "mimeType": "text/csv", "buffer": bad.encode()}])
    phone.click("button.btn-primary[type=submit]")
    phone.wait_for_load_state()
    errors = phone.inner_text("[data-testid=import-errors]")
    assert "Dòng 2, cột Xã" in errors and "Dòng 3, cột Tổng" in errors
    phone.screenshot(path=str(screenshot_dir / "population-import-errors-390.png"), full_page=True)
