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


def test_the_centre_searches_every_issuer_without_the_scope_filter_and_finds_the_same_page(monkeypatch, officer_b):
    from conftest import make_user

    drafter, head, signer = people()
    centre = make_user("centre.officer", "officer", "TW")
    assert selectors._scope_units(centre) is selectors.WHOLE_TREE
    assert selectors._scope_units(officer_b) is not selectors.WHOLE_TREE
    older = plan(drafter, head, signer, title="Hướng dẫn vận động hiến đất làm đường")
    newer = [plan(drafter, head, signer, title=f"Kế hoạch Tháng Dân vận đợt {n}") for n in range(3)]
    monkeypatch.setattr(selectors, "SEARCH_WINDOW", 2)
    # The window fills the page: the newest matches; a word beyond the window: the whole index.
    assert [d.pk for d in selectors.document_list_for_user(user=centre, q="thang dan van", limit=2)] == [
        newer[2].pk,
        newer[1].pk,
    ]
    assert [d.pk for d in selectors.document_list_for_user(user=centre, q="hien dat", limit=2)] == [older.pk]
    assert len(selectors.document_list_for_user(user=centre, limit=10)) == 4
    # A province outside P24 sees none of them, searched or not.
    assert selectors.document_list_for_user(user=officer_b, q="thang dan van", limit=2) == []


def test_a_search_of_only_percent_signs_and_underscores_is_no_wildcard(monkeypatch):
    from conftest import make_user

    drafter, head, signer = people()
    plans = [plan(drafter, head, signer, title=f"Kế hoạch số {n}") for n in range(2)]
    centre = make_user("centre.officer", "officer", "TW")
    monkeypatch.setattr(selectors, "SEARCH_WINDOW", 10)
    # Folding drops them: the list as without words, newest first; no SQL wildcard reaches the database.
    assert [d.pk for d in selectors.document_list_for_user(user=centre, q="%_%", limit=5)] == [
        plans[1].pk,
        plans[0].pk,
    ]
    assert selectors._window_ids(selectors.Document.objects.order_by("-created_at", "-id"), "%_", 5) == []


def test_a_small_scope_read_issuer_by_issuer_gives_the_plain_pages(monkeypatch, officer_a):
    """On PostgreSQL a scope given as a list of issuers is read newest first per issuer and merged (a search of at
    most WALK_MAX documents tests each text on the way); the pages equal those of the trigram index and of the plain
    query, across issuers, with a status filter, and with the draft routed to the person merged in."""
    from conftest import make_user
    from danvan.documents.models import Document
    from danvan.organisations.models import OrgUnit

    drafter, head, signer = people()
    front = OrgUnit.objects.get(code="C7288-KDV")
    front_drafter = make_user("drafter.kdv", "officer", "C7288-KDV")
    made = []
    for n in range(3):
        made.append(plan(drafter, head, signer, title=f"Kế hoạch Tháng Dân vận của Ban số {n}"))
        made.append(plan(front_drafter, issuer=front, title=f"Kế hoạch Tháng Dân vận của Khối dân vận số {n}"))
    guide = {"purpose": "Lắng nghe cử tri.", "content": "Tiếp xúc cử tri.", "organisation": "Các xã."}
    made.append(plan(front_drafter, issuer=front, title="Hướng dẫn tiếp xúc cử tri", fields=guide))
    to_signer(made[0], drafter, head)
    newest = sorted(made, key=lambda d: (d.created_at, d.pk), reverse=True)

    def pages():
        return [
            [d.pk for d in selectors.document_list_for_user(user=officer_a, **kw)]
            for kw in (
                {"limit": 3},
                {"limit": 10},
                {"q": "thang dan van", "limit": 4},
                {"q": "tiep xuc cu tri", "limit": 4},
                {"q": "khong co tu nay", "limit": 4},
                {"status": Document.Status.SIGNING, "limit": 4},
            )
        ]

    expected = [
        [d.pk for d in newest[:3]],
        [d.pk for d in newest],
        [d.pk for d in newest if "Tháng" in d.title][:4],
        [newest[0].pk],
        [],
        [made[0].pk],
    ]
    assert pages() == expected  # per issuer (PostgreSQL), the plain query (SQLite)
    monkeypatch.setattr(selectors, "WALK_MAX", 0)
    assert pages() == expected  # a search through the trigram index
