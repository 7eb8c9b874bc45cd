"""Bidirectional control characters never reach the database from a form, an import or the API's schemas."""

import io

import pytest
from pydantic import TypeAdapter

from conftest import PASSWORD
from danvan.accounts.models import User
from danvan.core.schemas import CleanStr
from danvan.core.text import BIDI_CONTROLS, strip_bidi_controls
from danvan.organisations.models import OrgUnit

# "Thôn ‮gnắT‬" shows on screen as "Thôn Tắng" with the override, though it is stored reversed.
TRICK = "\u202eThôn Đồng\u202c Tâm\u2066\u200f"


def test_the_helper_strips_every_control_and_keeps_vietnamese():
    assert strip_bidi_controls(TRICK) == "Thôn Đồng Tâm"
    assert strip_bidi_controls("x".join(BIDI_CONTROLS)) == "x" * (len(BIDI_CONTROLS) - 1)
    assert strip_bidi_controls(None) is None and strip_bidi_controls(7) == 7


@pytest.mark.django_db
def test_a_unit_added_through_its_form_is_stored_without_them(client_for, commune_officer_a):
    response = client_for(commune_officer_a).post("/don-vi/C7288-DU/them-don-vi/", {"name": TRICK, "kind": "village"})
    assert response.status_code == 302
    assert OrgUnit.objects.filter(name="Thôn Đồng Tâm", parent__code="C7288-DU").exists()


@pytest.mark.django_db
def test_a_position_recorded_through_its_form_is_stored_without_them(client_for, officer_a):
    response = client_for(officer_a).post(
        "/don-vi/P24-TGDV/chuc-vu/them/", {"full_name": "\u202dPhạm Văn Thịnh", "title": "Trưởng ban\u2069"}
    )
    assert response.status_code == 302
    position = OrgUnit.objects.get(code="P24-TGDV").positions.get()
    assert (position.person.full_name, position.title) == ("Phạm Văn Thịnh", "Trưởng ban")


@pytest.mark.django_db
def test_a_name_of_nothing_but_controls_is_a_missing_name(client_for, commune_officer_a):
    before = OrgUnit.objects.count()
    response = client_for(commune_officer_a).post(
        "/don-vi/C7288-DU/them-don-vi/", {"name": " \u202e\u202c ", "kind": "village"}
    )
    assert response.status_code == 200 and response.context["form"].errors["name"]
    assert OrgUnit.objects.count() == before


@pytest.mark.django_db
def test_an_imported_csv_is_stored_without_them(client_for, commune_officer_a, django_capture_on_commit_callbacks):
    file = io.BytesIO(f"ma_xa,ten,loai\n7288,{TRICK},thon\n".encode())
    file.name = "thon.csv"
    # The import is written by a background job, enqueued when the page's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        client_for(commune_officer_a).post("/don-vi/C7288-DU/nhap-thon/", {"file": file})
    assert OrgUnit.objects.filter(name="Thôn Đồng Tâm", parent__code="C7288-DU").exists()


@pytest.mark.django_db
def test_a_password_keeps_every_character_it_was_typed_with(client_for, admin_a):
    password = "Mat-khau-\u200fla-2026"
    response = client_for(admin_a).post(
        "/don-vi/C7294-DU/tai-khoan-moi/",
        {
            "username": "xa.botha",
            "full_name": "\u202eLý Thị Hạnh",
            "email": "",
            "role": "officer",
            "password": password,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="xa.botha")
    assert user.full_name == "Lý Thị Hạnh"
    assert user.check_password(password) and not user.check_password(PASSWORD)


def test_the_api_schema_type_cleans_the_same_way():
    assert TypeAdapter(CleanStr).validate_python(TRICK) == "Thôn Đồng Tâm"
