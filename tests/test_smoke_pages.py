"""Every main page opens for every kind of person: 200 for what they may see, a redirect or 404 otherwise,
never a server error. A broken link between apps (a menu entry naming a page that does not exist) fails here."""

import pytest

from conftest import make_user

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/don-vi/",
    "/don-vi/tim-kiem/?q=dan+van",
    "/don-vi/dia-gioi/?q=yen+the",
    "/don-vi/P24-TU/",
    "/mat-khau/",
    "/tai-khoan/",
    "/nhat-ky/",
    "/bao-cao/",
    "/bao-cao/tong-hop/",
    "/bao-cao/tien-do/",
    "/bao-cao/so-sanh/",
    "/bao-cao/van-ban/",
    "/bao-cao/chi-tieu-bieu-mau/",
    "/hoi-nghi/",
    "/nhiem-vu/",
    "/nhiem-vu/?xem=di",
    "/nhiem-vu/ke-hoach/",
    "/nhiem-vu/lich/",
    "/nhiem-vu/giao/",
    "/don-thu/",
    "/don-thu/tiep-nhan/",
    "/don-thu/den-han/",
    "/don-thu/quy-dinh/",
    "/don-thu/thong-ke/",
    "/don-thu/tiep-dan/",
    "/don-thu/tiep-dan/lich/",
    "/don-thu/vu-viec/",
    "/don-thu/doi-thoai/",
    "/don-thu/doi-thoai/cam-ket/",
    "/dan-van-kheo/",
    "/dan-van-kheo/dang-ky/",
    "/dan-van-kheo/tieu-chi/",
    "/phong-trao/",
    "/phong-trao/moi/",
    "/hoi-thi/",
    "/hoi-thi/tao-moi/",
    "/doc-van-ban/",
    "/phan-he/democracy/",
    "/phan-he/situation/",
]
PERSONAS = {
    "system admin": ("admin", "TW"),
    "provincial leader": ("leader", "P24-TU"),
    "provincial officer": ("officer", "P24-TU"),
    "commune officer": ("officer", "C7288-DU"),
    "member-organisation reporter": ("reporter", "C7288-HND"),
    "viewer": ("viewer", "P24-TU"),
    "account without a role": (None, None),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_opens_without_a_server_error(client, persona):
    role, unit = PERSONAS[persona]
    client.force_login(make_user(f"smoke.{role or 'none'}", role, unit))
    failures = {}
    for url in PAGES:
        status = client.get(url).status_code
        if status not in {200, 302, 404}:
            failures[url] = status
    assert failures == {}
