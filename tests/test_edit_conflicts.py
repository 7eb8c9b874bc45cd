"""No silent overwrite on the edit forms that lock on `updated_at` (movements, contests): the second of two people
saving from the same page is told, keeps what they typed, and changes nothing."""

import datetime as dt

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _movement(client):
    from danvan.movements.models import Movement
    from danvan.movements.tests.test_views import CREATE

    today = dt.date.today()
    data = {
        **CREATE,
        "start_date": f"{today - dt.timedelta(days=10):%d/%m/%Y}",
        "end_date": f"{today + dt.timedelta(days=20):%d/%m/%Y}",
    }
    client.post(reverse("movements:create"), data)
    movement = Movement.objects.get()
    data.pop("unit")
    return reverse("movements:edit", args=[movement.code]), data, lambda: Movement.objects.get().name


def _contest(client):
    from danvan.contests.models import Contest
    from danvan.contests.tests.test_views import CREATE

    client.post(reverse("contests:create"), CREATE)
    contest = Contest.objects.get()
    data = {k: v for k, v in CREATE.items() if k != "unit"}
    return reverse("contests:edit", args=[contest.code]), data, lambda: Contest.objects.get().name


@pytest.mark.parametrize("make", [_movement, _contest], ids=["movement", "contest"])
def test_the_second_save_from_a_stale_edit_page_is_a_conflict(make, client_for, commune_officer_a, officer_a):
    user = officer_a if make is _movement else commune_officer_a
    client = client_for(user)
    url, data, name = make(client)
    opened = client.get(url).context["form"].initial["expected_version"]
    assert opened
    assert client.post(url, {**data, "name": "Tên thứ nhất", "expected_version": opened}).status_code == 302
    page = client.post(url, {**data, "name": "Tên thứ hai", "expected_version": opened})
    assert page.status_code == 200
    text = page.content.decode()
    assert "vừa được" in text and "Tên thứ hai" in text
    assert name() == "Tên thứ nhất"
    # The page now carries the stored version: saving again is a deliberate overwrite.
    again = page.context["form"]["expected_version"].value()
    assert client.post(url, {**data, "name": "Tên thứ hai", "expected_version": again}).status_code == 302
    assert name() == "Tên thứ hai"
