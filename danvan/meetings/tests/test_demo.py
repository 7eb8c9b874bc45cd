"""The demo meetings: a past giao ban whose conclusion notice went through its draft and was issued by the leader
who signs (so the register has a numbered document to revoke or replace), and two biểu dương conferences. Loading
twice changes nothing."""

from django.urls import reverse

from danvan.accounts.demo import demo_data_load
from danvan.accounts.models import User
from danvan.audit.models import AuditEvent
from danvan.documents.models import Document, IssuedDocument
from danvan.meetings.demo import BRIEFING_TITLE, demo_meetings_load
from danvan.meetings.models import Meeting


def test_the_demo_notice_is_issued_through_its_draft_by_the_signer_and_loads_once(db, client):
    demo_data_load()
    created = demo_meetings_load()
    assert len(created) == 3
    meeting = Meeting.objects.get(title=BRIEFING_TITLE)
    issued = IssuedDocument.objects.get()
    assert issued.reference == "Số 01-TB/BTGDVTU" and issued.issued_by.username == "bn.lanhdao"
    draft = Document.objects.get(source_key=f"meeting:{meeting.public_id}")
    assert draft.issued == issued and draft.drafter.username == "bn.chuyenvien"
    # The title under the signature is the leader's recorded position, not a typed one.
    assert (draft.capacity, draft.signer_title) == ("K/T", "Phó Trưởng ban")
    counts = (Meeting.objects.count(), Document.objects.count(), IssuedDocument.objects.count())
    events = AuditEvent.objects.count()
    assert demo_meetings_load() == []
    assert (Meeting.objects.count(), Document.objects.count(), IssuedDocument.objects.count()) == counts
    assert AuditEvent.objects.count() == events
    # The leader sees it numbered in the register, with the revoke button.
    client.force_login(User.objects.get(username="bn.lanhdao"))
    page = client.get(reverse("reports:documents")).content.decode()
    assert "Số 01-TB/BTGDVTU" in page and reverse("reports:document_revoke", args=[issued.public_id]) in page
    kinds = sorted(Meeting.objects.values_list("kind", flat=True))
    assert kinds == ["bieu_duong", "bieu_duong", "giao_ban"]
