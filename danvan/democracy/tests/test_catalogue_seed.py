"""The catalogue is data: the 14 items of Điều 11 for communes and the rules are seeded rows officials correct."""

import pytest

from danvan.audit.models import AuditEvent
from danvan.democracy.models import DisclosureItem, Rule
from danvan.democracy.seed import COMMUNE_ITEMS

pytestmark = pytest.mark.django_db


def test_the_fourteen_items_of_article_11_are_seeded_for_communes():
    items = DisclosureItem.objects.filter(base_kind="commune")
    assert items.count() == 14 == len(COMMUNE_ITEMS)
    assert items.get(number=2).frequency == "quarter"
    # Items 7–12 go on the loudspeakers for at least 3 consecutive days (Điều 13.3).
    assert sorted(items.filter(loudspeaker_days=3).values_list("number", flat=True)) == [7, 8, 9, 10, 11, 12]
    # Unconfirmed wording is marked as such.
    assert not items.get(number=9).wording_confirmed and items.get(number=1).wording_confirmed


def test_the_legal_minimums_are_rules_in_the_database():
    assert Rule.objects.get(code="consultation_min_days").value == 30
    assert Rule.objects.get(code="vote_threshold_percent").value == 50


def test_a_provincial_leader_corrects_an_item_and_it_is_audited(client_for, leader_a):
    item = DisclosureItem.objects.get(base_kind="commune", number=4)
    client = client_for(leader_a)
    response = client.post(
        f"/dan-chu/danh-muc/{item.pk}/",
        {
            "title": "Nhiệm vụ, quyền hạn của cán bộ, công chức cấp xã",
            "legal_reference": "Điều 11 khoản 4",
            "frequency": "event",
            "min_days": "45",
            "due_days": "",
            "loudspeaker_days": "",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.min_days == 45
    event = AuditEvent.objects.get(action="democracy.item_updated")
    assert event.before["min_days"] == 30 and event.after["min_days"] == 45


def test_a_commune_officer_cannot_correct_the_catalogue(client_for, commune_officer_a):
    item = DisclosureItem.objects.get(base_kind="commune", number=4)
    assert client_for(commune_officer_a).get(f"/dan-chu/danh-muc/{item.pk}/").status_code == 404
