"""Residents decide by household vote (Điều 15–24): the result is computed from the figures, which must add up."""

import datetime as dt
import re
from decimal import Decimal

import pytest

from danvan.core.errors import ApplicationError
from danvan.democracy import services
from danvan.democracy.models import Matter
from danvan.democracy.tests.factories import commune_base

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 1)


def _matter(actor, **kwargs):
    return services.matter_create(
        actor=actor,
        base=commune_base(actor),
        title="Bê tông hóa đường thôn Đồng, mỗi hộ góp 500.000 đồng",
        subject="infrastructure",
        method="meeting",
        **kwargs,
    )


def _vote(actor, matter, eligible, turnout, yes, no):
    return services.matter_vote_record(
        actor=actor,
        matter=matter,
        voted_on=dt.date(2026, 5, 20),
        eligible_households=eligible,
        turnout=turnout,
        votes_for=yes,
        votes_against=no,
        today=TODAY,
    )


@pytest.mark.parametrize(
    ("eligible", "turnout", "yes", "no", "result"),
    [
        (200, 150, 120, 30, "approved"),
        (200, 150, 100, 50, "rejected"),  # exactly 50%: not more than half
        (200, 100, 100, 0, "not_decided"),  # turnout not above the quorum
        (200, 101, 101, 0, "approved"),
    ],
)
def test_the_result_is_computed_from_the_figures(commune_officer_a, eligible, turnout, yes, no, result):
    matter = _vote(commune_officer_a, _matter(commune_officer_a), eligible, turnout, yes, no)
    assert matter.result == result


def test_the_threshold_is_set_per_matter(commune_officer_a):
    matter = _matter(commune_officer_a, threshold_percent=Decimal("66.67"))
    assert _vote(commune_officer_a, matter, 300, 250, 190, 60).result == "rejected"
    assert _vote(commune_officer_a, matter, 300, 250, 201, 49).result == "approved"


@pytest.mark.parametrize(
    ("figures", "field"),
    [
        ((100, 120, 50, 10), "turnout"),
        ((100, 80, 60, 30), "votes_against"),
        ((100, None, 50, 10), "turnout"),
        ((0, 0, 0, 0), "eligible_households"),
    ],
)
def test_figures_that_do_not_add_up_are_refused_naming_the_field(commune_officer_a, figures, field):
    matter = _matter(commune_officer_a)
    with pytest.raises(ApplicationError) as exc:
        _vote(commune_officer_a, matter, *figures)
    assert exc.value.field == field
    matter.refresh_from_db()
    assert matter.result == "pending" and matter.turnout is None


def test_the_vote_form_shows_the_error_and_then_the_result(client_for, commune_officer_a):
    matter = _matter(commune_officer_a)
    client = client_for(commune_officer_a)
    url = f"/dan-chu/bieu-quyet/{matter.public_id}/"
    data = {"voted_on": "20/05/2026", "eligible_households": "200", "turnout": "150", "votes_for": "120"}
    response = client.post(url, {**data, "votes_against": "40"})
    assert response.status_code == 200 and "lớn hơn số hộ tham gia" in response.content.decode()
    response = client.post(url, {**data, "votes_against": "30", "expected_version": "1"})
    assert response.status_code == 302
    assert Matter.objects.get().result == "approved"
    # Each figure named (eligible, took part, for, against), not a bare "120 / 150 / 200".
    assert re.search(r'id="figures">\(200 \D+150 \D+120 \D+30 \D+\)', client.get(url).content.decode())


def test_a_matter_is_created_through_the_form(client_for, commune_officer_a):
    base = commune_base(commune_officer_a)
    response = client_for(commune_officer_a).post(
        f"/dan-chu/co-so/{base.public_id}/bieu-quyet/moi/",
        {"title": "Hương ước thôn Đồng", "subject": "convention", "method": "written", "village": ""},
    )
    assert response.status_code == 302
    matter = Matter.objects.get()
    assert matter.threshold_percent == 50 and matter.village is None


def test_the_commune_recognises_an_approved_result_and_prints_the_minutes(client_for, leader_a):
    import io

    from docx import Document

    from danvan.audit.models import AuditEvent

    matter = _matter(leader_a)
    with pytest.raises(ApplicationError) as exc:
        services.matter_recognise(
            actor=leader_a, matter=matter, reference="25/QĐ-UBND", recognised_on=TODAY, today=TODAY
        )
    assert "đã được thông qua" in exc.value.message
    _vote(leader_a, matter, 200, 150, 120, 30)
    client = client_for(leader_a)
    url = f"/dan-chu/bieu-quyet/{matter.public_id}/"
    client.post(f"{url}cong-nhan/", {"reference": "25/QĐ-UBND", "recognised_on": "01/05/2026"})
    matter.refresh_from_db()
    assert matter.recognised_on is None  # before the vote (20/05/2026): refused
    client.post(f"{url}cong-nhan/", {"reference": "25/QĐ-UBND", "recognised_on": "25/05/2026"})
    matter.refresh_from_db()
    assert matter.recognition_reference == "25/QĐ-UBND" and matter.recognised_on == dt.date(2026, 5, 25)
    assert AuditEvent.objects.filter(action="democracy.matter_recognised").exists()
    response = client.get(f"{url}bien-ban.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "BIÊN BẢN" in text and "Nội dung được thông qua." in text and "25/QĐ-UBND" in text
    cells = [c.text for t in Document(io.BytesIO(response.content)).tables for row in t.rows for c in row.cells]
    assert "120" in cells and "60,00%" in cells
