import pytest

from danvan.organisations.models import OrgUnit
from danvan.petitions import services

from .factories import TODAY, receive

pytestmark = pytest.mark.django_db


def test_every_page_renders_for_an_officer(client_for, officer_a):
    petition = receive(officer_a)
    case = services.case_open(actor=officer_a, unit=OrgUnit.objects.get(code="P24-TU"), title="Vụ A", opened_on=TODAY)
    client = client_for(officer_a)
    for url in [
        "/don-thu/",
        "/don-thu/tiep-nhan/",
        "/don-thu/den-han/",
        "/don-thu/thong-ke/",
        "/don-thu/tiep-dan/",
        "/don-thu/tiep-dan/lich/",
        "/don-thu/vu-viec/",
        f"/don-thu/vu-viec/{case.code}/",
        "/don-thu/doi-thoai/",
        "/don-thu/doi-thoai/cam-ket/",
        "/don-thu/quy-dinh/",
        f"/don-thu/{petition.code}/",
        f"/don-thu/{petition.code}/trung-lap/",
    ]:
        page = client.get(url)
        assert page.status_code == 200, url
        assert "style=" not in page.content.decode().split("<body", 1)[1], url


def test_the_module_card_links_to_the_petitions_index(client_for, officer_a):
    assert 'href="/don-thu/"' in client_for(officer_a).get("/").content.decode()


def test_pages_need_a_login(client):
    assert client.get("/don-thu/").status_code == 302
