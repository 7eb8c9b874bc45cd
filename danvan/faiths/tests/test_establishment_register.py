import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.faiths import services
from danvan.faiths.models import Denomination, Dignitary, Establishment, FollowerFigure, Religion
from danvan.faiths.tests.factories import pagoda
from danvan.organisations.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_a_commune_registers_a_pagoda_with_its_dignitaries_and_followers(commune_officer_a):
    establishment = pagoda(
        commune_officer_a,
        dignitaries=[
            {"full_name": "Thích Minh Đức", "position": "Trụ trì", "birth_year": "1972"},
            {"full_name": "Nguyễn Văn Hòa", "position": "Trưởng ban hộ tự", "kind": "official"},
        ],
    )
    assert establishment.code.startswith("CS-")
    assert [(d.position, d.kind, d.birth_year) for d in establishment.dignitaries.all()] == [
        ("Trụ trì", "dignitary", 1972),
        ("Trưởng ban hộ tự", "official", None),
    ]
    assert FollowerFigure.objects.get(establishment=establishment).followers == 300
    event = AuditEvent.objects.get(action=Action.FAITH_ESTABLISHMENT_REGISTERED)
    assert event.details["dignitaries"] == 2
    # The audit trail keeps counts, not the dignitaries' names (personal data stays in its table).
    assert "Thích Minh Đức" not in str(event.details) + str(event.after)


def _register(actor, **overrides):
    data = {
        "actor": actor,
        "unit": OrgUnit.objects.get(code="C7288-DU"),
        "religion": Religion.objects.get(slug="cong-giao"),
        "kind": "church",
        "name": "Nhà thờ Thử",
    }
    data.update(overrides)
    return services.establishment_register(**data)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": "  "}, "name"),
        ({"religion": None}, "religion"),
        ({"kind": "castle"}, "kind"),
        ({"dignitaries": [{"full_name": "Giuse An", "position": ""}]}, "dignitaries"),
        ({"dignitaries": [{"full_name": "Giuse An", "position": "Linh mục", "birth_year": "72"}]}, "dignitaries"),
        ({"followers": 10, "followers_year": 1900}, "followers_year"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_written(commune_officer_a, overrides, field):
    with pytest.raises(ApplicationError) as caught:
        _register(commune_officer_a, **overrides)
    assert caught.value.field == field
    assert not Establishment.objects.exists() and not Dignitary.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.FAITH_ESTABLISHMENT_REGISTERED).exists()


def test_a_denomination_of_another_religion_is_refused(commune_officer_a):
    buddhist = Denomination.objects.get(name="Giáo hội Phật giáo Việt Nam")
    with pytest.raises(ApplicationError) as caught:
        _register(commune_officer_a, denomination=buddhist)
    assert caught.value.field == "denomination" and "không thuộc Công giáo" in caught.value.message


def test_a_village_of_the_commune_is_kept_and_one_outside_it_is_refused(commune_officer_a, sysadmin):
    from danvan.organisations.services import orgunit_create

    ours = orgunit_create(
        actor=sysadmin, parent=OrgUnit.objects.get(code="C7288-DU"), name="Thôn Đồng Tâm", kind="village"
    )
    other = orgunit_create(actor=sysadmin, parent=OrgUnit.objects.get(code="C7210-DU"), name="Thôn Xa", kind="village")
    with pytest.raises(ApplicationError) as caught:
        _register(commune_officer_a, village=other)
    assert caught.value.field == "village"
    assert _register(commune_officer_a, village=ours).village == ours


def test_a_commune_outside_the_officers_scope_is_refused(officer_b):
    with pytest.raises(ApplicationError) as caught:
        _register(officer_b)
    assert caught.value.field == "unit"


def test_the_register_is_per_commune_not_per_province(officer_a):
    with pytest.raises(ApplicationError) as caught:
        _register(officer_a, unit=OrgUnit.objects.get(code="P24-TU"))
    assert caught.value.field == "unit" and "cấp xã" in caught.value.message


def test_a_correction_is_locked_and_audited_with_before_and_after(commune_officer_a, leader_a):
    from danvan.core.locking import version_of

    establishment = pagoda(commune_officer_a)
    shown = version_of(establishment)
    services.establishment_update(
        actor=leader_a,
        establishment=establishment,
        religion=establishment.religion,
        kind="pagoda",
        name="Chùa Thử (Phúc Lâm tự)",
        expected_version=shown,
    )
    with pytest.raises(ApplicationError) as caught:
        services.establishment_update(
            actor=commune_officer_a,
            establishment=establishment,
            religion=establishment.religion,
            kind="pagoda",
            name="Tên khác",
            expected_version=shown,
        )
    assert caught.value.code == "conflict"
    establishment.refresh_from_db()
    assert establishment.name == "Chùa Thử (Phúc Lâm tự)"
    event = AuditEvent.objects.get(action=Action.FAITH_ESTABLISHMENT_UPDATED)
    assert event.before["name"] == "Chùa Thử" and event.after["name"] == "Chùa Thử (Phúc Lâm tự)"


def test_a_dignitary_is_corrected_or_marked_as_no_longer_serving(commune_officer_a):
    establishment = pagoda(commune_officer_a)
    dignitary = establishment.dignitaries.get()
    services.dignitary_update(
        actor=commune_officer_a,
        dignitary=dignitary,
        full_name="Thích Thanh Tâm",
        position="Nguyên trụ trì",
        kind="dignitary",
        birth_year=1970,
        active=False,
    )
    dignitary.refresh_from_db()
    assert dignitary.position == "Nguyên trụ trì" and not dignitary.active
    assert AuditEvent.objects.get(action=Action.FAITH_DIGNITARY_UPDATED).before["position"] == "Trụ trì"


def test_followers_per_year_are_entered_once_and_corrected(commune_officer_a):
    establishment = pagoda(commune_officer_a)
    services.followers_set(actor=commune_officer_a, establishment=establishment, year=2026, followers=320)
    services.followers_set(actor=commune_officer_a, establishment=establishment, year=2025, followers=280)
    assert list(establishment.followers.values_list("year", "followers")) == [(2026, 320), (2025, 280)]
    corrected = AuditEvent.objects.filter(action=Action.FAITH_FOLLOWERS_SET).order_by("id").first()
    assert corrected.before == {"followers": 300, "households": None} and corrected.after["followers"] == 320
