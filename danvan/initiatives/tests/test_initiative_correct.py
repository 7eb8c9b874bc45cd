"""Correcting a registered model: the details change with a reason and history; unit, year and targets stay."""

import pytest

from danvan.audit.models import AuditEvent
from danvan.core.errors import ApplicationError
from danvan.core.locking import version_of
from danvan.initiatives.corrections import initiative_correct
from danvan.initiatives.models import Initiative

from .factories import DAY, register

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Dân vận khéo trong xây dựng đường giao thông nông thôn",
    "field": "kinh_te",
    "kind": "collective",
    "goal": "Vận động nhân dân hiến đất, góp công làm đường",
    "start_date": DAY.strftime("%d/%m/%Y"),
}


def test_a_typo_in_the_name_is_corrected_on_the_page_and_shown_in_the_history(client_for, commune_officer_a):
    initiative = register(commune_officer_a, name="Dân vận khéo trong xây dựng đường giao thong")
    client = client_for(commune_officer_a)
    assert (
        f'href="/dan-van-kheo/{initiative.code}/sua/"'
        in client.get(f"/dan-van-kheo/{initiative.code}/").content.decode()
    )
    data = {**FORM, "reason": "Sai chính tả", "expected_version": version_of(initiative)}
    assert client.post(f"/dan-van-kheo/{initiative.code}/sua/", data).status_code == 302
    initiative.refresh_from_db()
    assert initiative.name == FORM["name"]
    assert initiative.name_folded == "dan van kheo trong xay dung duong giao thong nong thon"
    assert initiative.targets.count() == 2 and initiative.year == 2026
    page = client.get(f"/dan-van-kheo/{initiative.code}/sua/").content.decode()
    assert "Sai chính tả" in page and "đường giao thong" in page  # the old name, struck through in the history
    # The same page submitted again (its version is now old) is a conflict and changes nothing.
    stale = client.post(f"/dan-van-kheo/{initiative.code}/sua/", {**data, "goal": "Mục tiêu khác"}).content.decode()
    assert "Mô hình này vừa được" in stale
    assert Initiative.objects.get().goal == FORM["goal"]


def test_a_name_taken_by_another_model_of_the_unit_and_year_is_refused(commune_officer_a):
    register(commune_officer_a, name="Mô hình A")
    second = register(commune_officer_a, name="Mô hình B")
    with pytest.raises(ApplicationError) as refused:
        initiative_correct(
            actor=commune_officer_a,
            initiative=second,
            reason="Đổi tên",
            name="Mô hình A",
            field="kinh_te",
            goal=second.goal,
            start_date=DAY,
        )
    assert refused.value.field == "name" and "đã có mô hình cùng tên" in refused.value.message
    assert not AuditEvent.objects.filter(action="initiative.corrected").exists()


def test_someone_outside_the_unit_cannot_correct(client_for, commune_officer_a, officer_b):
    initiative = register(commune_officer_a)
    assert client_for(officer_b).get(f"/dan-van-kheo/{initiative.code}/sua/").status_code == 404
