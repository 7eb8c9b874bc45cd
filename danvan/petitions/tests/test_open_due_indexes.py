"""The partial indexes behind a person's due petitions cover exactly the open statuses."""

from danvan.petitions import models
from danvan.petitions.models import Petition


def test_the_indexes_statuses_are_the_open_statuses():
    assert set(models._OPEN) == {str(s) for s in Petition.OPEN_STATUSES}
    conditions = {i.name: i.condition for i in Petition._meta.indexes if i.condition is not None}
    for name in ("petition_open_creator_due_idx", "petition_open_unit_due_idx"):
        ((lookup, values),) = conditions[name].children
        assert lookup == "status__in" and set(values) == set(models._OPEN)
