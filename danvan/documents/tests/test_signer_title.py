"""The signer's title comes from the leader's position in the unit: the picker shows name and title, the block
prints it. Typing a title remains only as a correction for a leader with no recorded position, and it is kept on
the draft with its history in the audit trail."""

import datetime as dt

import pytest

from conftest import make_user
from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.core.submissions import TOKEN_FIELD, new_form_token
from danvan.core.text import fold
from danvan.documents import generated
from danvan.documents.models import Document
from danvan.documents.tests.generated_factories import held_meeting
from danvan.meetings.services import conclusion_notice_draft
from danvan.organisations.models import OrgUnit, Person, Position

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 20)


def _position(user, unit_code: str, title: str, *, ended=None):
    person = Person.objects.create(full_name=user.full_name, name_folded=fold(user.full_name), user=user)
    return Position.objects.create(person=person, unit=OrgUnit.objects.get(code=unit_code), title=title, end_date=ended)


@pytest.fixture
def deputy(db):
    user = make_user("pho.ban", "leader", "P24-TU")
    _position(user, "P24-TGDV", "Phó Trưởng ban")
    return user


@pytest.fixture
def unrecorded(db):
    user = make_user("lanh.dao", "leader", "P24-TGDV")
    # A position that has ended is not a title any more.
    _position(user, "P24-TGDV", "Trưởng ban", ended=dt.date(2025, 6, 30))
    return user


def test_the_picker_shows_each_leader_with_the_title_of_their_position(client_for, officer_a, deputy, unrecorded):
    draft = conclusion_notice_draft(actor=officer_a, meeting=held_meeting(officer_a), today=TODAY)
    found = client_for(officer_a).get(f"/van-ban/{draft.public_id}/nguoi-ky/tim/?q=").json()["results"]
    paths = {r["code"]: r["path"] for r in found}
    assert paths["pho.ban"].startswith("Phó Trưởng ban · ")
    assert "Phó Trưởng ban" not in paths["lanh.dao"] and "Trưởng ban" not in paths["lanh.dao"]


def test_the_block_prints_the_recorded_title_whatever_was_typed(client_for, officer_a, deputy):
    draft = conclusion_notice_draft(actor=officer_a, meeting=held_meeting(officer_a), today=TODAY)
    client = client_for(officer_a)
    client.post(
        f"/van-ban/{draft.public_id}/nguoi-ky/",
        {"signer": "pho.ban", "capacity": "K/T", "signer_title": "Trưởng ban", TOKEN_FIELD: new_form_token()},
    )
    draft.refresh_from_db()
    assert (draft.signer, draft.signer_title, draft.status) == (deputy, "Phó Trưởng ban", Document.Status.SIGNING)
    event = AuditEvent.objects.get(action=Action.DOCUMENT_SIGNER_CHOSEN)
    assert event.after["title"] == "Phó Trưởng ban" and event.after["title_from"] == "position"
    page = client.get(f"/van-ban/{draft.public_id}/").content.decode()
    assert "K/T TRƯỞNG BAN" in page and "PHÓ TRƯỞNG BAN" in page
    # The picker shows the chosen leader's title under the name; the correction box stays empty.
    assert "data-dv-picker-path>Phó Trưởng ban<" in page
    assert 'name="signer_title" value=' not in page


def test_a_leader_without_a_recorded_position_needs_a_typed_title_kept_with_history(officer_a, unrecorded):
    draft = conclusion_notice_draft(actor=officer_a, meeting=held_meeting(officer_a), today=TODAY)
    with pytest.raises(ApplicationError) as refused:
        generated.document_signer_set(
            actor=officer_a, document=draft, signer=unrecorded, signer_title=" ", capacity="T/M"
        )
    assert refused.value.field == "signer_title" and "chưa có chức vụ" in refused.value.message
    draft.refresh_from_db()
    assert draft.signer is None and not AuditEvent.objects.filter(action=Action.DOCUMENT_SIGNER_CHOSEN).exists()
    generated.document_signer_set(
        actor=officer_a, document=draft, signer=unrecorded, signer_title="Trưởng  ban", capacity="T/M"
    )
    draft = generated.document_signer_set(
        actor=officer_a,
        document=Document.objects.get(pk=draft.pk),
        signer=unrecorded,
        signer_title="Phó Trưởng ban",
        capacity="K/T",
    )
    assert draft.signer_title == "Phó Trưởng ban"
    events = list(AuditEvent.objects.filter(action=Action.DOCUMENT_SIGNER_CHOSEN).order_by("id"))
    assert [e.after["title"] for e in events] == ["Trưởng ban", "Phó Trưởng ban"]
    assert events[1].before["title"] == "Trưởng ban" and events[1].after["title_from"] == "typed"


def test_a_hand_drafted_document_takes_the_signers_title_from_the_position(officer_a, deputy):
    from danvan.documents.services import document_draft

    document = document_draft(
        actor=officer_a,
        issuer=OrgUnit.objects.get(code="P24-TGDV"),
        doc_type_code="KH",
        template="plan",
        title="Tổ chức Tháng Dân vận năm 2027",
        fields={"content": "Phát huy vai trò của nhân dân."},
        signer=deputy,
        signer_title="Trưởng ban",
        capacity="K/T",
    )
    assert document.signer_title == "Phó Trưởng ban"


def _promote(user, unit_code: str, title: str, *, on: dt.date):
    """The leader's position ends and a new one starts (as an appointment is recorded)."""
    Position.objects.filter(person__user=user, end_date__isnull=True).update(end_date=on)
    person = Person.objects.get(user=user)
    return Position.objects.create(person=person, unit=OrgUnit.objects.get(code=unit_code), title=title, is_head=True)


def test_a_position_changed_after_the_signer_was_chosen_is_the_title_issued(client_for, officer_a, deputy):
    from docx import Document as Docx

    from danvan.documents import services

    draft = conclusion_notice_draft(actor=officer_a, meeting=held_meeting(officer_a), today=TODAY)
    generated.document_signer_set(actor=officer_a, document=draft, signer=deputy, signer_title="", capacity="T/M")
    # Between choosing the signer and issuing, the deputy becomes the head of the Ban.
    _promote(deputy, "P24-TGDV", "Trưởng ban", on=TODAY)
    page = client_for(officer_a).get(f"/van-ban/{draft.public_id}/").content.decode()
    assert "PHÓ TRƯỞNG BAN" not in page and "T/M Trưởng ban" in page
    issued = services.document_sign_issue(actor=deputy, document=Document.objects.get(pk=draft.pk), today=TODAY)
    block = Docx(__import__("io").BytesIO(bytes(issued.issued.content))).tables[-1].rows[0].cells[-1].text
    assert "TRƯỞNG BAN" in block and "PHÓ TRƯỞNG BAN" not in block
    assert Document.objects.get(pk=draft.pk).signer_title == "Trưởng ban"
    event = AuditEvent.objects.get(action=Action.DOCUMENT_SENT)
    assert event.before["signer_title"] == "Phó Trưởng ban" and event.after["signer_title"] == "Trưởng ban"


def test_a_typed_title_stays_when_the_signer_still_has_no_position(officer_a, unrecorded):
    from danvan.documents import services

    draft = conclusion_notice_draft(actor=officer_a, meeting=held_meeting(officer_a), today=TODAY)
    generated.document_signer_set(
        actor=officer_a, document=draft, signer=unrecorded, signer_title="Trưởng ban", capacity="T/M"
    )
    issued = services.document_sign_issue(actor=unrecorded, document=Document.objects.get(pk=draft.pk), today=TODAY)
    assert issued.signer_title == "Trưởng ban"
    assert "signer_title" not in AuditEvent.objects.get(action=Action.DOCUMENT_SENT).after
