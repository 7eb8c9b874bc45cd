"""The briefing report in Chromium goes through the one documents path with the old numbers intact (issue 16, "Done
means"): a quarter's report issued before drafts existed (a number straight from the register) is found by the
roll-up's button with its number; the next quarter's button makes a draft with the number left blank, the officer
picks the signer, the leader issues it, and the BC register gives the next number after the old one. The register's
older page under /bao-cao/van-ban/ lists both."""

import os

import pytest

from danvan.documents.tests.test_browser_generated import choose, submit
from tests.browser.test_browser_login_search import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]
SHOTS = os.environ.get("DANVAN_SHOTS", "/tmp/shots-docs16f")

# The commune's quarterly reports of quarters II and III (submitted through the reports' services, as the commune
# would on its page), and quarter II's briefing report issued the way the issue button did before decision 0034:
# a number straight from the BC register, no draft. Prints the form's id and that old number.
REPORTS_AND_AN_OLD_BRIEFING = """
from django.utils import timezone
from danvan.accounts.models import User
from danvan.documents.heading import issuer_for
from danvan.documents.numbering import document_issue
from danvan.organisations.models import OrgUnit
from danvan.reports.briefing import briefing_content
from danvan.reports.models import ReportForm
from danvan.reports.periods import period_get_or_create
from danvan.reports.services import report_save_draft, report_submit

form = ReportForm.objects.filter(code="dan-van-quy").order_by("-version").first()
bloc, officer = OrgUnit.objects.get(code="C7288-KDV"), User.objects.get(username="xa.yenthe")
parts = {
    "ket_qua": "Tổ chức 3 hội nghị đối thoại về giải phóng mặt bằng.",
    "han_che": "Một số chi hội chưa báo cáo đúng hạn.",
    "nhiem_vu": "Tiếp tục nắm tình hình nhân dân sau bầu cử.",
    "kien_nghi": "Đề nghị tập huấn nghiệp vụ cho cán bộ mới.",
}
for number in (2, 3):
    period = period_get_or_create("quarter", 2026, number)
    saved = report_save_draft(actor=officer, form=form, period=period, unit=bloc,
                              values={"tuyen_truyen_luot_nguoi": "1250"}, narratives=parts, expected_version=0)
    report_submit(actor=officer, submission=saved)
province, q2, today = OrgUnit.objects.get(code="P24-TU"), period_get_or_create("quarter", 2026, 2), timezone.localdate()
old = document_issue(
    actor=User.objects.get(username="bn.lanhdao"), issuer=issuer_for(province), doc_type="BC",
    title="Kết quả công tác dân vận quý II/2026",
    build=lambda reference: briefing_content(unit=province, form=form, period=q2, reference=reference, today=today)[1],
    today=today, key=f"briefing:P24-TU:{form.code}:{q2.key}",
)
print(form.pk, old.number)
"""


def test_the_briefing_report_goes_through_the_documents_path_and_its_old_number_stays(
    danvan_server, browser, danvan_manage
):
    os.makedirs(SHOTS, exist_ok=True)
    form_id, old = (int(value) for value in danvan_manage(REPORTS_AND_AN_OLD_BRIEFING).split()[-2:])
    rollup = f"{danvan_server}/bao-cao/tong-hop/?form={form_id}&unit=P24-TU&period="
    button = "form[action*='/bao-cao/van-ban/']"

    officer = browser.new_page(viewport={"width": 1366, "height": 900})
    login(officer, danvan_server, "bn.chuyenvien")
    # Quarter II was issued before drafts existed: its button leads to that document, with its number, and takes
    # no other.
    officer.goto(rollup + "quarter-2026-2")
    submit(officer, button)
    assert "/van-ban/" in officer.url and "/bao-cao/" not in officer.url
    assert f"Số {old:02d}-BC/BTGDVTU" in officer.locator("[data-docx-preview]").inner_text()
    assert officer.locator("form[data-signer-form]").count() == 0
    officer.screenshot(path=f"{SHOTS}/briefing-old-number-1366.png", full_page=True)

    # Quarter III: the draft, previewed with the number left blank.
    officer.goto(rollup + "quarter-2026-3")
    submit(officer, button)
    preview = officer.locator("[data-docx-preview]").inner_text()
    assert "Kết quả công tác dân vận quý III/2026" in preview
    assert "-BC/BTGDVTU" in preview and f"Số {old + 1:02d}" not in preview
    assert "Tổ chức 3 hội nghị đối thoại" in preview
    choose(officer, "#id_signer", "van thinh")
    officer.select_option("#id_capacity", "K/T")
    officer.fill("#id_signer_title", "Phó Trưởng ban")
    submit(officer, "form[data-signer-form]")
    assert officer.locator("form[action$='/ky-ban-hanh/']").count() == 0
    url = officer.url

    leader = browser.new_page(viewport={"width": 1366, "height": 900})
    login(leader, danvan_server, "bn.lanhdao")
    leader.goto(url)
    submit(leader, "form[action$='/ky-ban-hanh/']")
    issued = leader.locator("[data-docx-preview]").inner_text()
    # The register continues after the number given before the documents app: nothing lost, nothing taken twice.
    assert f"Số {old + 1:02d}-BC/BTGDVTU" in issued and "Trần Văn Thịnh" in issued and "K/T TRƯỞNG BAN" in issued
    leader.screenshot(path=f"{SHOTS}/briefing-issued-1366.png", full_page=True)

    # Pressing the button again finds the issued report: the same number.
    officer.goto(rollup + "quarter-2026-3")
    submit(officer, button)
    assert officer.url.split("?")[0] == url.split("?")[0] and f"Số {old + 1:02d}-BC/BTGDVTU" in officer.content()
    # The register's older page lists both numbers.
    leader.goto(f"{danvan_server}/bao-cao/van-ban/")
    listed = leader.locator("main").inner_text()
    assert f"Số {old:02d}-BC/BTGDVTU" in listed and f"Số {old + 1:02d}-BC/BTGDVTU" in listed
