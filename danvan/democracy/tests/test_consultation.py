"""Residents are consulted (Điều 25–29): a draft open for at least the legal minimum, comments from every channel,
the commune's answer to each and its summary."""

import datetime as dt

import pytest

from danvan.audit.models import AuditEvent
from danvan.core.errors import ApplicationError
from danvan.democracy import services
from danvan.democracy.models import Comment, Consultation, Rule
from danvan.democracy.tests.factories import commune_base, pdf

pytestmark = pytest.mark.django_db


def _open(actor, base, closes=dt.date(2026, 3, 31), **kwargs):
    return services.consultation_open(
        actor=actor,
        base=base,
        title="Dự thảo kế hoạch phát triển kinh tế - xã hội năm 2027",
        opens_on=dt.date(2026, 3, 1),
        closes_on=closes,
        **kwargs,
    )


def test_a_consultation_closing_before_the_legal_minimum_is_refused_naming_it(commune_officer_a):
    base = commune_base(commune_officer_a)
    with pytest.raises(ApplicationError) as exc:
        _open(commune_officer_a, base, closes=dt.date(2026, 3, 20))
    assert exc.value.field == "closes_on"
    assert "30 ngày" in exc.value.message and "30/03/2026" in exc.value.message
    assert Consultation.objects.count() == 0
    # 30 days counted with the first: 1/3 to 30/3 is enough.
    assert _open(commune_officer_a, base, closes=dt.date(2026, 3, 30))


def test_the_minimum_is_data_officials_can_change(commune_officer_a):
    Rule.objects.filter(code="consultation_min_days").update(value=10)
    base = commune_base(commune_officer_a)
    assert _open(commune_officer_a, base, closes=dt.date(2026, 3, 10))


def test_comments_are_recorded_answered_and_summarised(client_for, commune_officer_a):
    base = commune_base(commune_officer_a)
    consultation = _open(commune_officer_a, base, uploads=[pdf("du-thao.pdf")])
    client = client_for(commune_officer_a)
    url = f"/dan-chu/lay-y-kien/{consultation.public_id}/"
    response = client.post(
        url, {"form": "comment", "c-channel": "meeting", "c-author_name": "Thôn Đồng", "c-text": "Cần làm đường"}
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.channel == "meeting" and comment.moderation == "approved"
    response = client.post(f"/dan-chu/gop-y/{comment.public_id}/tra-loi/", {"uptake": "explained", "response": ""})
    comment.refresh_from_db()
    assert comment.uptake == ""  # an explanation is needed when a comment is not taken
    client.post(f"/dan-chu/gop-y/{comment.public_id}/tra-loi/", {"uptake": "accepted", "response": "Đưa vào kế hoạch"})
    comment.refresh_from_db()
    assert comment.uptake == "accepted"
    response = client.post(
        url, {"form": "summary", "s-uptake_summary": "Tiếp thu 1 ý kiến.", "s-expected_version": "1"}
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.uptake_summary == "Tiếp thu 1 ý kiến."
    page = client.get(url).content.decode()
    assert "Cần làm đường" in page and "du-thao.pdf" in page
    assert AuditEvent.objects.filter(action="democracy.comment_answered").count() == 1


def test_the_consultation_form_shows_the_minimum_error(client_for, commune_officer_a):
    base = commune_base(commune_officer_a)
    response = client_for(commune_officer_a).post(
        f"/dan-chu/co-so/{base.public_id}/lay-y-kien/moi/",
        {"title": "Dự thảo", "opens_on": "01/03/2026", "closes_on": "05/03/2026"},
    )
    assert response.status_code == 200 and "tối thiểu là 30 ngày" in response.content.decode()
