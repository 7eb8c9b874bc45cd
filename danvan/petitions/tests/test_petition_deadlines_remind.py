"""The daily e-mail to handlers of petitions that fall due in three days."""

import datetime as dt

import pytest
from django.core import mail

from danvan.petitions.models import Petition, PetitionHandler
from danvan.petitions.tasks import petition_deadlines_mail

from .factories import receive

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def handled(officer_a, leader_a):
    officer_a.email, leader_a.email = "officer@example.vn", "leader@example.vn"
    officer_a.save()
    leader_a.save()

    def make(due_on, *, status=Petition.Status.RECEIVED):
        petition = receive(officer_a)
        Petition.objects.filter(pk=petition.pk).update(due_on=due_on, status=status)
        PetitionHandler.objects.get_or_create(petition=petition, user=officer_a)
        return petition

    return make


def test_each_handler_gets_one_message_listing_the_petitions_due_in_three_days(handled):
    first = handled(TODAY + dt.timedelta(days=3))
    second = handled(TODAY + dt.timedelta(days=3))
    handled(TODAY + dt.timedelta(days=4))  # not yet
    handled(TODAY + dt.timedelta(days=3), status=Petition.Status.RESOLVED)  # closed
    assert petition_deadlines_mail(today=TODAY) == 1
    (message,) = mail.outbox
    assert message.to == ["officer@example.vn"]
    assert message.subject == "[danvan] Đơn thư đến hạn ngày 05/03/2026"
    assert first.code in message.body and second.code in message.body
    assert message.body.count("\n- ") == 2


def test_nothing_is_sent_on_a_day_without_deadlines(handled):
    handled(TODAY + dt.timedelta(days=10))
    assert petition_deadlines_mail(today=TODAY) == 0
    assert mail.outbox == []
