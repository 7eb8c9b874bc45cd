"""No internal key or Python value reaches a page (issue 14, finding 7): with the demo data, the main pages and
the pages they link to, read as a leader, an officer of a province and a commune officer, show no snake_case key
("event_date_year_from_period", "xu_ly_ban_dau"), no "[unconfirmed]" note and no Python dict."""

import re
from html.parser import HTMLParser

import pytest

from danvan.accounts.models import User

pytestmark = pytest.mark.django_db

START = [
    "/",
    "/nhat-ky/",
    "/bao-cao/",
    "/bao-cao/tong-hop/",
    "/bao-cao/tien-do/",
    "/bao-cao/van-ban/",
    "/bao-cao/chi-tieu-bieu-mau/",
    "/hoi-nghi/",
    "/nhiem-vu/",
    "/don-thu/",
    "/don-thu/den-han/",
    "/don-thu/quy-dinh/",
    "/don-thu/vu-viec/",
    "/don-thu/doi-thoai/",
    "/dan-van-kheo/",
    "/phong-trao/",
    "/hoi-thi/",
    "/doc-van-ban/",
    "/phan-he/democracy/",
    "/phan-he/situation/",
]
PERSONAS = ["bn.lanhdao", "bn.chuyenvien", "xa.yenthe"]
# A key is lower-case words joined by underscores, standing alone: not part of a path, a file name, an address.
KEY = re.compile(r"(?<![\w/.#=:@-])[a-z][a-z0-9]*_[a-z0-9_]+(?![\w/.=(@-])")
DICT = re.compile(r"\{'|\{\"[a-z_]+\":")
SKIP_LINKS = re.compile(r"\.(docx|xlsx|pdf|csv|zip)\b|/in/|/xuat|/tai-ve|/dang-xuat|^/(static|media|api|admin)/")
MAX_PAGES = 90


class VisibleText(HTMLParser):
    """The words a person reads (text, titles, labels, placeholders), without scripts, styles and <code>."""

    def __init__(self):
        super().__init__()
        self.parts, self.links, self.hidden = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "code", "template"}:
            self.hidden += 1
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href", "").startswith("/"):
            self.links.append(attributes["href"].split("#")[0])
        for name in ("title", "aria-label", "placeholder", "alt"):
            if attributes.get(name):
                self.parts.append(attributes[name])

    def handle_endtag(self, tag):
        if tag in {"script", "style", "code", "template"}:
            self.hidden = max(0, self.hidden - 1)

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def problems_in(html: str) -> tuple[list[str], list[str]]:
    parser = VisibleText()
    parser.feed(html)
    text = " ".join(parser.parts)
    found = KEY.findall(text) + DICT.findall(text) + re.findall(r"\[unconfirmed[^\]]*\]", text)
    return found, parser.links


@pytest.fixture
def demo(db):
    from danvan.accounts.demo import demo_data_load

    demo_data_load()


def walk(client) -> dict[str, list[str]]:
    """Open the start pages and the pages they link to (a few per path), collecting what each page shows wrong."""
    queue, seen, per_path, found = list(START), set(), {}, {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        problems, links = problems_in(response.content.decode())
        if problems:
            found[url] = sorted(set(problems))
        for link in links:
            path = link.split("?")[0]
            if link in seen or SKIP_LINKS.search(link) or per_path.get(path, 0) >= 2:
                continue
            per_path[path] = per_path.get(path, 0) + 1
            queue.append(link)
    return found


def test_the_scanner_finds_keys_dicts_and_unconfirmed_notes():
    html = "<p>Bước: xu_ly_ban_dau · {'status': 'draft'} · Điều 36 [unconfirmed: x]</p><code>ma_xa</code>"
    assert problems_in(html)[0] == ["xu_ly_ban_dau", "{'", "[unconfirmed: x]"]
    assert problems_in('<a href="/don-thu/?q=a_b">mau_nhap.xlsx, ten@x_y.vn</a>')[0] == []


@pytest.mark.parametrize("username", PERSONAS)
def test_pages_show_no_internal_key_as_a_demo_person(client, demo, username):
    client.force_login(User.objects.get(username=username))
    assert walk(client) == {}


def test_the_reader_flags_and_audit_details_are_in_words(client, demo):
    from danvan.ingest.services import ingest_document_create
    from danvan.ingest.tests.fixtures import seed_text
    from danvan.organisations.models import OrgUnit

    officer = User.objects.get(username="bn.chuyenvien")
    record = ingest_document_create(actor=officer, unit=OrgUnit.objects.get(code="P24-TU"), content=seed_text("002"))
    assert record.flags
    # The document as its officer reads it; the audit log (its upload, with the flags) as the administrator.
    for username, url in (("bn.chuyenvien", f"/doc-van-ban/{record.document.public_id}/"), ("bn.quantri", "/nhat-ky/")):
        client.force_login(User.objects.get(username=username))
        response = client.get(url)
        assert response.status_code == 200, url
        problems, _links = problems_in(response.content.decode())
        assert problems == [], url


def test_a_short_password_is_refused_in_vietnamese_only(client, demo):
    from danvan.accounts.demo import DEMO_PASSWORD

    client.force_login(User.objects.get(username="bn.chuyenvien"))
    response = client.post(
        "/mat-khau/", {"old_password": DEMO_PASSWORD, "new_password1": "Ngan-1", "new_password2": "Ngan-1"}
    )
    page = response.content.decode()
    assert "cần ít nhất 10 ký tự" in page
    assert "too short" not in page and "This password" not in page
