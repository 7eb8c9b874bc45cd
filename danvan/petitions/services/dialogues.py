"""Dialogues with citizens and the commitments made in them."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.audit.corrections import clean_reason, record_correct
from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.core.locking import bump, check_version
from danvan.organisations.models import OrgUnit
from danvan.organisations.selectors import orgunit_is_within
from danvan.petitions import permissions as perms
from danvan.petitions.models import (
    Commitment,
    Dialogue,
    Petition,
)

Status = Petition.Status


# --- Dialogues -----------------------------------------------------------------------------------------------


def _check_dialogue(*, held_on, place, leaders) -> None:
    if held_on is None:
        raise ApplicationError("Ngày đối thoại: bắt buộc (dd/mm/yyyy).", field="held_on")
    if not place:
        raise ApplicationError("Địa điểm: bắt buộc.", field="place")
    if not leaders:
        raise ApplicationError("Lãnh đạo chủ trì: bắt buộc.", field="leaders")


def dialogue_record(
    *,
    actor,
    unit: OrgUnit,
    held_on: dt.date | None,
    place: str,
    leaders: str,
    participants: str = "",
    participant_count: int = 0,
    issues: list[dict],
) -> Dialogue:
    """Record a dialogue; each issue raised becomes a commitment with an owner unit and a deadline."""
    if not perms.can_edit_unit(actor, unit):
        raise ApplicationError("Đồng chí không có quyền ghi đối thoại cho đơn vị này.", code="forbidden")
    place, leaders = " ".join((place or "").split()), " ".join((leaders or "").split())
    _check_dialogue(held_on=held_on, place=place, leaders=leaders)
    rows = []
    for i, item in enumerate(issues):
        text = (item.get("issue") or "").strip()
        if not text:
            continue
        if item.get("owner_unit") is None:
            raise ApplicationError("Đơn vị thực hiện: bắt buộc cho mỗi kiến nghị.", field=f"issues-{i}-owner_unit")
        if not orgunit_is_within(item["owner_unit"], unit):
            raise ApplicationError(
                f"Đơn vị thực hiện: phải là {unit.name} hoặc đơn vị trực thuộc; đồng chí hãy chọn đơn vị khác.",
                field=f"issues-{i}-owner_unit",
            )
        if item.get("due_on") is None:
            raise ApplicationError("Hạn thực hiện: bắt buộc cho mỗi kiến nghị.", field=f"issues-{i}-due_on")
        if item["due_on"] < held_on:
            raise ApplicationError("Hạn thực hiện: phải sau ngày đối thoại.", field=f"issues-{i}-due_on")
        rows.append(item | {"issue": text})
    with transaction.atomic():
        dialogue = Dialogue.objects.create(
            unit=unit,
            held_on=held_on,
            place=place,
            leaders=leaders,
            participants=(participants or "").strip(),
            participant_count=participant_count or 0,
            created_by=actor,
        )
        Commitment.objects.bulk_create(
            [
                Commitment(dialogue=dialogue, issue=r["issue"], owner_unit=r["owner_unit"], due_on=r["due_on"])
                for r in rows
            ]
        )
        audit_record(
            actor=actor,
            action=Action.DIALOGUE_RECORDED,
            unit=unit,
            target=dialogue,
            after={"held_on": held_on.isoformat(), "commitments": len(rows)},
        )
    return dialogue


def dialogue_correct(
    *,
    actor,
    dialogue: Dialogue,
    reason: str,
    held_on: dt.date | None,
    place: str,
    leaders: str,
    participants: str = "",
    participant_count: int = 0,
    expected_version: str | None = None,
) -> Dialogue:
    """Correct a dialogue's record (date, place, leaders, participants); its commitments are followed up on the
    commitments list. A date moved after a commitment's deadline is refused: that deadline would come first."""
    if not perms.can_edit_unit(actor, dialogue.unit):
        raise ApplicationError("Đồng chí không có quyền sửa đối thoại của đơn vị này.", code="forbidden")
    reason = clean_reason(reason, example="ghi nhầm địa điểm")
    values = {
        "held_on": held_on,
        "place": " ".join((place or "").split()),
        "leaders": " ".join((leaders or "").split()),
        "participants": (participants or "").strip(),
        "participant_count": participant_count or 0,
    }
    _check_dialogue(held_on=held_on, place=values["place"], leaders=values["leaders"])

    def before_commitments(row, changed):
        earliest = row.commitments.order_by("due_on").values_list("due_on", flat=True).first()
        if "held_on" in changed and earliest is not None and held_on > earliest:
            raise ApplicationError(
                f"Ngày đối thoại: không được sau hạn thực hiện sớm nhất của các kiến nghị ({earliest:%d/%m/%Y}).",
                field="held_on",
            )

    return record_correct(
        actor=actor,
        record=dialogue,
        values=values,
        reason=reason,
        what="Cuộc đối thoại này",
        action=Action.DIALOGUE_CORRECTED,
        unit=dialogue.unit,
        expected_version=expected_version,
        check=before_commitments,
    )


def commitment_update(
    *,
    actor,
    commitment: Commitment,
    status: str,
    outcome: str = "",
    is_published: bool = False,
    expected_version: str | None = None,
) -> Commitment:
    """Set a commitment's status, outcome and publication. `expected_version` is the version the person's form
    was shown with (core.locking): if someone saved in between, nothing is written and a conflict is raised."""
    if not (perms.can_edit_unit(actor, commitment.owner_unit) or perms.can_edit_unit(actor, commitment.dialogue.unit)):
        raise ApplicationError("Đồng chí không có quyền cập nhật cam kết này.", code="forbidden")
    if status not in Commitment.Status.values:
        raise ApplicationError("Tình trạng: hãy chọn trong danh sách.", field="status")
    outcome = (outcome or "").strip()
    if status != Commitment.Status.OPEN and not outcome:
        raise ApplicationError("Kết quả: bắt buộc khi hoàn thành hoặc không thực hiện được.", field="outcome")
    with transaction.atomic():
        commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
        check_version(commitment, expected_version, what="Cam kết này")
        before = {"status": commitment.status, "outcome": commitment.outcome, "published": commitment.is_published}
        if status == Commitment.Status.DONE and commitment.status != Commitment.Status.DONE:
            commitment.done_on = timezone.localdate()
        elif status != Commitment.Status.DONE:
            commitment.done_on = None
        commitment.status, commitment.outcome, commitment.is_published = status, outcome, is_published
        commitment.updated_by, commitment.updated_at = actor, timezone.now()
        changed = bump(commitment)
        commitment.save(update_fields=["status", "outcome", "is_published", "done_on", "updated_by", *changed])
        audit_record(
            actor=actor,
            action=Action.COMMITMENT_UPDATED,
            unit=commitment.owner_unit,
            target=commitment,
            before=before,
            after={"status": status, "outcome": outcome, "published": is_published},
        )
    return commitment
