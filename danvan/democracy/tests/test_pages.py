"""The officials' pages open for every persona without a server error, and a commune is opened by choosing it."""

import pytest

from conftest import make_user
from danvan.democracy.models import Base

pytestmark = pytest.mark.django_db

PERSONAS = {
    "system admin": ("admin", "TW"),
    "provincial leader": ("leader", "P24-TU"),
    "commune officer": ("officer", "C7288-DU"),
    "member-organisation reporter": ("reporter", "C7288-HND"),
    "viewer": ("viewer", "P24-TU"),
    "account without a role": (None, None),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_opens_without_a_server_error(client, persona):
    role, unit = PERSONAS[persona]
    client.force_login(make_user(f"dc.{role or 'none'}", role, unit))
    for url in ("/dan-chu/", "/dan-chu/tong-hop/", "/dan-chu/danh-muc/", "/dan-chu/tong-hop/?period=bad"):
        assert client.get(url).status_code in {200, 302, 404}, url


def test_an_officer_opens_their_commune_by_choosing_it(client_for, commune_officer_a):
    client = client_for(commune_officer_a)
    response = client.post("/dan-chu/", {"commune-unit": "C7288-DU"})
    base = Base.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/dan-chu/co-so/{base.public_id}/"
    assert base.kind == "commune" and base.admin_unit.code == "C7288"
    page = client.get(response["Location"]).content.decode()
    assert "Xã Yên Thế" in page
    # The tab's title is the commune's name, not the page's sections (the friendly-government form once sat there).
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.startswith("Xã Yên Thế") and "<" not in title
    assert page.count('id="than-thien"') == 1


def test_an_officer_cannot_open_a_commune_outside_their_scope(client_for, officer_b):
    response = client_for(officer_b).post("/dan-chu/", {"commune-unit": "C7288-DU"})
    assert response.status_code == 200 and Base.objects.count() == 0


def test_an_agency_is_registered_under_its_overseeing_unit(client_for, officer_a):
    response = client_for(officer_a).post(
        "/dan-chu/co-so/dang-ky/", {"base-kind": "agency", "base-name": "Sở Nội vụ", "base-unit": "P24-TU"}
    )
    assert response.status_code == 302
    base = Base.objects.get()
    assert base.kind == "agency" and base.unit.code == "P24-TU" and base.province.code == "P24-TU"
