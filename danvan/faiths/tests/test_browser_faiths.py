"""The commune registers a pagoda and a church with their dignitaries, and the Ban (khối dân vận) plans visits for
Phật đản and Christmas: they show on the calendar. In Chromium, on a desktop and on a phone."""

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

SHOTS = Path(os.environ.get("FAITHS_SHOTS", "/tmp/shots-faiths"))


def _register(page, base, *, religion, kind, name, address, dignitaries, followers, shot=None):
    page.goto(f"{base}/dan-toc-ton-giao/co-so/moi/")
    page.select_option("#id_religion", label=religion)
    page.select_option("#id_kind", value=kind)
    page.fill("#id_name", name)
    page.fill("#id_address", address)
    for i, (full_name, position, year) in enumerate(dignitaries):
        if i:
            page.click("#id_dignitaries [data-dv-rows-add]")
        page.locator("input[name=dignitaries__full_name]").nth(i).fill(full_name)
        page.locator("input[name=dignitaries__position]").nth(i).fill(position)
        page.locator("input[name=dignitaries__birth_year]").nth(i).fill(year)
    page.fill("#id_followers", followers)
    if shot:
        page.screenshot(path=str(SHOTS / shot), full_page=True)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "/dan-toc-ton-giao/co-so/CS-" in page.url, page.url
    assert name in page.content()
    for full_name, _position, _year in dignitaries:
        assert full_name in page.locator("#dignitaries").inner_text()


def _plan(page, base, *, holiday, establishment, delegation, shot=None):
    page.goto(f"{base}/dan-toc-ton-giao/lich/?year=2026")
    row = page.locator("#calendar .list-group-item", has_text=holiday)
    row.locator("a[href*='/tham-hoi/moi/?holiday=']").click()
    page.wait_for_load_state()
    value = page.locator("#id_establishment option", has_text=establishment).get_attribute("value")
    page.select_option("#id_establishment", value=value)
    page.fill("#id_delegation", delegation)
    if shot:
        page.screenshot(path=str(SHOTS / shot), full_page=True)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "/dan-toc-ton-giao/lich/" in page.url, page.url


def test_the_commune_registers_a_pagoda_and_a_church_and_plans_visits_for_phat_dan_and_christmas(
    danvan_server, browser
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    desk = browser.new_page(viewport={"width": 1366, "height": 900})
    login(desk, danvan_server, "xa.yenthe")
    _register(
        desk,
        danvan_server,
        religion="Phật giáo",
        kind="pagoda",
        name="Chùa Hương Nghiêm",
        address="Thôn Đồng Tâm",
        dignitaries=[("Thích Quảng Trí", "Trụ trì", "1969"), ("Trần Văn Lực", "Trưởng ban hộ tự", "")],
        followers="380",
        shot="establishment-new-1366.png",
    )
    desk.screenshot(path=str(SHOTS / "establishment-detail-1366.png"), full_page=True)

    phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    login(phone, danvan_server, "xa.yenthe")
    _register(
        phone,
        danvan_server,
        religion="Công giáo",
        kind="church",
        name="Nhà thờ giáo họ Đồng Tâm",
        address="Thôn Đồng Tâm",
        dignitaries=[("Phaolô Nguyễn Văn Hiền", "Linh mục quản xứ", "1980")],
        followers="640",
        shot="establishment-new-390.png",
    )

    delegation = "Bí thư Đảng ủy xã, Chủ tịch Ủy ban MTTQ xã"
    _plan(desk, danvan_server, holiday="Đại lễ Phật đản", establishment="Chùa Hương Nghiêm", delegation=delegation)
    _plan(
        phone,
        danvan_server,
        holiday="Lễ Giáng sinh (Công giáo",
        establishment="Nhà thờ giáo họ Đồng Tâm",
        delegation=delegation,
        shot="visit-new-390.png",
    )

    desk.goto(f"{danvan_server}/dan-toc-ton-giao/lich/?year=2026")
    phat_dan = desk.locator("#calendar .list-group-item", has_text="Đại lễ Phật đản").inner_text()
    christmas = desk.locator("#calendar .list-group-item", has_text="Lễ Giáng sinh (Công giáo").inner_text()
    assert "31/05/2026" in phat_dan and "Chùa Hương Nghiêm" in phat_dan and delegation in phat_dan
    assert "25/12/2026" in christmas and "Nhà thờ giáo họ Đồng Tâm" in christmas
    desk.screenshot(path=str(SHOTS / "calendar-1366.png"), full_page=True)
    phone.goto(f"{danvan_server}/dan-toc-ton-giao/lich/?year=2026")
    phone.screenshot(path=str(SHOTS / "calendar-390.png"), full_page=True)
