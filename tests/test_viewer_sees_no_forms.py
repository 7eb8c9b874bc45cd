"""A viewer reads; the pages show them no form they could not submit (issue 14: “viewers shown forms they cannot
submit”). Every staff list page is opened as a viewer of a province and searched for POST forms."""

import re

import pytest

from conftest import make_user

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/viec-cua-toi/",
    "/bao-cao/",
    "/bao-cao/van-ban/",
    "/hoi-nghi/",
    "/nhiem-vu/",
    "/don-thu/",
    "/dan-van-kheo/",
    "/phong-trao/",
    "/hoi-thi/",
    "/tinh-hinh/",
    "/tinh-hinh/chua-bao-cao/",
    "/tinh-hinh/diem-nong/tong-hop/",
    "/doc-van-ban/",
    "/don-vi/P24-TU/",
]
# The frame's own forms (logging out, the language switch) and marking one's own notices read.
FRAME = re.compile(r'action="/(dang-xuat|i18n/setlang|viec-cua-toi/da-doc)/"')


@pytest.mark.parametrize("path", PAGES)
def test_a_viewer_is_shown_no_form_to_submit(client, path):
    viewer = make_user("xem.tinh", "viewer", "P24-TU")
    client.force_login(viewer)
    response = client.get(path)
    assert response.status_code == 200
    forms = re.findall(r"<form[^>]*>", response.content.decode())
    posts = [f for f in forms if 'method="post"' in f.lower() and not FRAME.search(f)]
    assert posts == []
