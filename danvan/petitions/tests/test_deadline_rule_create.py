import datetime as dt

import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.petitions.deadlines import deadline_for
from danvan.petitions.models import DeadlineRule
from danvan.petitions.services import deadline_rule_create, deadline_rule_end, holiday_set

pytestmark = pytest.mark.django_db

D = dt.date
NEW_LAW = dict(
    procedure="to_cao",
    step="giai_quyet",
    days=45,
    day_type="calendar",
    extension_days=30,
    max_extensions=1,
    legal_basis="Luật 136/2025/QH15 (giả định để thử)",
    effective_from=D(2026, 7, 1),
)


def test_a_new_law_is_a_new_row_after_ending_the_old_one(sysadmin):
    old = DeadlineRule.objects.get(procedure="to_cao", step="giai_quyet")
    deadline_rule_end(actor=sysadmin, rule=old, effective_to=D(2026, 6, 30))
    deadline_rule_create(actor=sysadmin, **NEW_LAW)
    assert deadline_for("to_cao", "giai_quyet", D(2026, 6, 30)).days == 30
    assert deadline_for("to_cao", "giai_quyet", D(2026, 7, 1)).days == 45
    # `on` picks the rule by another date than the start date.
    assert deadline_for("to_cao", "giai_quyet", D(2026, 7, 1), on=D(2026, 6, 1)).days == 30
    assert AuditEvent.objects.filter(action=Action.DEADLINE_RULE_CREATED).count() == 1


def test_a_rule_overlapping_one_with_the_same_key_is_refused_with_a_field_message(sysadmin):
    with pytest.raises(ApplicationError) as exc:
        deadline_rule_create(actor=sysadmin, **NEW_LAW)
    assert exc.value.field == "effective_from"
    assert "trùng thời gian" in exc.value.message and "01/01/2019" in exc.value.message
    assert DeadlineRule.objects.filter(procedure="to_cao", step="giai_quyet").count() == 1


def test_a_variant_is_another_key_and_may_overlap(sysadmin):
    deadline_rule_create(actor=sysadmin, **{**NEW_LAW, "variant": "dang"})
    assert deadline_for("to_cao", "giai_quyet", D(2026, 7, 1), variant="dang").days == 45


def test_an_end_before_the_start_is_refused(sysadmin):
    old = DeadlineRule.objects.get(procedure="xu_ly_don", step="xu_ly")
    with pytest.raises(ApplicationError) as exc:
        deadline_rule_end(actor=sysadmin, rule=old, effective_to=D(2020, 1, 1))
    assert exc.value.field == "effective_to"


def test_only_a_national_administrator_edits_rules_and_holidays(admin_a):
    with pytest.raises(ApplicationError):
        deadline_rule_create(actor=admin_a, **NEW_LAW)
    with pytest.raises(ApplicationError):
        holiday_set(actor=admin_a, date=D(2027, 2, 11), name="Tết")


def test_holidays_are_editable(sysadmin):
    holiday_set(actor=sysadmin, date=D(2027, 2, 11), name="Tết Nguyên đán Đinh Mùi")
    assert deadline_for("xu_ly_don", "xu_ly", D(2027, 2, 1)).due == D(2027, 2, 12)
