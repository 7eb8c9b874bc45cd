"""The documents page shows the newest few of each list and says when there are more: "Xem thêm" opens that list
alone, longer, keeping the search words; the other lists are not read then."""

import pytest

from danvan.documents import views
from danvan.documents.tests.factories import people, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafts():
    drafter, head, signer = people()
    for n in range(4):
        plan(drafter, head, signer, tasks="", title=f"Kế hoạch Tháng Dân vận số {n}")
    guide = {"purpose": "Lắng nghe ý kiến cử tri.", "content": "Tiếp xúc cử tri.", "organisation": "Các xã, phường."}
    plan(drafter, head, signer, tasks="", title="Hướng dẫn tiếp xúc cử tri", fields=guide)
    return drafter


def test_a_cut_list_links_to_itself_alone_and_longer(client, drafts, monkeypatch):
    monkeypatch.setitem(views.SHORT_LISTS, "di", 2)
    monkeypatch.setattr(views, "LONG_LIST", 4)
    client.force_login(drafts)
    page = client.get("/van-ban/")
    assert len(page.context["documents"]) == 2
    assert page.context["more"]["di"] and not page.context["more"]["den"]
    html = page.content.decode()
    assert 'href="?xem=di"' in html and "Xem thêm văn bản đi và dự thảo" in html

    alone = client.get("/van-ban/?xem=di")
    assert [d.title for d in alone.context["documents"]] == [
        "Hướng dẫn tiếp xúc cử tri",
        "Kế hoạch Tháng Dân vận số 3",
        "Kế hoạch Tháng Dân vận số 2",
        "Kế hoạch Tháng Dân vận số 1",
    ]
    # Alone: no link to itself again, and the other lists are neither read nor shown.
    assert not alone.context["more"]["di"]
    assert alone.context["received"] == [] and alone.context["incoming"] == [] and alone.context["waiting"] == []
    assert "Văn bản đến" not in alone.content.decode()


def test_a_search_keeps_its_words_in_the_link(client, drafts, monkeypatch):
    monkeypatch.setitem(views.SHORT_LISTS, "di", 2)
    client.force_login(drafts)
    page = client.get("/van-ban/", {"q": "thang dan van"})
    assert len(page.context["documents"]) == 2 and page.context["more"]["di"]
    assert 'href="?xem=di&amp;q=thang%20dan%20van"' in page.content.decode()
    alone = client.get("/van-ban/", {"q": "thang dan van", "xem": "di"})
    assert len(alone.context["documents"]) == 4  # the guide does not match


def test_an_unknown_list_name_shows_every_list(client, drafts):
    client.force_login(drafts)
    page = client.get("/van-ban/?xem=<script>")
    assert page.status_code == 200 and page.context["alone"] == ""
    assert len(page.context["documents"]) == 5 and not page.context["more"]["di"]


def test_a_search_says_what_was_searched_and_how_to_clear_it(client, drafts):
    client.force_login(drafts)
    html = client.get("/van-ban/", {"q": "<b>thang</b> dan van"}).content.decode()
    assert "Văn bản khớp với “&lt;b&gt;thang&lt;/b&gt; dan van”" in html  # the words, escaped
    assert '<a class="fw-normal" href="/van-ban/">Bỏ tìm kiếm</a>' in html
    alone = client.get("/van-ban/", {"q": "thang", "xem": "di"}).content.decode()
    assert 'href="/van-ban/?xem=di">Bỏ tìm kiếm</a>' in alone  # clearing keeps the list opened alone
    assert "Bỏ tìm kiếm" not in client.get("/van-ban/").content.decode()
