"""The petition page costs a fixed number of queries, for a commune officer on their own petition and for the
province's leader, whatever the number of handlers, attachments and events; the handlers are read once (the
list on the page also says whether the person is one of them). Counts, never timings."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from danvan.petitions import services

from .factories import TODAY, receive

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%test\n"
# They were 14 and 13: the handlers were read twice, once to list them and once to ask whether the person is one.
# The commune officer is a handler of the petition they received and pays one query more: that their role still
# lets them handle it.
COUNTS = {"commune": 13, "leader": 12}


def _queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize("who", ["commune", "leader"])
def test_the_petition_page_costs_the_same_queries_as_its_handlers_files_and_events_grow(client, who):
    officer = make_user("dq.commune", "officer", "C7288-DU")
    leader = make_user("dq.leader", "leader", "P24-TU")
    # The officer who records a petition handles it.
    petition = receive(officer, unit_code="C7288-DU")
    viewer = {"commune": officer, "leader": leader}[who]
    client.force_login(viewer)
    url = f"/don-thu/{petition.code}/"
    client.get(url)  # the first request of a session
    first = _queries(client, url)
    for n in range(3):
        colleague = make_user(f"dq.colleague{n}", "officer", "C7288-DU")
        services.petition_handler_assign(actor=officer, petition=petition, user=colleague)
        services.petition_attachment_add(
            actor=officer, petition=petition, upload=SimpleUploadedFile(f"scan{n}.pdf", PDF)
        )
    services.petition_process(actor=officer, petition=petition, on=TODAY)
    then = _queries(client, url)
    assert len(first) == len(then) == COUNTS[who], (len(first), len(then))
    assert sum(1 for q in then if 'FROM "petitions_petitionhandler"' in q.split(" WHERE ")[0]) == 1


def test_a_repeat_and_a_transferred_petition_show_their_links_for_one_query_more(client):
    from danvan.petitions.models import Petition

    officer = make_user("dq.commune", "officer", "C7288-DU")
    earlier, source, petition = (receive(officer, unit_code="C7288-DU") for _ in range(3))
    client.force_login(officer)
    url = f"/don-thu/{petition.code}/"
    client.get(url)
    plain = _queries(client, url)
    Petition.objects.filter(pk=petition.pk).update(repeat_of=earlier, transferred_from=source)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    assert len(captured) == len(plain) + 1
    assert f'href="/don-thu/{earlier.code}/">{earlier.code}</a>' in page
    assert f'href="/don-thu/{source.code}/">{source.code}</a>' in page
    # The plain page reads no other petition than its own.
    assert sum(1 for q in plain if 'FROM "petitions_petition"' in q) == 1
