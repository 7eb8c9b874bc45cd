"""Two communes posting disclosures of one quarter at the same moment on PostgreSQL: neither waits for the other,
and the stored compliance table counts both (decision 0055). A second posting of the same commune does wait for
the first (they recount one row), which shows the watch below sees a wait when there is one.

The threads need committed rows, so this test runs outside the per-test transaction (autocommit, like the server)
on communes of Hà Nội (P1), which no other test uses, and removes what it wrote (its accounts and audit events stay:
the audit is append-only).
"""

import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction

from conftest import make_user
from danvan.democracy import services
from danvan.democracy.compliance_store import stored_rollup, summary_build
from danvan.democracy.models import Base, ComplianceQuarter, Disclosure
from danvan.democracy.selectors import compliance_rollup
from danvan.democracy.tests.factories import disclose
from danvan.organisations.models import OrgUnit

Q1 = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))


class Holder:
    """Runs a posting in a thread inside a transaction it keeps open until released."""

    def __init__(self, call):
        self.call, self.holding, self.release, self.error = call, threading.Event(), threading.Event(), None
        self.thread = threading.Thread(target=self._run)

    def _run(self):
        try:
            with transaction.atomic():
                self.call()
                self.holding.set()
                self.release.wait(120)
        except Exception as exc:  # noqa: BLE001 - the test reads it
            self.error = exc
        finally:
            self.holding.set()
            connections.close_all()

    def __enter__(self):
        self.thread.start()
        self.holding.wait(120)
        assert self.error is None, self.error
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join(120)


def _waits_for_a_lock(call, holder: Holder) -> bool:
    """Run `call` in a thread (its own connection) while `holder` keeps its transaction open; return whether its
    backend ever waited for a lock. If it does, the holder is released so that it can finish."""
    started, state = threading.Event(), {}

    def run():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                state["pid"] = cursor.fetchone()[0]
            started.set()
            call()
        except Exception as exc:  # noqa: BLE001 - the test reads it
            state["error"] = exc
        finally:
            started.set()
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    started.wait(120)
    waited = False
    with connections["default"].cursor() as cursor:
        while thread.is_alive():
            cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [state.get("pid")])
            found = cursor.fetchone()
            if found and found[0] == "Lock":
                waited = True
                holder.release.set()
                break
            thread.join(0.005)
    thread.join(120)
    assert "error" not in state, state["error"]
    return waited


def _stored(area_code: str) -> dict:
    area = OrgUnit.objects.get(code=area_code)
    return {
        r.unit.code: (r.disclosed, r.late, r.short, r.missing, r.behind)
        for r in stored_rollup(area=area, kind="commune", start=Q1[0], end=Q1[1])
    }


def _live(area_code: str) -> dict:
    area = OrgUnit.objects.get(code=area_code)
    return {
        r.unit.code: (r.disclosed, r.late, r.short, r.missing, r.behind)
        for r in compliance_rollup(area=area, kind="commune", start=Q1[0], end=Q1[1])
    }


def test_two_communes_posting_at_once_do_not_wait_for_each_other(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.skip("the row locks under test are PostgreSQL's; SQLite serialises every write anyway")
        ba_dinh = make_user("qcdc.race.badinh", "officer", "C4-DU")
        ngoc_ha = make_user("qcdc.race.ngocha", "officer", "C8-DU")
        first = services.base_for_commune(actor=ba_dinh, unit=OrgUnit.objects.get(code="C4-DU"))
        second = services.base_for_commune(actor=ngoc_ha, unit=OrgUnit.objects.get(code="C8-DU"))
        try:
            summary_build(kind="commune", start=Q1[0], end=Q1[1])
            day = dt.date(2026, 1, 6)

            # Ba Đình's posting is in flight (its transaction open) while Ngọc Hà posts in the same quarter.
            with Holder(lambda: disclose(ba_dinh, first, 2, start=day, end=dt.date(2026, 2, 20))) as holder:
                waited = _waits_for_a_lock(
                    lambda: disclose(ngoc_ha, second, 2, start=day, end=dt.date(2026, 2, 20)), holder
                )
            assert not waited, "Ngọc Hà's posting waited for Ba Đình's"
            assert holder.error is None, holder.error
            stored = _stored("P1-TU")
            assert stored["C4-DU"][0] == 1 and stored["C8-DU"][0] == 1
            assert stored == _live("P1-TU")

            # The same commune twice at once (two postings too short): the second recounts the same row, so it
            # waits, then counts both.
            short = dt.date(2026, 1, 7)
            with Holder(lambda: disclose(ba_dinh, first, 2, start=day, end=short)) as holder:
                waited = _waits_for_a_lock(lambda: disclose(ba_dinh, first, 2, start=day, end=short), holder)
            assert waited, "a second posting of one commune must wait for the first"
            stored = _stored("P1-TU")
            assert stored["C4-DU"][2] == 2
            assert stored == _live("P1-TU")
            assert _stored("TW") == _live("TW")
        finally:
            Disclosure.objects.filter(base__in=[first, second]).delete()
            ComplianceQuarter.objects.all().delete()
            Base.objects.filter(pk__in=[first.pk, second.pk]).delete()
