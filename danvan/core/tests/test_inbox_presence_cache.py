"""The inbox's presence query is compiled once per person and day and kept (core.inbox._present): the kept query
gives the same inbox as a fresh one, sees rows written after it was kept, and is not reused when the person's
roles or the day change. Counts and contents, never timings."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from danvan.accounts.models import RoleAssignment, User
from danvan.core import inbox as inbox_module
from danvan.core.inbox import inbox_for_user
from danvan.organisations.models import OrgUnit
from danvan.petitions.tests.factories import receive
from danvan.workplans.services import task_assign

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 4)


def _seen(inbox) -> list:
    """What the page shows of each section: its total and its items' titles, links, states and deadlines."""
    return [(s.key, s.total, [(i.title, i.link, i.state, i.deadline, i.unit) for i in s.items]) for s in inbox.sections]


def _fresh(user, today=TODAY):
    """The inbox with nothing kept: the querysets built and compiled as the ORM does every time."""
    inbox_module._presence_cache.clear()
    return inbox_for_user(user=User.objects.get(pk=user.pk), today=today)


def _kept(user, today=TODAY):
    """The inbox read with the query kept by an earlier call (a new user object, as each request has)."""
    inbox_for_user(user=User.objects.get(pk=user.pk), today=today)
    assert inbox_module._presence_cache
    return inbox_for_user(user=User.objects.get(pk=user.pk), today=today)


@pytest.fixture
def people(db):
    return {
        "commune": make_user("pc.commune", "officer", "C7288-DU"),
        "leader": make_user("pc.leader", "leader", "P24-TU"),
        "province": make_user("pc.province", "officer", "P24-TU"),
        "centre": make_user("pc.centre", "officer", "TW"),
        "other": make_user("pc.other", "officer", "P91-TU"),
        "nobody": make_user("pc.nobody", None, None),
    }


def _tasks(actor, today=TODAY):
    province, commune = OrgUnit.objects.get(code="P24-TU"), OrgUnit.objects.get(code="C7288-DU")
    for assignee, title in ((commune, "Việc của xã"), (province, "Việc của tỉnh")):
        task_assign(actor=actor, assigned_by=province, assignee=assignee, title=title, deadline=today)


@pytest.mark.parametrize("who", ["commune", "leader", "province", "centre", "other", "nobody"])
def test_the_kept_query_gives_the_same_inbox_as_a_fresh_one(people, who):
    _tasks(people["province"])
    assert _seen(_kept(people[who])) == _seen(_fresh(people[who]))


def test_rows_written_after_the_query_was_kept_are_shown(people):
    officer = people["province"]
    before = _kept(officer)
    assert next(s for s in before.sections if s.key == "tasks").total == 0
    _tasks(officer)
    petition = receive(officer)
    later = petition.due_on - dt.timedelta(days=1)
    _kept(officer, later)  # the query kept for that day, before the tasks due that day
    task_assign(
        actor=officer,
        assigned_by=OrgUnit.objects.get(code="P24-TU"),
        assignee=OrgUnit.objects.get(code="P24-TU"),
        title="Việc mới",
        deadline=later,
    )
    after = inbox_for_user(user=User.objects.get(pk=officer.pk), today=later)
    assert _seen(after) == _seen(_fresh(officer, later))
    assert "Việc mới" in [i.title for s in after.sections if s.key == "tasks" for i in s.items]
    assert petition.code in [i.title.split(" — ")[0] for s in after.sections if s.key == "petitions" for i in s.items]


def test_a_new_role_or_another_day_is_not_served_the_kept_query(people):
    officer = people["commune"]
    _tasks(people["province"])
    _kept(officer)
    RoleAssignment.objects.create(user=officer, unit=OrgUnit.objects.get(code="P24-TU"), role="officer")
    with_role = inbox_for_user(user=User.objects.get(pk=officer.pk), today=TODAY)
    assert "Việc của tỉnh" in [i.title for s in with_role.sections if s.key == "tasks" for i in s.items]
    assert _seen(with_role) == _seen(_fresh(officer))
    next_week = TODAY + dt.timedelta(days=30)
    assert _seen(inbox_for_user(user=User.objects.get(pk=officer.pk), today=next_week)) == _seen(
        _fresh(officer, next_week)
    )


def test_the_kept_query_costs_the_same_queries_as_a_fresh_one(people):
    _tasks(people["province"])
    officer = people["commune"]
    _fresh(officer)  # what the process reads once (forms, periods) is read before counting

    def count():
        user = User.objects.get(pk=officer.pk)
        with CaptureQueriesContext(connection) as captured:
            inbox_for_user(user=user, today=TODAY)
        return len(captured.captured_queries)

    inbox_module._presence_cache.clear()
    fresh = count()
    assert inbox_module._presence_cache
    assert count() == fresh


def test_the_kept_queries_are_bounded(people, monkeypatch):
    monkeypatch.setattr(inbox_module, "PRESENCE_CACHE_SIZE", 2)
    inbox_module._presence_cache.clear()
    for who in ("commune", "leader", "centre"):
        inbox_for_user(user=User.objects.get(pk=people[who].pk), today=TODAY)
    assert len(inbox_module._presence_cache) == 2
