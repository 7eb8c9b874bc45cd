import datetime as dt

import pytest

from danvan.accounts.demo import demo_data_load
from danvan.petitions.demo import demo_petitions_load
from danvan.petitions.models import ConfidentialIdentity, Petition, Petitioner
from danvan.petitions.selectors import petitions_due_for_officer

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 2)


def test_the_demo_petitions_cover_each_state_keep_the_denouncer_apart_and_load_once():
    demo_data_load()
    codes = demo_petitions_load(today=TODAY)
    petitions = {p.code: p for p in Petition.objects.filter(code__in=codes)}
    assert len(petitions) == 6
    states = sorted(p.status for p in petitions.values())
    assert states == sorted(["resolving", "received", "resolved", "processed", "received", "transferred"])
    # The land complaint is being resolved with a live legal deadline after today.
    land = next(p for p in petitions.values() if p.status == "resolving")
    assert land.due_on and land.due_on > TODAY
    # The denouncer is only in the confidential table.
    denunciation = next(p for p in petitions.values() if p.category == "to_cao")
    assert not Petitioner.objects.filter(petition=denunciation).exists()
    assert ConfidentialIdentity.objects.filter(petition=denunciation).count() == 1
    assert {p.unit.code for p in petitions.values()} == {"C7288-UBND", "C7288-DU", "P24-TU"}
    # The group's recommendation is due within the inbox's three days, so its handler sees it in "Việc của tôi".
    farm = next(p for p in petitions.values() if p.petitioner_kind == "group")
    assert TODAY < farm.due_on <= TODAY + dt.timedelta(days=2)
    due = petitions_due_for_officer(user=farm.handlers.get().user, today=TODAY)
    assert farm in due.due_soon
    assert demo_petitions_load(today=TODAY) == []
