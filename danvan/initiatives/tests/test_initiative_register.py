import pytest

from danvan.audit.models import AuditEvent
from danvan.core.errors import ApplicationError
from danvan.initiatives.models import Initiative, Status
from danvan.initiatives.tests.factories import DAY, register


def test_it_registers_a_model_with_a_yearly_code_targets_and_one_audit_event(commune_officer_a):
    first = register(commune_officer_a)
    second = register(commune_officer_a, name="Mô hình thứ hai")

    assert first.code == "MH-2026-000001"
    assert second.code == "MH-2026-000002"
    assert first.status == Status.REGISTERED
    assert first.province.code == "P24-TU"
    assert first.name_folded == "dan van kheo trong xay dung duong giao thong nong thon"
    assert [t.indicator for t in first.targets.all()] == ["Đường bê tông", "Hộ hiến đất"]
    assert AuditEvent.objects.filter(action="initiative.registered", target_id=first.code).count() == 1


def test_the_sequence_restarts_each_year(commune_officer_a):
    register(commune_officer_a)
    other = register(commune_officer_a, year=2027, name="Năm sau")
    assert other.code == "MH-2027-000001"


def test_it_refuses_a_unit_outside_the_registrants_subtree(commune_officer_a, officer_b):
    with pytest.raises(ApplicationError) as err:
        register(commune_officer_a, unit_code="P24-TU")
    assert err.value.field == "unit"
    with pytest.raises(ApplicationError):
        register(officer_b)
    assert not Initiative.objects.exists()


def test_a_reporter_may_register_for_their_own_unit(reporter_a):
    assert register(reporter_a, unit_code="C7288-HND").unit.code == "C7288-HND"


def test_it_warns_about_a_duplicate_name_in_the_same_unit_and_year_and_allows_confirming(commune_officer_a):
    first = register(commune_officer_a)
    with pytest.raises(ApplicationError) as err:
        register(commune_officer_a, name="  DÂN VẬN KHÉO trong xây dựng đường giao thông nông thôn ")
    assert err.value.code == "duplicate"
    assert err.value.extra["existing"] == first.code
    again = register(
        commune_officer_a, name="Dân vận khéo trong xây dựng đường giao thông nông thôn", allow_duplicate=True
    )
    assert again.code != first.code
    # Another year is not a duplicate.
    register(commune_officer_a, year=2027)


def test_an_individual_exemplar_needs_the_persons_name(commune_officer_a):
    with pytest.raises(ApplicationError) as err:
        register(commune_officer_a, kind="individual")
    assert err.value.field == "person_name"
    person = register(commune_officer_a, kind="individual", person_name="Nguyễn Văn An", name="Điển hình")
    assert person.person_name == "Nguyễn Văn An"


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"name": " "}, "name"),
        ({"field": "the_thao"}, "field"),
        ({"goal": ""}, "goal"),
        ({"end_date": DAY.replace(month=1)}, "end_date"),
        ({"targets": [("Đường", "km", "năm")]}, "targets"),
        ({"targets": [("Đường", "km", "-1")]}, "targets"),
        ({"targets": [("", "km", "1")]}, "targets"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(commune_officer_a, kw, field):
    with pytest.raises(ApplicationError) as err:
        register(commune_officer_a, **kw)
    assert err.value.field == field
    assert not Initiative.objects.exists()
    assert not AuditEvent.objects.filter(action="initiative.registered").exists()
