"""Two signers issuing at the same moment on PostgreSQL: no number taken twice, none lost, nothing half-written.

The threads need committed rows, so this test runs outside the per-test transaction (autocommit, like the
server) on a province no other test of the app uses (An Giang, P91), with its own accounts.
"""

import datetime as dt

import pytest
from django.db import connection

from conftest import make_user
from danvan.core.errors import ApplicationError
from danvan.documents import services
from danvan.documents.tests.factories import PLAN_FIELDS
from danvan.organisations.models import OrgUnit
from tests.concurrency import at_once

TODAY = dt.date(2026, 12, 5)


def _draft(drafter, head, signer, title):
    document = services.document_draft(
        actor=drafter,
        issuer=OrgUnit.objects.get(code="P91-TGDV"),
        doc_type_code="KH",
        template="plan",
        title=title,
        fields=PLAN_FIELDS,
        reviewer=head,
        signer=signer,
        signer_title="Trưởng ban",
        capacity="T/M",
        recipients_spec={"units": ["P91-MTTQ"]},
    )
    services.document_route(actor=drafter, document=document, step="review")
    return services.document_route(actor=head, document=document, step="signing")


def test_two_signers_issuing_at_once_get_two_numbers_and_one_document_never_gets_two(
    django_db_setup, django_db_blocker
):
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.skip("the row locks under test are PostgreSQL's; SQLite serialises every write anyway")
        from danvan.documents.models import DocumentRegister, IssuedDocument

        drafter = make_user("race.drafter", "officer", "P91-TGDV")
        head = make_user("race.head", "officer", "P91-TGDV")
        chief = make_user("race.chief", "leader", "P91-TGDV")
        deputy = make_user("race.deputy", "leader", "P91-TGDV")
        first = _draft(drafter, head, chief, "Kế hoạch thứ nhất")
        second = _draft(drafter, head, deputy, "Kế hoạch thứ hai")

        results = at_once(
            lambda: services.document_sign_issue(actor=chief, document=first, today=TODAY),
            lambda: services.document_sign_issue(actor=deputy, document=second, today=TODAY),
        )
        assert all(not isinstance(r, Exception) for r in results), results
        numbers = sorted(r.issued.number for r in results)
        register = DocumentRegister.objects.get(issuer__code="P91-TGDV", doc_type="KH")
        assert numbers == [1, 2] and register.last_number == 2

        # The same document, issued twice at once (two tabs): one number, one clear refusal.
        third = _draft(drafter, head, chief, "Kế hoạch thứ ba")
        results = at_once(
            lambda: services.document_sign_issue(actor=chief, document=third, today=TODAY),
            lambda: services.document_sign_issue(actor=chief, document=third, today=TODAY),
        )
        errors = [r for r in results if isinstance(r, ApplicationError)]
        assert len(errors) == 1 and "đã được ban hành" in errors[0].message, results
        assert IssuedDocument.objects.filter(register=register).count() == 3
        register.refresh_from_db()
        assert register.last_number == 3
        assert third.recipients.count() == 1
