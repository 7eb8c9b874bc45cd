"""Browser-test fixtures, loaded for every test by the root conftest: a real danvan started the way
scripts/run.sh starts it (its own SQLite file, the real tree, the demo data), and one Chromium."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium reaches for Google's hosts at every start; this network refuses them.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SCREENSHOTS = ROOT / "var" / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def danvan_server_env(tmp_path_factory):
    """The environment of the server under test: its own var directory and SQLite file."""
    var = tmp_path_factory.mktemp("danvan-browser")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DANVAN_ENV"}}
    env.update({"DANVAN_VAR_DIR": str(var), "DATABASE_URL": f"sqlite:///{var / 'danvan.sqlite3'}"})
    return env


@pytest.fixture(scope="session")
def danvan_manage(danvan_server, danvan_server_env):
    """Run `manage.py shell -c CODE` on the server's database (what a scheduled job does beside the server);
    returns its standard output."""

    def run(code: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
            cwd=ROOT,
            env=danvan_server_env,
            check=True,
            capture_output=True,
            text=True,
        )
        return done.stdout

    return run


@pytest.fixture(scope="session")
def danvan_server(danvan_server_env):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/test.sh installs Debian's chromium (apt-get install chromium).")
    env = danvan_server_env
    for command in (["migrate", "--noinput", "-v0"], ["load_admin_units"], ["build_org_tree"], ["load_demo_data"]):
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


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run: Playwright's sync API allows one instance per process."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def screenshot_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
