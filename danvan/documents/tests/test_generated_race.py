"""Two issues of the same generated draft at the same moment on PostgreSQL (two tabs, a double click through two
connections): one number, one clear refusal. Outside the per-test transaction, on a province no other test of the
app uses (Cà Mau, P96), with its own accounts."""

import datetime as dt

import pytest
from django.db import connection

from conftest import make_user
from danvan.core.errors import ApplicationError
from danvan.documents import generated, services
from danvan.documents.tests.generated_factories import held_meeting
from danvan.meetings.services import conclusion_notice_draft
from tests.concurrency import at_once

TODAY = dt.date(2026, 3, 20)


def test_two_issues_of_one_draft_at_once_take_one_number(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.skip("the row locks under test are PostgreSQL's; SQLite serialises every write anyway")
        from danvan.documents.heading import issuer_for
        from danvan.documents.models import IssuedDocument
        from danvan.organisations.models import OrgUnit

        committee = OrgUnit.objects.filter(code__startswith="P96-", kind="party_committee", level="province").first()
        if committee is None:
            pytest.skip("province P96 is not loaded")
        officer = make_user("race2.officer", "officer", committee.code)
        chief = make_user("race2.chief", "leader", issuer_for(committee).code)
        meetings = [held_meeting(officer, committee.code), None]
        # Two clicks of the issue button at once make one draft.
        drafts = at_once(
            lambda: conclusion_notice_draft(actor=officer, meeting=meetings[0], today=TODAY),
            lambda: conclusion_notice_draft(actor=officer, meeting=meetings[0], today=TODAY),
        )
        assert all(not isinstance(d, Exception) for d in drafts), drafts
        assert drafts[0].pk == drafts[1].pk
        draft = generated.document_signer_set(
            actor=officer, document=drafts[0], signer=chief, signer_title="Trưởng ban", capacity="T/M"
        )
        results = at_once(
            lambda: services.document_sign_issue(actor=chief, document=draft, today=TODAY),
            lambda: services.document_sign_issue(actor=chief, document=draft, today=TODAY),
        )
        errors = [r for r in results if isinstance(r, ApplicationError)]
        assert len(errors) == 1 and "đã được ban hành" in errors[0].message, results
        issued = IssuedDocument.objects.filter(register__issuer=issuer_for(committee), register__doc_type="TB")
        assert issued.count() == 1 and issued.get().number == 1
