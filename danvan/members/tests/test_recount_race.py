"""An import and a repairing recount at the same moment on PostgreSQL, in two connections: the counts end equal to
a full recount, with the import's people in them (the repair takes the counts table in EXCLUSIVE mode, so it waits
for an import in progress and holds the next one back; tally.tally_verify).

The moment is the dangerous one, made to happen every time: the import has written its people and moved the counts
but not committed when the repair starts, and commits only once the repair is waiting on a lock. Without the table
lock the repair would recount without the import's people, wait for the import's rows, then write its older
recount over them (the finding of docs/performance.md, mem12c); with it, the repair waits before recounting.

The threads need committed rows, so this test runs outside the per-test transaction (autocommit, like the server
and the worker) on a commune no other members test uses (Châu Phú, An Giang), with its own account; it takes its
people's contribution back out of the counts and deletes its rows at the end, so the counts other tests read are
as they were."""

import datetime as dt
import threading
import time

import pytest
from django.db import connection, transaction
from django.db.models import Sum

from conftest import make_user
from danvan.members.imports import members_import
from danvan.members.models import Branch, Membership, MemberTally, Organisation, Person
from danvan.members.services import branch_create, standings
from danvan.members.tally import difference, tally_apply, tally_verify
from danvan.organisations.models import OrgUnit
from tests.concurrency import at_once

ROUNDS = 3
ROWS = 150


def _until_someone_waits_on_a_lock() -> None:
    """Return once another connection to this database waits on a lock (the repair, behind the import's counts), or
    after a bounded number of looks (then the test still checks the counts, only the moment is less sure)."""
    for _ in range(400):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
        time.sleep(0.05)


def _rows(round_no: int) -> list[dict]:
    return [
        {
            "_line": n + 2,
            "full_name": f"Người Thử Vòng {round_no} Số {n}",
            "birth_date": (dt.date(1960, 1, 1) + dt.timedelta(days=97 * n + round_no)).strftime("%d/%m/%Y"),
            "sex": "Nữ" if n % 3 else "Nam",
            "village_name": "Thôn Hòa Long",
        }
        for n in range(ROWS)
    ]


def _count(scope: str, measure: str) -> int:
    return MemberTally.objects.filter(scope=scope, measure=measure).aggregate(n=Sum("count"))["n"] or 0


def test_an_import_racing_a_repair_ends_with_counts_equal_to_a_recount(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.skip("the table lock under test is PostgreSQL's; SQLite serialises every write anyway")
        officer = make_user("mem12d.race.hnd", "officer", "C30463-HND")
        hnd = Organisation.objects.get(code="HND")
        owner = OrgUnit.objects.get(code="C30463-HND")
        branch = branch_create(actor=officer, organisation=hnd, owner=owner, name="Chi hội thử tranh chấp")
        scope = branch.commune.code
        try:
            for round_no in range(ROUNDS):
                # A count gone wrong (what a repair is for): the repair must mend it without losing the import.
                tally_apply({("VN", "org:HND", "M", 1900): 5})
                assert tally_verify()["differences"]
                applied = threading.Event()

                def import_and_hold(r=round_no, applied=applied):
                    with transaction.atomic():
                        result = members_import(actor=officer, branch=branch, rows=_rows(r), decisions={})
                        applied.set()
                        _until_someone_waits_on_a_lock()
                    return result

                def repair(applied=applied):
                    assert applied.wait(120), "the import never reached its counts"
                    return tally_verify(repair=True)

                results = at_once(import_and_hold, repair)
                assert not any(isinstance(r, Exception) for r in results), results
                assert results[0]["new"] == ROWS
                assert tally_verify()["differences"] == []
                people = (round_no + 1) * ROWS
                assert _count(scope, "org:HND") == _count(scope, "any") == people
        finally:
            mine = list(Person.objects.filter(memberships__branch=branch).values_list("pk", flat=True))
            for standing in standings(mine).values():
                tally_apply(difference(standing, None))
            Membership.objects.filter(branch=branch).delete()
            Person.objects.filter(pk__in=mine).delete()
            Branch.objects.filter(pk=branch.pk).delete()
            MemberTally.objects.filter(birth_year=1900).delete()
        assert _count(scope, "any") == 0
