"""The home page and “Việc của tôi” cost a fixed number of queries, at most 12, for a commune officer, a province
leader and a centre officer, whatever the number of tasks and notices; the period, the person's roles, their units,
the seen mark and the notices are each read once, and the sections with nothing to show cost one query together.
Counts, never timings."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_user
from danvan.core.inbox import inbox_mark_read
from danvan.organisations.models import OrgUnit
from danvan.reports.models import Notice
from danvan.workplans.services import task_assign

pytestmark = pytest.mark.django_db

# Measured once the session is warm (the first request of a session reads a few things once), with tasks and
# notices to list. They were about 48 and 46 for the home page and the inbox: the period read once per form (six
# times), the person's scope four times, every section counted before its rows were read, the notices counted
# twice (the bell and the inbox). Then 24 and 23: the person's units read three times (four on the home page), one
# bounded read per section even when empty, the notices counted apart from their list.
PAGES = {
    "/": {"commune": 11, "leader": 11, "centre": 11},
    "/viec-cua-toi/": {"commune": 11, "leader": 11, "centre": 11},
}
# The bound for the two pages the largest user group opens most.
AT_MOST = 12
# Every other page pays the session, the user, the person's roles and the bell: it was 5.
MINIMAL = 4


@pytest.fixture
def people(db):
    return {
        "commune": make_user("qc.commune", "officer", "C7288-DU"),
        "leader": make_user("qc.leader", "leader", "P24-TU"),
        "centre": make_user("qc.centre", "officer", "TW"),
    }


@pytest.fixture
def grow(people):
    """Each call: a task due today for each person's unit and a notice to each of their units."""
    units = {code: OrgUnit.objects.get(code=code) for code in ("TW", "P24-TU", "C7288-DU", "C7288-KDV")}
    rounds = iter(range(20))

    def more():
        n = next(rounds)
        today = timezone.localdate()
        for assignee in ("TW", "P24-TU", "C7288-DU"):
            task_assign(
                actor=people["centre"],
                assigned_by=units["TW"],
                assignee=units[assignee],
                title=f"Việc {n} của {assignee}",
                deadline=today,
            )
        for code in ("TW", "P24-TU", "C7288-KDV"):
            Notice.objects.create(unit=units[code], text=f"Nhắc {n}", link="/bao-cao/")

    return more


def _queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize("url", list(PAGES))
@pytest.mark.parametrize("who", ["commune", "leader", "centre"])
def test_the_page_costs_the_same_queries_as_the_tasks_and_notices_grow(client, people, grow, url, who):
    client.force_login(people[who])
    grow()
    client.get(url)  # the first request of a session
    first = _queries(client, url)
    grow()
    grow()
    then = _queries(client, url)
    assert len(first) == len(then) == PAGES[url][who], (len(first), len(then))
    assert len(then) <= AT_MOST


@pytest.mark.parametrize("url", list(PAGES))
def test_the_period_the_roles_and_the_notices_are_read_once(client, people, grow, url):
    client.force_login(people["commune"])
    grow()
    client.get(url)
    sql = _queries(client, url)

    def reading(table):
        # Queries whose main table is `table` (the FROM outside any parentheses), not those using it in a subquery.
        def main_table(q):
            while re.search(r"\([^()]*\)", q):
                q = re.sub(r"\([^()]*\)", "", q)
            return re.search(r'\bFROM "(\w+)"', q).group(1)

        return [q for q in sql if main_table(q) == table]

    # Six forms apply to a commune: their current and previous periods come in one query.
    assert len(reading("reports_reportingperiod")) == 1
    assert len(reading("accounts_roleassignment")) == 1
    # The person's units (their roles' units and those directly below): once, for every section and the roots.
    assert len(reading("organisations_orgunit")) == 1
    # The bell's number, the notices' total and the list: one query.
    assert len(reading("reports_notice")) == 1
    # The seen mark is read inside the notices' queries, not on its own.
    assert not reading("core_inboxseen")


def test_a_page_without_data_pays_the_session_the_user_the_roles_and_the_bell(client, people, grow):
    grow()
    client.force_login(people["commune"])
    client.get("/phan-he/petitions/")
    assert len(_queries(client, "/phan-he/petitions/")) == MINIMAL


def test_the_bell_on_the_home_page_counts_what_the_inbox_counts(client, people, grow):
    grow()
    client.force_login(people["commune"])
    home = client.get("/").content.decode()
    other = client.get("/phan-he/petitions/").content.decode()
    # One notice to the commune's khối dân vận, unread: both ways of counting give the same number.
    bell = '<span class="badge rounded-pill text-bg-warning">1<span class="visually-hidden">'
    assert bell in home and bell in other
    inbox_mark_read(actor=people["commune"])
    assert "rounded-pill text-bg-warning" not in client.get("/").content.decode()
    assert "rounded-pill text-bg-warning" not in client.get("/phan-he/petitions/").content.decode()


def test_a_petition_due_costs_its_list_and_its_rows_and_the_page_stays_within_the_bound(client, people, grow):
    import datetime as dt

    from danvan.petitions.tests.factories import receive

    grow()
    client.force_login(people["commune"])
    client.get("/")
    before = _queries(client, "/")
    # Received a month ago by the officer, who handles it: overdue now.
    petition = receive(people["commune"], unit_code="C7288-DU", today=timezone.localdate() - dt.timedelta(days=30))
    page = client.get("/").content.decode()
    assert petition.code in page
    after = _queries(client, "/")
    # The due petitions they handle, read with their rows in one query; the list of petitions received and not
    # assigned has no row, so it is not read.
    assert len(after) == len(before) + 1 <= AT_MOST
