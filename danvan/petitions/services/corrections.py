"""Correcting what was recorded at intake: a typo in the content, the wrong field or date, a petitioner's details.

A correction is not a step of the petition's life: the status does not move. What the law times from the day of
receipt (the date, the category, the complex and remote-area flags) may only change while the petition is still at
its first step, and the first deadline is then counted again; later, those facts have already set deadlines that
were kept or missed, so they stay as recorded. The timeline shows every correction with its reason, and the audit
row keeps the facts before and after (not the people's details: only how many there are).
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.audit.corrections import clean_reason
from danvan.audit.models import Action
from danvan.audit.services import audit_record, snapshot
from danvan.core.errors import ApplicationError
from danvan.core.locking import check_version
from danvan.core.text import fold
from danvan.petitions import permissions as perms
from danvan.petitions.models import Petition, Petitioner, PetitionEvent, PetitionField
from danvan.petitions.services.intake import _first_step, _set_deadline
from danvan.petitions.services.people import PERSON_KEYS, _clean_people

Status = Petition.Status

# The facts a correction may change at any step.
DESCRIPTIVE = ("field", "content", "respondent", "is_ineligible", "is_over_level", "petitioner_kind", "group_size")
# The facts the legal deadlines are counted from: only while the petition is at its first step.
TIMED = ("category", "received_on", "is_complex", "is_remote_area")
_LABELS = {
    "field": "lĩnh vực",
    "content": "nội dung",
    "respondent": "người/cơ quan bị khiếu nại, tố cáo",
    "is_ineligible": "không đủ điều kiện",
    "is_over_level": "vượt cấp",
    "petitioner_kind": "người gửi",
    "group_size": "số người",
    "category": "loại đơn",
    "received_on": "ngày nhận đơn",
    "is_complex": "phức tạp kéo dài",
    "is_remote_area": "vùng sâu, vùng xa",
    "petitioners": "thông tin người gửi đơn",
}


def _people_of(petition: Petition) -> list[dict]:
    return [
        {k: getattr(p, k) for k in PERSON_KEYS} for p in Petitioner.objects.filter(petition=petition).order_by("id")
    ]


def _check(petition: Petition, values: dict, *, today: dt.date) -> None:
    field = values["field"]
    if field is None or (not field.is_active and field.pk != petition.field_id):
        raise ApplicationError("Lĩnh vực: hãy chọn một lĩnh vực trong danh sách.", field="field")
    if not values["content"]:
        raise ApplicationError("Nội dung đơn: bắt buộc, hãy tóm tắt nội dung.", field="content")
    if values["category"] not in Petition.Category.values:
        raise ApplicationError("Loại đơn: hãy chọn một loại trong danh sách.", field="category")
    denunciation = Petition.Category.DENUNCIATION
    if (values["category"] == denunciation) != petition.is_denunciation:
        raise ApplicationError(
            "Loại đơn: không đổi được giữa tố cáo và loại khác sau khi đã nhận, vì danh tính người tố cáo được giữ "
            "riêng theo luật. Hãy ghi nhận một đơn mới đúng loại và ghi nhận rút đơn này.",
            field="category",
        )
    received_on = values["received_on"]
    if received_on is None:
        raise ApplicationError("Ngày nhận đơn: bắt buộc (dd/mm/yyyy).", field="received_on")
    if received_on > today:
        raise ApplicationError("Ngày nhận đơn: không được sau hôm nay.", field="received_on")
    if values["petitioner_kind"] not in Petition.PetitionerKind.values:
        raise ApplicationError("Người gửi: hãy chọn một người hoặc nhóm người.", field="petitioner_kind")
    if values["petitioner_kind"] == Petition.PetitionerKind.GROUP and (values["group_size"] or 0) < 2:
        raise ApplicationError("Số người: đơn tập thể phải có từ 2 người trở lên.", field="group_size")


@transaction.atomic
def petition_correct(
    *,
    actor,
    petition: Petition,
    reason: str,
    field: PetitionField | None,
    content: str,
    category: str,
    received_on: dt.date | None,
    respondent: str = "",
    petitioner_kind: str = Petition.PetitionerKind.PERSON,
    group_size: int = 1,
    is_ineligible: bool = False,
    is_over_level: bool = False,
    is_complex: bool = False,
    is_remote_area: bool = False,
    petitioners: list[dict] | None = None,
    expected_version: str | None = None,
    today: dt.date | None = None,
) -> Petition:
    """Correct the facts recorded at intake. `petitioners` None leaves the people as they are (a denunciation's
    denouncer is never edited here). Nothing is written when nothing changed, and nothing when a check fails."""
    today = today or timezone.localdate()
    if not perms.can_act_on_petition(actor, petition):
        raise ApplicationError("Đồng chí không có quyền sửa đơn này.", code="forbidden")
    reason = clean_reason(reason, example="nhập nhầm ngày nhận đơn")
    values = {
        "field": field,
        "content": (content or "").strip(),
        "respondent": " ".join((respondent or "").split())[:255],
        "is_ineligible": bool(is_ineligible),
        "is_over_level": bool(is_over_level),
        "petitioner_kind": petitioner_kind,
        "group_size": group_size if petitioner_kind == Petition.PetitionerKind.GROUP else 1,
        "category": category,
        "received_on": received_on,
        "is_complex": bool(is_complex),
        "is_remote_area": bool(is_remote_area),
    }
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    check_version(petition, expected_version, what="Đơn này")
    _check(petition, values, today=today)
    changed = [name for name in (*DESCRIPTIVE, *TIMED) if getattr(petition, name) != values[name]]
    timed = [name for name in changed if name in TIMED]
    if timed and petition.status != Status.RECEIVED:
        name = timed[0]
        raise ApplicationError(
            f"{_LABELS[name].capitalize()}: chỉ sửa được khi đơn còn ở bước “{Status.RECEIVED.label}”. Đơn đã sang "
            f"bước “{petition.get_status_display()}”, các thời hạn đã tính theo thông tin này nên được giữ nguyên.",
            field=name,
        )
    people = None
    if petitioners is not None and not petition.is_denunciation:
        group = values["petitioner_kind"] == Petition.PetitionerKind.GROUP
        people = _clean_people(petitioners, anonymous=petition.is_anonymous, group=group)
        if people != [{**p, "name_folded": fold(p["full_name"])} for p in _people_of(petition)]:
            changed.append("petitioners")
    if not changed:
        raise ApplicationError("Không có thông tin nào thay đổi: chưa lưu gì.", field="reason", code="unchanged")
    audited = [*(n for n in changed if n != "petitioners"), "due_on"]
    before = snapshot(petition, audited)
    for name in changed:
        if name != "petitioners":
            setattr(petition, name, values[name])
    petition.content_folded = fold(petition.content)
    if timed:
        # Still at its first step: the first deadline is counted again from the corrected facts.
        _set_deadline(petition, *_first_step(petition), petition.received_on)
    petition.save()
    if "petitioners" in changed:
        Petitioner.objects.filter(petition=petition).delete()
        Petitioner.objects.bulk_create([Petitioner(petition=petition, **p) for p in people])
    what = ", ".join(_LABELS[n] for n in changed)
    PetitionEvent.objects.create(
        petition=petition,
        on=today,
        actor=actor,
        status_from=petition.status,
        status_to=petition.status,
        due_on=petition.due_on,
        note=f"Sửa {what}. Lý do: {reason}",
    )
    audit_record(
        actor=actor,
        action=Action.PETITION_CORRECTED,
        unit=petition.unit,
        target=petition,
        before=before,
        after=snapshot(petition, audited),
        details={"reason": reason, **({"petitioners": len(people)} if "petitioners" in changed else {})},
    )
    return petition
