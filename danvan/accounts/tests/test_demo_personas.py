"""The demo personas: a commune leader beside the commune officer, so that xã Yên Thế approves its own reports and
signs its own documents; loading the demo data twice changes nothing."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from docx import Document as Docx

from danvan.accounts.demo import PERSONAS, demo_data_load
from danvan.accounts.models import RoleAssignment, User
from danvan.accounts.permissions import can_approve_for
from danvan.audit.models import AuditEvent
from danvan.documents import generated, services
from danvan.documents.heading import issuer_for
from danvan.documents.models import Document
from danvan.documents.tests.generated_factories import held_meeting
from danvan.meetings.services import conclusion_notice_draft
from danvan.organisations.models import OrgUnit, Position

pytestmark = pytest.mark.django_db
LEADER = "xa.yenthe.ld"
TITLE = "Phó Bí thư Thường trực Đảng ủy"


def _counts():
    return (
        User.objects.count(),
        RoleAssignment.objects.count(),
        Position.objects.count(),
        AuditEvent.objects.count(),
    )


def test_the_commune_leader_leads_the_commune_of_the_commune_officer():
    demo_data_load()
    leader = User.objects.get(username=LEADER)
    officer = User.objects.get(username="xa.yenthe")
    assert [(a.role, a.unit.code) for a in leader.role_assignments.select_related("unit")] == [("leader", "C7288-DU")]
    # The officer's khối dân vận issues the commune's documents and reports to the Party committee above it.
    body = issuer_for(OrgUnit.objects.get(code="C7288-DU"))
    assert body.code == "C7288-KDV" and body.parent.code == "C7288-DU"
    assert officer.role_assignments.get().unit == body.parent
    # Approves the khối's reports (a leader of the unit above), not the province's.
    assert can_approve_for(leader, body.parent) and not can_approve_for(leader, OrgUnit.objects.get(code="P24-TU"))
    # Signs for the khối, with the title of the position.
    assert list(generated.leaders_of(body)) == [leader]
    assert generated.signer_title_for(leader, body) == (TITLE, True)


def test_a_commune_notice_is_signed_and_issued_by_the_commune_leader():
    demo_data_load()
    leader = User.objects.get(username=LEADER)
    officer = User.objects.get(username="xa.yenthe")
    today = dt.date(2026, 11, 20)
    meeting = held_meeting(officer, unit_code="C7288-DU")
    draft = conclusion_notice_draft(actor=officer, meeting=meeting, today=today)
    draft = generated.document_signer_set(actor=officer, document=draft, signer=leader, signer_title="", capacity="T/M")
    assert draft.signer_title == TITLE
    issued = services.document_sign_issue(actor=leader, document=Document.objects.get(pk=draft.pk), today=today)
    assert issued.status == Document.Status.ISSUED and issued.issued.issued_by == leader
    block = Docx(io.BytesIO(bytes(issued.issued.content))).tables[-1].rows[0].cells[-1].text
    assert TITLE.upper() in block and "Nguyễn Thị Lan" in block


def test_the_demo_loader_lists_the_commune_leader_and_a_second_run_changes_nothing():
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    assert LEADER in out.getvalue() and LEADER in {p.username for p in PERSONAS}
    before = _counts()
    again = io.StringIO()
    call_command("load_demo_data", stdout=again)
    assert _counts() == before
    assert "mới" not in again.getvalue().replace("đã tạo dữ liệu mẫu", "")
    assert all(not created for _persona, created in demo_data_load())
