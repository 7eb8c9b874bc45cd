"""Chính quyền thân thiện: a province's criteria for a year, a commune's self-assessment with evidence, the steering
committee's scores, the recognition, and the province's list of communes."""

import datetime as dt
from decimal import Decimal

import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.democracy import services
from danvan.democracy.models import FriendlyAssessment, FriendlyCriterion, FriendlyScheme
from danvan.democracy.tests.factories import commune_base, pdf
from danvan.organisations.models import OrgUnit

pytestmark = pytest.mark.django_db

CRITERIA = [(t, str(p)) for t, p in services.EXAMPLE_CRITERIA]


def scheme_for(actor, year=2026, pass_score="80"):
    return services.friendly_scheme_set(
        actor=actor,
        province=OrgUnit.objects.get(code="P24-TU"),
        year=year,
        title=f"Chính quyền thân thiện {year}",
        pass_score=pass_score,
        criteria=CRITERIA,
    )


def scores(assessment, values):
    return {c.pk: (v, "") for c, v in zip(assessment.scheme.criteria.all(), values, strict=True)}


def test_the_province_sets_criteria_as_data_and_bad_rows_are_refused(officer_a, commune_officer_a):
    scheme = scheme_for(officer_a)
    assert [c.max_points for c in scheme.criteria.all()] == [20, 25, 20, 15, 20]
    with pytest.raises(ApplicationError) as exc:
        scheme_for(officer_a)
    assert exc.value.field == "year"
    with pytest.raises(ApplicationError) as exc:
        services.friendly_scheme_set(
            actor=officer_a,
            province=OrgUnit.objects.get(code="P24-TU"),
            year=2027,
            title="x",
            pass_score="80",
            criteria=[("Cải cách hành chính", "hai mươi")],
        )
    assert exc.value.field == "criteria" and "Cải cách hành chính" in exc.value.message
    with pytest.raises(ApplicationError) as exc:
        services.friendly_scheme_set(
            actor=officer_a,
            province=OrgUnit.objects.get(code="P24-TU"),
            year=2027,
            title="x",
            pass_score="120",
            criteria=CRITERIA,
        )
    assert exc.value.field == "pass_score"
    # A commune officer does not set the province's criteria.
    with pytest.raises(ApplicationError) as exc:
        services.friendly_scheme_set(
            actor=commune_officer_a,
            province=OrgUnit.objects.get(code="P24-TU"),
            year=2028,
            title="x",
            pass_score="80",
            criteria=CRITERIA,
        )
    assert exc.value.field == "province"
    assert FriendlyScheme.objects.count() == 1


def test_a_commune_self_assesses_the_committee_scores_and_the_province_recognises(officer_a, commune_officer_a):
    scheme = scheme_for(officer_a)
    base = commune_base(commune_officer_a)
    with pytest.raises(ApplicationError) as exc:
        services.friendly_assessment_start(actor=commune_officer_a, base=base, year=2025)
    assert exc.value.field == "year"
    assessment = services.friendly_assessment_start(actor=commune_officer_a, base=base, year=2026)
    assert assessment.scheme == scheme and assessment.scores.count() == 5
    first = scheme.criteria.first()
    # Over the criterion's maximum: refused, naming the criterion, nothing written.
    with pytest.raises(ApplicationError) as exc:
        services.friendly_self_score(actor=commune_officer_a, assessment=assessment, entries={first.pk: ("21", "")})
    assert exc.value.field == f"self_{first.pk}" and "tiêu chí 1" in exc.value.message
    assert assessment.scores.filter(self_score__isnull=False).count() == 0
    # Submitting before every criterion is scored is refused.
    services.friendly_self_score(
        actor=commune_officer_a,
        assessment=assessment,
        entries={first.pk: ("18,5", "Niêm yết đủ")},
        uploads={first.pk: [pdf("bien-ban.pdf")]},
    )
    with pytest.raises(ApplicationError):
        services.friendly_submit(actor=commune_officer_a, assessment=assessment)
    assessment = services.friendly_self_score(
        actor=commune_officer_a, assessment=assessment, entries=scores(assessment, ["18.5", "22", "18", "14", "17"])
    )
    assert assessment.self_total == Decimal("89.5")
    assert assessment.scores.get(criterion=first).evidence.count() == 1
    assessment = services.friendly_submit(actor=commune_officer_a, assessment=assessment)
    # The commune cannot score for the committee.
    with pytest.raises(ApplicationError):
        services.friendly_committee_score(
            actor=commune_officer_a, assessment=assessment, entries=scores(assessment, ["1"] * 5)
        )
    assessment = services.friendly_committee_score(
        actor=officer_a, assessment=assessment, entries=scores(assessment, ["15", "20", "15", "10", "15"])
    )
    assert assessment.committee_total == 75 and assessment.status == "scored"
    # Below the pass mark it cannot be recognised.
    with pytest.raises(ApplicationError) as exc:
        services.friendly_decide(
            actor=officer_a,
            assessment=assessment,
            recognised=True,
            reference="1/QĐ-UBND",
            decided_on=dt.date(2026, 11, 1),
        )
    assert exc.value.field == "recognised"
    assessment = services.friendly_committee_score(
        actor=officer_a, assessment=assessment, entries=scores(assessment, ["18", "22", "18", "12", "15"])
    )
    assessment = services.friendly_decide(
        actor=officer_a,
        assessment=assessment,
        recognised=True,
        reference="125/QĐ-UBND",
        decided_on=dt.date(2026, 11, 1),
    )
    assert assessment.status == FriendlyAssessment.Status.RECOGNISED
    # The committee's correction kept its history.
    scored = AuditEvent.objects.filter(action=Action.FRIENDLY_COMMITTEE_SCORED).order_by("pk")
    assert [Decimal(e.after["committee_total"]) for e in scored] == [75, 85]
    assert Decimal(scored.last().before["committee_total"]) == 75
    # Once committee-scored the criteria of the scheme are frozen; its pass mark is not.
    with pytest.raises(ApplicationError) as exc:
        services.friendly_scheme_set(
            actor=officer_a,
            province=None,
            year=None,
            scheme=scheme,
            title=scheme.title,
            pass_score="70",
            criteria=CRITERIA[:4],
        )
    assert exc.value.field == "criteria"
    assert FriendlyCriterion.objects.filter(scheme=scheme).count() == 5


def test_the_pages_the_province_list_and_the_evidence_file(client_for, officer_a, commune_officer_a, officer_b):
    province = client_for(officer_a)
    response = province.get("/dan-chu/than-thien/tieu-chi/moi/")
    assert response.status_code == 200 and "Cải cách hành chính" in response.content.decode()
    response = province.post(
        "/dan-chu/than-thien/tieu-chi/moi/",
        {
            "province": "P24-TU",
            "year": "2026",
            "title": "Chính quyền thân thiện 2026",
            "pass_score": "80",
            "criteria": "\n".join(f"{t} | {p}" for t, p in CRITERIA),
        },
    )
    scheme = FriendlyScheme.objects.get()
    assert response["Location"] == f"/dan-chu/than-thien/tieu-chi/{scheme.public_id}/"
    base = commune_base(commune_officer_a)
    commune = client_for(commune_officer_a)
    response = commune.post(f"/dan-chu/co-so/{base.public_id}/than-thien/", {"year": "2026"})
    assessment = FriendlyAssessment.objects.get()
    assert response["Location"] == f"/dan-chu/than-thien/{assessment.public_id}/"
    first = scheme.criteria.first()
    data = {"form": "self", f"self_{first.pk}": "30"}
    response = commune.post(response["Location"], data)
    assert response.status_code == 400 and "từ 0 đến 20" in response.content.decode()
    data = {"form": "self", **{f"self_{c.pk}": "15" for c in scheme.criteria.all()}, f"evidence_{first.pk}": pdf()}
    response = commune.post(f"/dan-chu/than-thien/{assessment.public_id}/", data)
    assert response.status_code == 302
    commune.post(f"/dan-chu/than-thien/{assessment.public_id}/", {"form": "submit"})
    assessment.refresh_from_db()
    assert assessment.status == "submitted" and assessment.self_total == 75
    evidence = assessment.scores.get(criterion=first).evidence.get()
    assert commune.get(f"/dan-chu/tep/{evidence.file.public_id}/").status_code == 200
    # The commune is not on the committee.
    assert commune.post(f"/dan-chu/than-thien/{assessment.public_id}/", {"form": "decide"}).status_code == 404
    province = client_for(officer_a)
    page = province.get(f"/dan-chu/than-thien/tieu-chi/{scheme.public_id}/").content.decode()
    from django.utils.translation import override

    with override("vi"):
        submitted = str(assessment.Status.SUBMITTED.label)
    assert base.unit.name in page and submitted in page
    # Another province sees nothing of it.
    other = client_for(officer_b)
    assert other.get(f"/dan-chu/than-thien/{assessment.public_id}/").status_code == 404
    assert other.get(f"/dan-chu/than-thien/tieu-chi/{scheme.public_id}/").status_code == 404
