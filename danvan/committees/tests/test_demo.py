import pytest

from danvan.accounts.demo import demo_data_load
from danvan.committees.demo import demo_committees_load
from danvan.committees.models import Committee

pytestmark = pytest.mark.django_db


def test_the_demo_committee_has_a_reorganisation_and_loads_once():
    demo_data_load()
    codes = demo_committees_load()
    committee = Committee.objects.get(code=codes[0])
    numbers = list(committee.compositions.order_by("number").values_list("number", "ended_on"))
    assert [n for n, _ in numbers] == [1, 2] and numbers[0][1] is not None and numbers[1][1] is None
    assert demo_committees_load() == []
