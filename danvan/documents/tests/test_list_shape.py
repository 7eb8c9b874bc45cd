"""The list's shape for a million documents (decision 0049): the scope and "routed to me" read apart and merged,
the search's newest window then the whole index, received documents newest first per unit. Same answers as the
plain query, on small data."""

import pytest

from danvan.documents import selectors, services
from danvan.documents.tests.factories import TODAY, people, plan, to_signer

pytestmark = pytest.mark.django_db


def test_a_search_finds_the_newest_in_the_window_and_an_old_rare_word_beyond_it(monkeypatch, officer_a):
    drafter, head, signer = people()
    old = plan(drafter, head, signer, title="Hướng dẫn vận động hiến đất làm đường")
    newer = [plan(drafter, head, signer, title=f"Kế hoạch Tháng Dân vận đợt {n}") for n in range(3)]
    monkeypatch.setattr(selectors, "SEARCH_WINDOW", 2)
    monkeypatch.setattr(selectors, "SCOPE_LIST_MAX", 0)  # read as a wide scope: the window is used
    # A common word fills the page from the window: the newest first.
    found = selectors.document_list_for_user(user=officer_a, q="thang dan van", limit=2)
    assert [d.pk for d in found] == [newer[2].pk, newer[1].pk]
    # A word only in an old document, outside the window: found through the whole index.
    assert [d.pk for d in selectors.document_list_for_user(user=officer_a, q="hien dat", limit=2)] == [old.pk]
    # Without words: the scope's newest, and a draft routed to a person outside the scope is theirs too.
    assert len(selectors.document_list_for_user(user=officer_a, limit=10)) == 4
    assert {d.pk for d in selectors.document_list_for_user(user=head, limit=10)} >= {old.pk}
    # A small scope (a list of units) gives the same pages without the window.
    monkeypatch.setattr(selectors, "SCOPE_LIST_MAX", 500)
    assert [d.pk for d in selectors.document_list_for_user(user=officer_a, q="thang dan van", limit=2)] == [
        newer[2].pk,
        newer[1].pk,
    ]
    assert [d.pk for d in selectors.document_list_for_user(user=officer_a, q="hien dat", limit=2)] == [old.pk]


def test_received_documents_come_newest_first_for_the_unit(commune_officer_a):
    drafter, head, signer = people()
    first = services.document_sign_issue(
        actor=signer, document=to_signer(plan(drafter, head, signer, tasks=""), drafter, head), today=TODAY
    )
    second = services.document_sign_issue(
        actor=signer,
        document=to_signer(plan(drafter, head, signer, tasks="", title="Hướng dẫn tiếp xúc cử tri"), drafter, head),
        today=TODAY,
    )
    rows = selectors.received_newest(user=commune_officer_a, limit=5)
    assert [r.document_id for r in rows] == [second.pk, first.pk]
    assert [r.document_id for r in selectors.received_newest(user=commune_officer_a, limit=1)] == [second.pk]
