"""A body assesses itself: scores within each criterion's maximum, notes, evidence files, corrections audited."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.assessments import services
from danvan.assessments.models import Assessment, Evidence
from danvan.assessments.tests.conftest import TODAY, fill
from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError

PDF = b"%PDF-1.4 minutes of the dialogue"


@pytest.fixture
def assessment(officer_a, make_scheme):
    scheme = make_scheme(officer_a, bodies=["C7288-DU"])
    return scheme.assessments.get()


def test_a_score_above_the_maximum_is_refused_naming_the_criterion(commune_officer_a, assessment):
    values = fill(assessment, {1: ("41", ""), 2: ("20", ""), 3: ("20", "")})
    with pytest.raises(ApplicationError) as e:
        services.self_assessment_save(actor=commune_officer_a, assessment=assessment, values=values, today=TODAY)
    assert "Lãnh đạo, chỉ đạo công tác dân vận" in e.value.message
    assert "từ 0 đến 40" in e.value.message and "41" in e.value.message
    assert e.value.field.startswith("score_")
    assert not assessment.scores.exclude(self_score=None).exists()


def test_sending_needs_every_criterion_scored(commune_officer_a, assessment):
    values = fill(assessment, {1: ("35", ""), 2: ("", ""), 3: ("20", "")})
    with pytest.raises(ApplicationError, match="Đối thoại với nhân dân"):
        services.self_assessment_save(
            actor=commune_officer_a, assessment=assessment, values=values, submit=True, today=TODAY
        )
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.PENDING


def test_the_body_saves_sends_and_corrects_with_history(commune_officer_a, assessment):
    values = fill(assessment, {1: ("35", "Ban hành 3 kế hoạch"), 2: ("25", ""), 3: ("28,5", "")})
    upload = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    criterion_2 = fill(assessment, {2: None}).popitem()[0]
    saved = services.self_assessment_save(
        actor=commune_officer_a,
        assessment=assessment,
        values=values,
        uploads={criterion_2: [upload]},
        submit=True,
        today=TODAY,
    )
    assert saved.status == Assessment.Status.SUBMITTED
    assert str(saved.self_total) == "88.50"
    assert Evidence.objects.filter(score__assessment=saved, score__criterion_id=criterion_2).count() == 1
    # The system's figure shown while assessing is kept with the score.
    figures = dict(saved.scores.values_list("criterion__measure", "figure"))
    assert figures["petitions.dialogues"] == "0 cuộc đối thoại"

    values = fill(assessment, {1: ("30", "Sửa lại"), 2: ("25", ""), 3: ("28,5", "")})
    services.self_assessment_save(
        actor=commune_officer_a, assessment=saved, values=values, expected_version=str(saved.version), today=TODAY
    )
    event = AuditEvent.objects.filter(action=Action.ASSESSMENT_SELF_SAVED).order_by("-id").first()
    assert event.before["scores"] == {"Lãnh đạo, chỉ đạo công tác dân vận": "35"}
    assert event.after["scores"] == {"Lãnh đạo, chỉ đạo công tác dân vận": "30"}


def test_a_stale_page_is_a_conflict_and_writes_nothing(commune_officer_a, assessment):
    values = fill(assessment, {1: ("35", ""), 2: ("25", ""), 3: ("20", "")})
    services.self_assessment_save(actor=commune_officer_a, assessment=assessment, values=values, today=TODAY)
    with pytest.raises(ApplicationError) as e:
        services.self_assessment_save(
            actor=commune_officer_a,
            assessment=assessment,
            values=fill(assessment, {1: ("10", ""), 2: ("25", ""), 3: ("20", "")}),
            expected_version="1",
            today=TODAY,
        )
    assert e.value.code == "conflict"
    assert assessment.scores.get(criterion__order=1).self_score == 35


def test_a_file_that_is_not_what_it_says_is_refused(commune_officer_a, assessment):
    criterion = fill(assessment, {1: None}).popitem()[0]
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ApplicationError, match="không phải tệp PDF"):
        services.self_assessment_save(
            actor=commune_officer_a,
            assessment=assessment,
            values=fill(assessment, {1: ("35", "")}),
            uploads={criterion: [fake]},
            today=TODAY,
        )
    assert not Evidence.objects.exists()


def test_another_body_cannot_assess(reporter_a, officer_b, assessment):
    for actor in (reporter_a, officer_b):
        with pytest.raises(ApplicationError):
            services.self_assessment_save(
                actor=actor, assessment=assessment, values=fill(assessment, {1: ("35", "")}), today=TODAY
            )
