"""An officer pastes a real-style article (a source tag before the date, joint organisers, the chair after
"Chủ trì cuộc họp là ông …") and gets a proposal with the date, organiser, level and chair filled, for correction."""

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

SHOTS = Path(os.environ.get("INGEST_SHOTS", "/tmp/shots-ingest"))
ARTICLE = (
    "Sơ kết công tác dân vận 6 tháng đầu năm 2020\n"
    "LSO-Chiều ngày 30/06/2020, Ban Dân vận Huyện ủy phối hợp với Ủy ban MTTQ Việt Nam huyện tổ chức Hội nghị sơ kết "
    "công tác dân vận 6 tháng đầu năm và phương hướng nhiệm vụ 6 tháng cuối năm 2020.\n"
    "Chủ trì cuộc họp là ông Nguyễn Thanh Dũng – Phó Bí thư Huyện ủy, Trưởng Ban Dân vận Huyện ủy."
)


@pytest.mark.parametrize("width", [1366, 390])
def test_a_pasted_article_is_read_into_a_proposal_to_correct(danvan_server, browser, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900})
    login(page, danvan_server, "bn.chuyenvien")
    page.goto(f"{danvan_server}/doc-van-ban/")
    page.fill("textarea[name=text]", ARTICLE)
    page.click("main button[type=submit]")
    page.wait_for_selector("input[name=organizer]")
    assert page.input_value("input[name=organizer]") == "Ban Dân vận Huyện ủy phối hợp với Ủy ban MTTQ Việt Nam huyện"
    assert page.input_value("input[name=event_date]") in ("30/06/2020", "2020-06-30")
    assert "Nguyễn Thanh Dũng" in page.content()
    page.screenshot(path=str(SHOTS / f"ingest-proposal-{width}.png"), full_page=True)
