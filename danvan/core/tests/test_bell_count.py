"""The bell's number is fixed SQL (it is on nearly every page): it counts exactly what the ORM's query of the
notices would, for people at each level, before and after they mark their notices read."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from danvan.core.inbox import _read, inbox_mark_read, notices_for_user, unread_notice_count
from danvan.organisations.models import OrgUnit
from danvan.reports.models import Notice

pytestmark = pytest.mark.django_db


def _orm_count(user) -> int:
    return notices_for_user(user).filter(~_read(user)).count()


def _notice(code, *, hours_ago):
    notice = Notice.objects.create(unit=OrgUnit.objects.get(code=code), text=f"notice to {code}", link="/")
    Notice.objects.filter(pk=notice.pk).update(created_at=timezone.now() - dt.timedelta(hours=hours_ago))
    return notice


def test_the_bell_counts_what_the_orm_counts_before_and_after_the_notices_are_read(
    commune_officer_a, officer_a, leader_a, officer_b, citizen
):
    people = [commune_officer_a, officer_a, leader_a, officer_b, citizen]
    commune = OrgUnit.objects.get(code="C7288-DU")
    below = OrgUnit.objects.filter(parent=commune).first()
    two_below = OrgUnit.objects.filter(parent=below).first() if below else None
    for code, hours in [("C7288-DU", 30), ("C7288-DU", 2), ("P24-TU", 5), ("P91-TU", 1), ("TW", 3)]:
        _notice(code, hours_ago=hours)
    if below is not None:
        _notice(below.code, hours_ago=4)
    if two_below is not None:
        _notice(two_below.code, hours_ago=4)  # two levels below: not the person's notice
    assert unread_notice_count(commune_officer_a) >= 2
    for person in people:
        assert unread_notice_count(person) == _orm_count(person), person.username

    inbox_mark_read(actor=commune_officer_a)
    assert unread_notice_count(commune_officer_a) == 0
    _notice("C7288-DU", hours_ago=0)
    Notice.objects.filter(text="notice to C7288-DU").update(created_at=timezone.now() + dt.timedelta(minutes=1))
    for person in people:
        assert unread_notice_count(person) == _orm_count(person), person.username
    assert unread_notice_count(commune_officer_a) == 3


def test_the_bell_is_one_query(commune_officer_a):
    unread_notice_count(commune_officer_a)  # the person's roles, read once per request elsewhere
    with CaptureQueriesContext(connection) as captured:
        unread_notice_count(commune_officer_a)
    assert len(captured) == 1
