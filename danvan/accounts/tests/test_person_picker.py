"""Choosing a person by name (a handler, a judge) instead of typing a username."""

from django.urls import reverse

from conftest import PASSWORD
from danvan.organisations.widgets import PersonPicker


def test_the_person_picker_finds_people_in_scope_by_name_without_diacritics(client, officer_a, commune_officer_a):
    commune_officer_a.full_name = "Nguyễn Thị Hường"
    commune_officer_a.save()
    assert client.login(username=officer_a.username, password=PASSWORD)
    data = client.get(reverse("accounts:pick"), {"q": "nguyen thi huong"}).json()
    assert [row["code"] for row in data["results"]] == [commune_officer_a.username]
    assert data["results"][0]["name"] == "Nguyễn Thị Hường"
    assert "Đảng ủy xã Yên Thế" in data["results"][0]["path"]


def test_the_person_picker_never_offers_people_outside_the_scope(client, officer_b, commune_officer_a):
    assert client.login(username=officer_b.username, password=PASSWORD)
    assert client.get(reverse("accounts:pick"), {"q": commune_officer_a.username}).json()["results"] == []


def test_a_chosen_person_is_shown_by_name_and_posted_by_username(db, commune_officer_a):
    html = PersonPicker().render("username", commune_officer_a.username, attrs={"id": "id_username"})
    assert f'value="{commune_officer_a.username}"' in html and 'type="hidden"' in html
    assert f'value="{commune_officer_a.get_full_name()}"' in html
