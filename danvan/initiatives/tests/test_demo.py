import pytest

from danvan.accounts.demo import demo_data_load
from danvan.initiatives.demo import demo_initiatives_load
from danvan.initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def test_the_demo_models_go_through_the_real_workflow_once():
    demo_data_load()
    assert demo_initiatives_load() == 4
    assert demo_initiatives_load() == 0
    statuses = sorted(Initiative.objects.values_list("unit__code", "status"))
    assert statuses == [
        ("C7288-DTN", "registered"),
        ("C7288-DU", "approved"),
        ("C7288-HND", "outstanding"),
        ("C7288-MTTQ", "registered"),
    ]
    farming = Initiative.objects.get(unit__code="C7288-HND")
    assert farming.evaluations.count() == 1 and farming.updates.count() == 1
