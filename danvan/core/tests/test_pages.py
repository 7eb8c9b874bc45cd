import pytest

from danvan.core.navigation import MODULES

pytestmark = pytest.mark.django_db


def test_home_shows_the_users_scope_and_the_modules(client_for, officer_a):
    page = client_for(officer_a).get("/")
    assert page.status_code == 200
    assert [u.code for u in page.context["roots"]] == ["P24-TU"]
    for module in MODULES:
        # A module links to its app once it exists, else to the page that says what is coming.
        assert f'href="{module.url}"' in page.content.decode()


@pytest.mark.parametrize("slug", [m.slug for m in MODULES])
def test_every_module_page_says_what_will_be_there_and_shows_no_data(client_for, officer_a, slug):
    page = client_for(officer_a).get(f"/phan-he/{slug}/")
    assert page.status_code == 200
    assert "<table" not in page.content.decode()


def test_an_unknown_module_is_404(client_for, officer_a):
    assert client_for(officer_a).get("/phan-he/nothing/").status_code == 404


def test_pages_are_in_vietnamese_by_default_and_switch_to_english(client_for, officer_a):
    client = client_for(officer_a)
    assert "Đơn vị" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Units" in client.get("/").content.decode()


def test_an_english_browser_still_gets_vietnamese_until_the_user_switches(client):
    page = client.get("/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập" in page.content.decode()
    assert page["Content-Language"] == "vi"


def test_every_page_carries_a_strict_content_security_policy(client):
    response = client.get("/dang-nhap/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


def test_forms_require_csrf(officer_a):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(officer_a)
    assert client.post("/don-vi/C7288-KDV/sua/", {"name": "X"}).status_code == 403


def test_dates_are_shown_dd_mm_yyyy(settings):
    import datetime as dt

    from django.template import Context, Template
    from django.utils import translation

    with translation.override("vi"):
        rendered = Template('{{ d|date:"SHORT_DATE_FORMAT" }}').render(Context({"d": dt.date(2026, 3, 9)}))
    assert rendered == "09/03/2026"


def test_healthz_answers(client):
    assert client.get("/healthz").json() == {"status": "ok"}
