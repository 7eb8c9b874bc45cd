"""Associations a province adds, through the pages (issue 12, "Organisations"): the province's Ban adds one, the
Front's commune officer opens its branch and adds a member, the commune's statistics count them."""

import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.submissions import TOKEN_FIELD, new_form_token
from danvan.members.models import Branch, Organisation
from danvan.members.tally import tally_verify

pytestmark = pytest.mark.django_db


def _form(province, **extra):
    return {
        "province": province.pk,
        "name": "Hội Người cao tuổi tỉnh Bắc Ninh",
        "short_name": "Hội NCT",
        "min_age": "60",
        "max_age": "",
        "sex_only": "",
        "branch_word": "chi hội",
        TOKEN_FIELD: new_form_token(),
    } | extra


def test_the_provinces_ban_adds_an_association_once(client_for, officer_a, unit):
    client = client_for(officer_a)
    page = client.get("/hoi-vien/to-chuc/").content.decode()
    assert "/hoi-vien/to-chuc/moi/" in page and "Hội Nông dân" in page
    form = client.get("/hoi-vien/to-chuc/moi/").content.decode()
    # The province is chosen from the Ban's own, by name: no code typed, no other province offered.
    assert "Bắc Ninh" in form and "An Giang" not in form
    data = _form(unit("P24-TU"))
    response = client.post("/hoi-vien/to-chuc/moi/", data)
    assert response.status_code == 302 and response["Location"].endswith("/hoi-vien/to-chuc/")
    elderly = Organisation.objects.get(short_name="Hội NCT")
    assert elderly.province == unit("P24-TU") and elderly.min_age == 60 and elderly.code.startswith("A-")
    assert AuditEvent.objects.filter(action=Action.MEMBER_ORGANISATION_ADDED).count() == 1
    # The same form sent again (a double click) writes nothing more.
    client.post("/hoi-vien/to-chuc/moi/", data)
    assert Organisation.objects.filter(province__isnull=False).count() == 1
    assert "Hội Người cao tuổi tỉnh Bắc Ninh" in client.get("/hoi-vien/to-chuc/").content.decode()


def test_another_province_and_an_organisations_officer_neither_see_nor_add_it(
    client_for, officer_a, officer_b, hnd_officer, unit
):
    ban = client_for(officer_a)
    ban.post("/hoi-vien/to-chuc/moi/", _form(unit("P24-TU")))
    ban.get("/hoi-vien/to-chuc/")  # the message of the save is shown (and gone) before the next person looks
    assert Organisation.objects.filter(province__isnull=False).count() == 1
    other = client_for(officer_b)
    page = other.get("/hoi-vien/to-chuc/").content.decode()
    assert "Hội Người cao tuổi tỉnh Bắc Ninh" not in page and "Hội Nông dân" in page
    # An Giang's Ban cannot put an association into Bắc Ninh: the choice is not offered, nothing written.
    response = other.post("/hoi-vien/to-chuc/moi/", _form(unit("P24-TU"), name="Hội Khác"))
    assert response.status_code == 200 and not Organisation.objects.filter(name="Hội Khác").exists()
    # A commune's Hội Nông dân sees the list, not the button, and the form is not theirs.
    farmers = client_for(hnd_officer)
    page = farmers.get("/hoi-vien/to-chuc/").content.decode()
    assert "Hội Người cao tuổi tỉnh Bắc Ninh" in page and "/hoi-vien/to-chuc/moi/" not in page
    assert farmers.get("/hoi-vien/to-chuc/moi/").status_code == 404


@pytest.mark.parametrize(
    ("extra", "field_text"),
    [
        ({"min_age": "70", "max_age": "60"}, "Tuổi tối đa"),
        ({"name": "   "}, "name"),
        ({"min_age": "abc"}, "min_age"),
        ({"branch_word": "hội đồng"}, "branch_word"),
    ],
)
def test_bad_input_is_refused_by_field_and_nothing_is_written(client_for, officer_a, unit, extra, field_text):
    response = client_for(officer_a).post("/hoi-vien/to-chuc/moi/", _form(unit("P24-TU"), **extra))
    assert response.status_code == 200
    form = response.context["form"]
    assert field_text in str(form.errors) or field_text in form.errors
    assert not Organisation.objects.filter(province__isnull=False).exists()


def test_the_same_name_twice_in_a_province_is_refused(client_for, officer_a, unit):
    client = client_for(officer_a)
    client.post("/hoi-vien/to-chuc/moi/", _form(unit("P24-TU")))
    page = client.post("/hoi-vien/to-chuc/moi/", _form(unit("P24-TU"), name="hội người cao tuổi tỉnh bắc ninh"))
    assert page.status_code == 200 and "đã có ở" in page.content.decode()
    assert Organisation.objects.filter(province__isnull=False).count() == 1


def test_the_fronts_commune_officer_opens_its_branch_and_the_commune_counts_its_members(client_for, officer_a, unit):
    from conftest import make_user

    client_for(officer_a).post("/hoi-vien/to-chuc/moi/", _form(unit("P24-TU"), sex_only="F", min_age="55"))
    elderly = Organisation.objects.get(short_name="Hội NCT")
    front = client_for(make_user("mttq.yenthe", "officer", "C7288-MTTQ"))
    response = front.post(
        "/hoi-vien/chi-hoi/moi/",
        {
            "organisation": elderly.pk,
            "owner": "C7288-MTTQ",
            "place": "",
            "name": "Chi hội NCT thôn Hạ",
            TOKEN_FIELD: new_form_token(),
        },
    )
    branch = Branch.objects.get(organisation=elderly)
    assert response.status_code == 302
    person = {"full_name": "Lê Thị Cúc", "sex": "F", "cccd": "", "joined_on": "", "role": "", TOKEN_FIELD: ""}
    url = f"/hoi-vien/chi-hoi/{branch.code}/them/"
    # The association's own rules are data: too young, or a man, is refused by field.
    page = front.post(url, person | {"birth_date": "01/01/1990", TOKEN_FIELD: new_form_token()})
    assert page.status_code == 200 and "55" in str(page.context["form"].errors)
    page = front.post(url, person | {"full_name": "Lê Văn Cụ", "sex": "M", "birth_date": "01/01/1950"})
    assert page.status_code == 200 and page.context["form"].errors
    response = front.post(url, person | {"birth_date": "01/01/1950", TOKEN_FIELD: new_form_token()})
    assert response.status_code == 302
    stats = client_for(officer_a).get("/hoi-vien/thong-ke/?area=C7288").content.decode()
    assert "Hội NCT" in stats and 'data-testid="any">1<' in stats
    assert tally_verify()["differences"] == []
