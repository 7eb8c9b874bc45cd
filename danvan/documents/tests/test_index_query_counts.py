"""The documents page of a commune officer (their unit's inbox) costs a fixed number of queries, at most 12,
whatever the number of documents received: the person's scope is read once for the documents and the incoming
register, and the received documents of one unit in one query. Counts, never timings."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.documents import services
from danvan.documents.tests.factories import TODAY, people, plan, to_signer

pytestmark = pytest.mark.django_db

# It was 14: the scope read twice, and the received rows read as ids and then as rows.
COUNT = 12


def _issue(staff, title: str):
    drafter, head, signer = staff
    document = to_signer(plan(drafter, head, signer, tasks="", title=title), drafter, head)
    return services.document_sign_issue(actor=signer, document=document, today=TODAY)


def _count(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/van-ban/")
    assert page.status_code == 200
    return len(captured.captured_queries)


def test_the_commune_inbox_costs_the_same_queries_as_documents_arrive(client, commune_officer_a):
    staff = people()
    _issue(staff, "Kế hoạch Tháng Dân vận năm 2027")
    client.force_login(commune_officer_a)
    client.get("/van-ban/")  # the first request of a session
    first = _count(client)
    _issue(staff, "Hướng dẫn tiếp xúc cử tri")
    _issue(staff, "Kế hoạch tổng kết năm")
    assert len(client.get("/van-ban/").context["received"]) == 3
    assert first == _count(client) == COUNT
