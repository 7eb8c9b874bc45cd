import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.organisations.models import OrgUnit
from danvan.reports.models import DataValue, Submission
from danvan.reports.periods import period_get_or_create
from danvan.reports.services import report_approve, report_return, report_save_draft, report_submit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dialogue_figures_typed")]


def test_a_commune_officer_saves_a_draft_with_one_audit_event(report, commune_officer_a):
    before = AuditEvent.objects.count()
    submission = report(
        "C7288-KDV",
        commune_officer_a,
        {"doi_thoai_cuoc": "3", "tuyen_truyen_hoi_nghi": "2"},
        submit=False,
        narratives={"ket_qua": "Tổ chức 3 hội nghị đối thoại."},
    )
    assert submission.status == Submission.Status.DRAFT
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.latest("id").action == Action.REPORT_SAVED
    # The three "Dân vận khéo" figures are filled by the system (no model registered: 0).
    assert sorted(submission.values.values_list("indicator__code", "value")) == [
        ("diem_nong_giai_quyet", 0),  # hotspots, supervision and critique, faiths: from their records
        ("diem_nong_phat_sinh", 0),
        ("doi_thoai_cuoc", 3),
        ("dttg_khen_thuong", 0),
        ("dttg_tham_hoi", 0),
        ("gsxh_cuoc", 0),
        ("gsxh_kien_nghi", 0),
        ("gsxh_kien_nghi_tra_loi", 0),
        ("mo_hinh_cong_nhan", 0),
        ("mo_hinh_dang_ky", 0),
        ("mo_hinh_nhan_rong", 0),
        ("nam_tinh_hinh_bao_cao", 0),  # filled by the system from the situation reports
        ("pbxh_du_thao", 0),
        ("pbxh_hoi_nghi", 0),
        ("tuyen_truyen_hoi_nghi", 2),
    ]
    assert not submission.values.filter(is_final=True).exists()
    assert submission.narratives.get(key="ket_qua").text == "Tổ chức 3 hội nghị đối thoại."


def test_two_people_editing_get_a_conflict_not_a_silent_overwrite(report, quarterly, q1, commune_officer_a):
    first = report("C7288-KDV", commune_officer_a, {"doi_thoai_cuoc": "3"}, submit=False)
    # Both opened version 1; the first saves (→ 2), the second still holds version 1.
    report_save_draft(
        actor=commune_officer_a,
        form=quarterly,
        period=q1,
        unit=first.unit,
        values={"doi_thoai_cuoc": "4"},
        narratives={},
        expected_version=1,
    )
    with pytest.raises(ApplicationError) as error:
        report_save_draft(
            actor=commune_officer_a,
            form=quarterly,
            period=q1,
            unit=first.unit,
            values={"doi_thoai_cuoc": "9"},
            narratives={},
            expected_version=1,
        )
    assert error.value.code == "conflict"
    assert DataValue.objects.get(submission=first, indicator__code="doi_thoai_cuoc").value == 4


def test_bad_cells_are_all_named_and_nothing_is_saved(quarterly, q1, commune_officer_a):
    unit = OrgUnit.objects.get(code="C7288-KDV")
    with pytest.raises(ApplicationError) as error:
        report_save_draft(
            actor=commune_officer_a,
            form=quarterly,
            period=q1,
            unit=unit,
            values={
                "doi_thoai_cuoc": "ba",
                "tuyen_truyen_luot_nguoi": "-2",
                "doi_thoai_ty_le_gq": "120",
                "tuyen_truyen_hoi_nghi": "5",
            },
            narratives={},
            expected_version=0,
        )
    assert set(error.value.extra["by_code"]) == {"doi_thoai_cuoc", "tuyen_truyen_luot_nguoi", "doi_thoai_ty_le_gq"}
    assert not Submission.objects.filter(unit=unit).exists()


def test_a_period_outside_the_forms_frequency_is_refused(quarterly, commune_officer_a):
    with pytest.raises(ApplicationError) as error:
        report_save_draft(
            actor=commune_officer_a,
            form=quarterly,
            period=period_get_or_create("month", 2026, 3),
            unit=OrgUnit.objects.get(code="C7288-KDV"),
            values={},
            narratives={},
            expected_version=0,
        )
    assert error.value.field == "period"


def test_a_unit_the_form_is_not_assigned_to_is_refused(quarterly, q1, commune_officer_a):
    with pytest.raises(ApplicationError):
        report_save_draft(
            actor=commune_officer_a,
            form=quarterly,
            period=q1,
            unit=OrgUnit.objects.get(code="C7288-UBND"),
            values={},
            narratives={},
            expected_version=0,
        )


def test_another_provinces_officer_cannot_write(quarterly, q1, officer_b):
    with pytest.raises(ApplicationError) as error:
        report_save_draft(
            actor=officer_b,
            form=quarterly,
            period=q1,
            unit=OrgUnit.objects.get(code="C7288-KDV"),
            values={"doi_thoai_cuoc": "1"},
            narratives={},
            expected_version=0,
        )
    assert error.value.code == "forbidden"


def test_submit_then_the_leader_above_approves(report, commune_officer_a, leader_a):
    submission = report("C7288-KDV", commune_officer_a, {"doi_thoai_cuoc": "3"})
    assert submission.status == Submission.Status.SUBMITTED
    assert submission.values.get(indicator__code="doi_thoai_cuoc").is_final
    approved = report_approve(actor=leader_a, submission=submission)
    assert approved.status == Submission.Status.APPROVED
    assert approved.decided_by == leader_a


def test_a_unit_cannot_approve_its_own_report(report, commune_officer_a):
    from conftest import make_user

    own_leader = make_user("kdv.leader", "leader", "C7288-KDV")
    submission = report("C7288-KDV", commune_officer_a, {"doi_thoai_cuoc": "3"})
    with pytest.raises(ApplicationError) as error:
        report_approve(actor=own_leader, submission=submission)
    assert error.value.code == "forbidden"


def test_submitting_after_approval_is_refused(report, commune_officer_a, leader_a, quarterly, q1):
    submission = report_approve(
        actor=leader_a, submission=report("C7288-KDV", commune_officer_a, {"doi_thoai_cuoc": "3"})
    )
    with pytest.raises(ApplicationError):
        report_submit(actor=commune_officer_a, submission=submission)
    with pytest.raises(ApplicationError) as error:
        report_save_draft(
            actor=commune_officer_a,
            form=quarterly,
            period=q1,
            unit=submission.unit,
            values={"doi_thoai_cuoc": "5"},
            narratives={},
            expected_version=submission.version,
        )
    assert error.value.code == "not_editable"


def test_returning_needs_a_reason_and_takes_the_figures_out_of_the_roll_up(report, commune_officer_a, leader_a):
    submission = report("C7288-KDV", commune_officer_a, {"doi_thoai_cuoc": "3"})
    with pytest.raises(ApplicationError) as error:
        report_return(actor=leader_a, submission=submission, comment="  ")
    assert error.value.field == "comment"
    returned = report_return(actor=leader_a, submission=submission, comment="Thiếu số liệu đối thoại quý I.")
    assert returned.status == Submission.Status.RETURNED
    assert not returned.values.filter(is_final=True).exists()
    assert AuditEvent.objects.filter(action=Action.REPORT_RETURNED, target_id=str(submission.public_id)).count() == 1


def test_a_period_with_another_cut_off_is_refused(quarterly, commune_officer_a):
    with pytest.raises(ApplicationError) as error:
        report_save_draft(
            actor=commune_officer_a,
            form=quarterly,
            period=period_get_or_create("quarter", 2026, 1, 0),
            unit=OrgUnit.objects.get(code="C7288-KDV"),
            values={},
            narratives={},
            expected_version=0,
        )
    assert error.value.field == "period"
