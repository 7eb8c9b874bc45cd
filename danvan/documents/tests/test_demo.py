"""The demo plan: drafted from the template by the Ban's officer, reviewed by the deputy, waiting in the head's inbox;
the head (bn.truongban) signs it in her own name, and issuing sends it to every commune of Bắc Ninh with its task.
Loading twice changes nothing."""

import datetime as dt

from django.urls import reverse

from danvan.accounts.demo import demo_data_load
from danvan.accounts.models import User
from danvan.audit.models import AuditEvent
from danvan.documents import views
from danvan.documents.demo import PLAN_TITLE, demo_documents_load
from danvan.documents.drafting import signature_lines
from danvan.documents.models import Document, DocumentRecipient
from danvan.documents.services import _signature, document_sign_issue
from danvan.organisations.models import OrgUnit
from danvan.workplans.models import Task


def test_the_demo_plan_waits_for_the_head_who_signs_it_to_every_commune_and_loads_once(db, client, monkeypatch):
    demo_data_load()
    [plan] = demo_documents_load()
    head = User.objects.get(username="bn.truongban")
    assert (plan.status, plan.signer, plan.capacity, plan.signer_title) == ("signing", head, "", "Trưởng ban")
    events = AuditEvent.objects.count()
    assert demo_documents_load() == []
    assert Document.objects.filter(title=PLAN_TITLE).count() == 1 and AuditEvent.objects.count() == events

    client.force_login(head)
    inbox = client.get(reverse("core:inbox")).content.decode()
    assert "Triển khai phong trào thi đua" in inbox and reverse("documents:detail", args=[plan.public_id]) in inbox
    # Before signing she sees where it will go: every commune of the province.
    communes = OrgUnit.objects.filter(
        parent__code="P24-TU", kind=OrgUnit.Kind.PARTY_COMMITTEE, level=OrgUnit.Level.COMMUNE
    )
    page = client.get(reverse("documents:detail", args=[plan.public_id])).content.decode()
    assert f"<span data-planned-count>{communes.count()}</span>" in page
    # A long list shows its first names and how many more (a page bounded for tens of thousands of recipients).
    monkeypatch.setattr(views, "PLANNED_NAMES_SHOWN", 10)
    page = client.get(reverse("documents:detail", args=[plan.public_id])).content.decode()
    assert f"<span data-planned-count>{communes.count()}</span>" in page
    assert f"… và {communes.count() - 10} đơn vị khác" in page
    # The head signs as herself: no "K/T" line, her title in capitals.
    assert signature_lines(_signature(plan)) == ["TRƯỞNG BAN"]

    issued = document_sign_issue(actor=head, document=plan, today=dt.date(2026, 12, 8))
    assert communes.count() > 1
    received = set(DocumentRecipient.objects.filter(document=issued).values_list("unit_id", flat=True))
    assert set(communes.values_list("pk", flat=True)) <= received
    tasks = Task.objects.filter(title__startswith="Đăng ký mô hình “Dân vận khéo” năm 2027")
    assert set(tasks.values_list("assignee_id", flat=True)) >= set(communes.values_list("pk", flat=True))
    # Once issued, the page lists the recipients sent to (and who acknowledged), not the planned ones.
    page = client.get(reverse("documents:detail", args=[plan.public_id])).content.decode()
    assert "data-planned" not in page
