"""The issue's "done means" flow in Chromium: the provincial Ban drafts the "Tháng Dân vận" plan from the template,
the head of division comments and returns it, the drafter revises, the head passes it to the signer, who signs and
issues it to every commune of the province with its task; a commune acknowledges it and sees its task."""

import os
import re

import pytest

from tests.browser.test_browser_login_search import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]
SHOTS = os.environ.get("DANVAN_SHOTS", "/tmp/shots-docs")


def pick(page, selector, text):
    page.fill(selector, text)
    page.wait_for_selector(f"{selector}-list .dv-picker-option")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")


def press(page, selector):
    page.click(selector)
    page.wait_for_load_state()


# Every commune of the province (Thành ủy Bắc Ninh) and how many of them have the plan's task.
COMMUNES_AND_TASKS = """
from danvan.organisations.models import OrgUnit
from danvan.workplans.models import Task
communes = OrgUnit.objects.filter(parent__code="P24-TU", kind="party_committee", level="commune")
print(communes.count(), Task.objects.filter(assignee__in=communes, title__contains="%s").values("assignee").distinct().count())
"""


def test_a_plan_goes_from_template_to_the_communes_and_their_tasks(danvan_server, browser, danvan_manage):
    os.makedirs(SHOTS, exist_ok=True)
    drafter = browser.new_page(viewport={"width": 1366, "height": 900})
    login(drafter, danvan_server, "bn.chuyenvien")
    drafter.goto(f"{danvan_server}/van-ban/soan/")
    drafter.click("a[href='?mau=plan']")
    drafter.wait_for_load_state()
    drafter.fill("#id_title", "Tổ chức “Tháng Dân vận” năm 2027")
    drafter.fill("#id_s_purpose", "Phát huy vai trò của cả hệ thống chính trị trong công tác dân vận.")
    drafter.fill("#id_s_content", "Ra quân đồng loạt ngày 15/10.")
    drafter.fill("#id_s_organisation", "Các đảng ủy xã, phường xây dựng kế hoạch triển khai.")
    pick(drafter, "#id_reviewer", "quoc viet")
    pick(drafter, "#id_signer", "van thinh")
    drafter.fill("#id_signer_title", "Phó Trưởng ban")
    drafter.select_option("#id_capacity", "K/T")
    pick(drafter, "#id_communes_of", "thanh uy bac ninh")
    drafter.fill("#id_tasks-0-title", "Tổ chức ra quân Tháng Dân vận")
    drafter.fill("#id_tasks-0-deadline", "15/10/2027")
    drafter.screenshot(path=f"{SHOTS}/draft-form-1366.png", full_page=True)
    drafter.click("main form button[type=submit]")
    drafter.wait_for_load_state()
    assert "/van-ban/" in drafter.url and "Ra quân đồng loạt ngày 15/10." in drafter.content()
    url = drafter.url
    press(drafter, "button[name=step][value=review]")

    head = browser.new_page(viewport={"width": 1366, "height": 900})
    login(head, danvan_server, "bn.quantri")
    head.goto(f"{danvan_server}/viec-cua-toi/")
    assert "Tháng Dân vận" in head.locator("#inbox-documents").inner_text()
    head.goto(url)
    head.fill("#id_text", "Bổ sung hoạt động biểu dương mô hình Dân vận khéo.")
    press(head, "form[action$='/y-kien/'] button[type=submit]")
    press(head, "button[name=step][value=draft]")

    drafter.goto(url)
    assert "Bổ sung hoạt động biểu dương" in drafter.content()
    drafter.click("a[href$='/sua/']")
    drafter.wait_for_load_state()
    drafter.fill("#id_s_content", "Ra quân đồng loạt ngày 15/10.\nBiểu dương mô hình Dân vận khéo.")
    drafter.fill("#id_note", "Theo ý kiến trưởng phòng")
    drafter.click("main form button[type=submit]")
    drafter.wait_for_load_state()
    press(drafter, "button[name=step][value=review]")

    head.goto(f"{url}so-sanh/")
    assert "Biểu dương mô hình Dân vận khéo." in head.content()
    head.goto(url)
    press(head, "button[name=step][value=signing]")

    signer = browser.new_page(viewport={"width": 1366, "height": 900})
    login(signer, danvan_server, "bn.lanhdao")
    signer.goto(url)
    press(signer, "form[action$='/ky-ban-hanh/'] button")
    assert "-KH/BTGDVTU" in signer.content()
    signer.screenshot(path=f"{SHOTS}/issued-1366.png", full_page=True)
    # Sent to every commune of the province, each with the plan's task; none has acknowledged yet.
    reference = re.search(r"\d{2}-KH/BTGDVTU", signer.content())[0]
    communes, with_task = (int(n) for n in danvan_manage(COMMUNES_AND_TASKS % reference).split()[-2:])
    assert communes > 50 and with_task == communes
    assert signer.locator("details table tbody tr").count() == communes
    assert f"0 đã tiếp nhận, {communes} chưa" in signer.content()

    commune = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    login(commune, danvan_server, "xa.yenthe")
    commune.goto(f"{danvan_server}/viec-cua-toi/")
    assert "Tháng Dân vận" in commune.locator("#inbox-documents").inner_text()
    commune.goto(url)
    commune.screenshot(path=f"{SHOTS}/received-390.png", full_page=True)
    press(commune, "form[action$='/tiep-nhan/'] button")
    assert commune.locator("form[action$='/tiep-nhan/']").count() == 0
    commune.goto(f"{danvan_server}/nhiem-vu/")
    assert "Tổ chức ra quân Tháng Dân vận" in commune.content()
    commune.screenshot(path=f"{SHOTS}/tasks-390.png", full_page=True)

    signer.goto(url)
    assert "Hoàng Văn Đức" in signer.content() and f"1 đã tiếp nhận, {communes - 1} chưa" in signer.content()
    signer.screenshot(path=f"{SHOTS}/acknowledged-1366.png", full_page=True)
    # The whole history on the page, oldest first, ending with the commune's acknowledgement.
    actions = signer.locator("[data-history] tr[data-action]").evaluate_all("rows => rows.map(r => r.dataset.action)")
    assert actions[0] == "document.drafted" and "document.sent" in actions and actions[-1] == "document.acknowledged"
    # Published for citizens with one action; the portal shows it to anyone, on a phone.
    press(signer, "form[action$='/cong-khai/'] button")
    public = signer.locator("[data-published] a").get_attribute("href")
    signer.screenshot(path=f"{SHOTS}/history-published-1366.png", full_page=True)
    citizen = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    citizen.goto(f"{danvan_server}/cong-dan/van-ban/?q=thang dan van")
    assert "-KH/BTGDVTU" in citizen.content()
    citizen.goto(f"{danvan_server}{public}")
    assert "Tháng Dân vận" in citizen.locator("h1").inner_text()
    citizen.screenshot(path=f"{SHOTS}/portal-document-390.png", full_page=True)
    wide = browser.new_page(viewport={"width": 1366, "height": 900})
    wide.goto(f"{danvan_server}/cong-dan/van-ban/?q=thang dan van")
    wide.screenshot(path=f"{SHOTS}/portal-documents-1366.png", full_page=True)


def test_a_ministrys_letter_is_registered_with_the_instruction_and_assigned(danvan_server, browser):
    os.makedirs(SHOTS, exist_ok=True)
    page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    login(page, danvan_server, "bn.chuyenvien")
    page.goto(f"{danvan_server}/van-ban/den/moi/")
    pick(page, "#id_unit", "ban tuyen giao va dan van thanh uy bac ninh")
    page.fill("#id_reference", "Số 1234/BNV-CQĐP")
    page.fill("#id_dated", "01/12/2026")
    page.fill("#id_arrived_on", "03/12/2026")
    page.fill("#id_issuing_body", "Bộ Nội vụ")
    page.fill("#id_summary", "Về việc báo cáo tình hình thực hiện dân chủ ở cơ sở")
    page.fill("#id_instruction", "Giao xã Yên Thế báo cáo trước 20/12.")
    # The picker lists every unit whose name or place has the words: "Đảng ủy xã Bố Hạ" (in the former huyện Yên
    # Thế) comes before "Đảng ủy xã Yên Thế", so the officer clicks the one meant, by its name.
    page.fill("#id_assignees", "dang uy xa yen the")
    page.click("#id_assignees-list .dv-picker-option[data-name='Đảng ủy xã Yên Thế']")
    page.fill("#id_deadline", "20/12/2026")
    page.screenshot(path=f"{SHOTS}/incoming-form-390.png", full_page=True)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "/van-ban/den/" in page.url and "Giao xã Yên Thế báo cáo trước 20/12." in page.content()
    assert "Đảng ủy xã Yên Thế" in page.inner_text("main"), page.inner_text("main")
    page.screenshot(path=f"{SHOTS}/incoming-detail-390.png", full_page=True)
    page.goto(f"{danvan_server}/van-ban/?q=dan chu co so")
    assert "Bộ Nội vụ" in page.content()
    # The assigned commune finds the task the instruction gave it, with its deadline.
    commune = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    login(commune, danvan_server, "xa.yenthe")
    commune.goto(f"{danvan_server}/nhiem-vu/")
    tasks = commune.locator("main .list-group-item", has_text="1234/BNV-CQĐP")
    assert tasks.count() == 1, commune.inner_text("main")
    assert "dân chủ ở cơ sở" in tasks.first.inner_text() and "20/12/2026" in tasks.first.inner_text()
    commune.screenshot(path=f"{SHOTS}/incoming-task-390.png", full_page=True)
