"""Mobilising residents for major projects: the project and its communes, the households affected, each contact
made with them and where they stand (agreed, not yet, refused), and the progress the commune publishes."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.audit.models import Action
from danvan.audit.services import audit_record, snapshot
from danvan.core.errors import ApplicationError
from danvan.democracy import permissions as perms
from danvan.democracy.models import Agreement, Base, Contact, Household, Matter, Project
from danvan.democracy.services.bases import base_for_commune
from danvan.democracy.services.common import _forbidden, locked_edit
from danvan.organisations.models import OrgUnit, OrgUnitClosure

PROJECT_FIELDS = ["kind", "name", "description", "starts_on", "ends_on", "matter"]
HOUSEHOLD_FIELDS = ["head_name", "village"]
CONTACT_FIELDS = ["contacted_on", "contacted_by", "agreement", "reason"]
MAX_TEXT = 4000


def _within(unit: OrgUnit, ancestor: OrgUnit) -> bool:
    return OrgUnitClosure.objects.filter(ancestor=ancestor, descendant=unit).exists()


def _check_project(*, actor, unit, kind, name, starts_on, ends_on, communes, matter) -> tuple[str, list[Base]]:
    if kind not in Project.Kind.values:
        raise ApplicationError("Loại dự án: hãy chọn trong danh sách.", field="kind")
    name = " ".join((name or "").split())[:255]
    if not name:
        raise ApplicationError("Tên dự án, công trình: bắt buộc.", field="name")
    if starts_on is None:
        raise ApplicationError("Ngày bắt đầu vận động: bắt buộc (dd/mm/yyyy).", field="starts_on")
    if ends_on is not None and ends_on < starts_on:
        raise ApplicationError(f"Ngày kết thúc: không được trước ngày bắt đầu ({starts_on:%d/%m/%Y}).", field="ends_on")
    if not communes:
        raise ApplicationError("Xã, phường có dự án đi qua: hãy chọn ít nhất một xã.", field="communes")
    outside = [c.name for c in communes if not _within(c, unit)]
    if outside:
        raise ApplicationError(
            f"Xã, phường có dự án đi qua: {', '.join(outside)} không thuộc {unit.name}.", field="communes"
        )
    bases = []
    for commune in communes:
        try:
            bases.append(base_for_commune(actor=actor, unit=commune))
        except ApplicationError:
            raise ApplicationError(
                f"Xã, phường có dự án đi qua: {commune.name} không phải một xã, phường; hãy chọn Đảng ủy xã.",
                field="communes",
            ) from None
    if matter is not None and matter.base_id not in {b.pk for b in bases}:
        raise ApplicationError(
            "Nội dung nhân dân quyết định: hãy chọn một nội dung biểu quyết của xã có dự án.", field="matter"
        )
    return name, bases


def project_create(
    *,
    actor,
    unit: OrgUnit | None,
    kind: str,
    name: str,
    starts_on: dt.date | None,
    communes: list[OrgUnit],
    ends_on: dt.date | None = None,
    description: str = "",
    matter: Matter | None = None,
) -> Project:
    """Register a project residents are mobilised for, run by `unit`, touching `communes` below it."""
    if unit is None:
        raise ApplicationError("Đơn vị chủ trì vận động: hãy chọn một đơn vị.", field="unit")
    if not perms.can_start_project(actor, unit):
        raise ApplicationError("Đơn vị chủ trì vận động: đồng chí không có quyền với đơn vị này.", field="unit")
    name, bases = _check_project(
        actor=actor,
        unit=unit,
        kind=kind,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        communes=communes,
        matter=matter,
    )
    with transaction.atomic():
        project = Project.objects.create(
            unit=unit,
            kind=kind,
            name=name,
            description=(description or "").strip()[:MAX_TEXT],
            starts_on=starts_on,
            ends_on=ends_on,
            matter=matter,
            created_by=actor,
        )
        project.bases.set(bases)
        audit_record(
            actor=actor,
            action=Action.PROJECT_CREATED,
            unit=unit,
            target=project,
            after={**snapshot(project, PROJECT_FIELDS), "communes": [b.name for b in bases]},
        )
    return project


def project_update(
    *,
    actor,
    project: Project,
    kind: str,
    name: str,
    starts_on: dt.date | None,
    communes: list[OrgUnit],
    ends_on: dt.date | None = None,
    description: str = "",
    matter: Matter | None = None,
    expected_version=None,
) -> Project:
    """Correct a project. A commune that already has households cannot be taken off it."""
    if not perms.can_manage_project(actor, project):
        raise _forbidden("dự án này")
    name, bases = _check_project(
        actor=actor,
        unit=project.unit,
        kind=kind,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        communes=communes,
        matter=matter,
    )
    keep = {b.pk for b in bases}
    dropped = Household.objects.filter(project=project).exclude(base__in=keep).values_list("base__name", flat=True)
    if dropped:
        raise ApplicationError(
            f"Xã, phường có dự án đi qua: {dropped[0]} đã có hộ dân trong dự án nên không bỏ được.", field="communes"
        )
    before_bases = [b.name for b in project.bases.all()]

    def set_bases(row):
        row.bases.set(bases)
        return {"communes_before": before_bases, "communes": [b.name for b in bases]}

    return locked_edit(
        actor=actor,
        row=project,
        fields=PROJECT_FIELDS,
        changes={
            "kind": kind,
            "name": name,
            "description": (description or "").strip()[:MAX_TEXT],
            "starts_on": starts_on,
            "ends_on": ends_on,
            "matter": matter,
        },
        action=Action.PROJECT_UPDATED,
        unit=project.unit,
        what="Dự án này",
        expected_version=expected_version,
        then=set_bases,
    )


def project_publish(*, actor, project: Project, publish: bool, progress: str = "", note: str = "") -> Project:
    """Publish the project's progress on the portal of its communes (dân thụ hưởng), or withdraw it with a public
    reason."""
    if not perms.can_publish_project(actor, project):
        raise _forbidden("việc đăng công khai của dự án này")
    progress = (progress or "").strip()[:MAX_TEXT]
    note = " ".join((note or "").split())[:255]
    if publish and not progress:
        raise ApplicationError("Tiến độ công khai: hãy ghi tiến độ, kết quả để người dân biết.", field="progress")

    def toggle(row):
        if not publish and row.is_published and not note:
            raise ApplicationError(
                "Lý do gỡ tiến độ dự án: bắt buộc khi gỡ khỏi cổng thông tin (hiển thị công khai).", field="note"
            )
        changes = {"is_published": publish, "withdrawn_note": "" if publish else note}
        if publish:
            changes["progress"] = progress
        return changes

    return locked_edit(
        actor=actor,
        row=project,
        fields=["is_published", "withdrawn_note", "progress"],
        changes=toggle,
        action=Action.PROJECT_PUBLISHED if publish else Action.PROJECT_WITHDRAWN,
        unit=project.unit,
    )


def _check_household(*, project, base, head_name, village) -> str:
    if base is None or not project.bases.filter(pk=base.pk).exists():
        raise ApplicationError("Xã, phường: hãy chọn một xã có dự án đi qua.", field="base")
    head_name = " ".join((head_name or "").split())[:128]
    if not head_name:
        raise ApplicationError("Họ tên chủ hộ: bắt buộc.", field="head_name")
    if village is not None and not _within(village, base.unit):
        raise ApplicationError(f"Thôn, tổ dân phố: hãy chọn một thôn của {base.name}, hoặc để trống.", field="village")
    return head_name


def household_add(
    *, actor, project: Project, base: Base | None, head_name: str, village: OrgUnit | None = None
) -> Household:
    """Add a household the project affects: the head's name and the thôn only (personal data kept minimal)."""
    if base is not None and not perms.can_record_household(actor, project, base):
        raise _forbidden()
    head_name = _check_household(project=project, base=base, head_name=head_name, village=village)
    with transaction.atomic():
        household = Household.objects.create(
            project=project, base=base, village=village, head_name=head_name, created_by=actor
        )
        audit_record(
            actor=actor,
            action=Action.HOUSEHOLD_ADDED,
            unit=base.unit,
            target=household,
            after=snapshot(household, HOUSEHOLD_FIELDS),
        )
    return household


def household_update(
    *, actor, household: Household, head_name: str, village: OrgUnit | None, petitions=None, expected_version=None
) -> Household:
    """Correct a household's head or thôn, and the petitions linked to it (petitions of that commune only)."""
    project, base = household.project, household.base
    if not perms.can_record_household(actor, project, base):
        raise _forbidden()
    head_name = _check_household(project=project, base=base, head_name=head_name, village=village)
    petitions = list(petitions or [])
    foreign = [p.code for p in petitions if not _within(p.unit, base.unit)]
    if foreign:
        raise ApplicationError(
            f"Đơn thư liên quan: {', '.join(foreign)} không phải đơn thư của {base.name}.", field="petitions"
        )
    before_petitions = sorted(household.petitions.values_list("code", flat=True))

    def link(row):
        row.petitions.set(petitions)
        return {"petitions_before": before_petitions, "petitions": sorted(p.code for p in petitions)}

    return locked_edit(
        actor=actor,
        row=household,
        fields=HOUSEHOLD_FIELDS,
        changes={"head_name": head_name, "village": village},
        action=Action.HOUSEHOLD_UPDATED,
        unit=base.unit,
        what="Hộ dân này",
        expected_version=expected_version,
        then=link,
    )


def _check_contact(*, household, contacted_on, contacted_by, agreement, reason, today) -> tuple[str, str]:
    if contacted_on is None or contacted_on > today:
        raise ApplicationError("Ngày gặp, vận động: bắt buộc, không sau hôm nay (dd/mm/yyyy).", field="contacted_on")
    if contacted_on < household.project.starts_on:
        raise ApplicationError(
            f"Ngày gặp, vận động: không trước ngày bắt đầu dự án ({household.project.starts_on:%d/%m/%Y}).",
            field="contacted_on",
        )
    contacted_by = " ".join((contacted_by or "").split())[:128]
    if not contacted_by:
        raise ApplicationError("Người đi vận động: bắt buộc (họ tên, chức vụ).", field="contacted_by")
    if agreement not in Agreement.values:
        raise ApplicationError("Ý kiến của hộ: hãy chọn đồng ý, chưa đồng ý hoặc không đồng ý.", field="agreement")
    reason = (reason or "").strip()[:MAX_TEXT]
    if agreement != Agreement.AGREED and not reason:
        raise ApplicationError(
            "Lý do: bắt buộc khi hộ chưa đồng ý hoặc không đồng ý (để biết cần giải quyết gì).", field="reason"
        )
    return contacted_by, reason


def _refresh_agreement(household_id: int) -> None:
    """The household stands where its latest contact left it (by date, then by entry)."""
    latest = Contact.objects.filter(household_id=household_id).order_by("-contacted_on", "-id").first()
    Household.objects.filter(pk=household_id).update(
        agreement=latest.agreement if latest else Agreement.PENDING, reason=latest.reason if latest else ""
    )


def household_contact(
    *,
    actor,
    household: Household,
    contacted_on: dt.date | None,
    contacted_by: str,
    agreement: str,
    reason: str = "",
    today: dt.date | None = None,
) -> Contact:
    """Record one contact with a household: who went, when, and the household's answer (with its reasons)."""
    today = today or timezone.localdate()
    if not perms.can_record_household(actor, household.project, household.base):
        raise _forbidden()
    contacted_by, reason = _check_contact(
        household=household,
        contacted_on=contacted_on,
        contacted_by=contacted_by,
        agreement=agreement,
        reason=reason,
        today=today,
    )
    with transaction.atomic():
        Household.objects.select_for_update().filter(pk=household.pk).first()
        contact = Contact.objects.create(
            household=household,
            contacted_on=contacted_on,
            contacted_by=contacted_by,
            agreement=agreement,
            reason=reason,
            recorded_by=actor,
        )
        _refresh_agreement(household.pk)
        audit_record(
            actor=actor,
            action=Action.HOUSEHOLD_CONTACTED,
            unit=household.base.unit,
            target=household,
            after=snapshot(contact, CONTACT_FIELDS),
        )
    return contact


def contact_update(
    *,
    actor,
    contact: Contact,
    contacted_on: dt.date | None,
    contacted_by: str,
    agreement: str,
    reason: str = "",
    expected_version=None,
    today: dt.date | None = None,
) -> Contact:
    """Correct a contact; the household's standing follows its latest contact again."""
    today = today or timezone.localdate()
    household = contact.household
    if not perms.can_record_household(actor, household.project, household.base):
        raise _forbidden()
    contacted_by, reason = _check_contact(
        household=household,
        contacted_on=contacted_on,
        contacted_by=contacted_by,
        agreement=agreement,
        reason=reason,
        today=today,
    )
    return locked_edit(
        actor=actor,
        row=contact,
        fields=CONTACT_FIELDS,
        changes={"contacted_on": contacted_on, "contacted_by": contacted_by, "agreement": agreement, "reason": reason},
        action=Action.CONTACT_UPDATED,
        unit=household.base.unit,
        what="Lần vận động này",
        expected_version=expected_version,
        then=lambda row: _refresh_agreement(row.household_id),
    )


def project_dialogues_set(*, actor, project: Project, dialogue_ids) -> Project:
    """Link the leaders' dialogues held about the project (replacing the previous links). Only dialogues the actor
    can see (their units' scope) can be linked; the others stay as they were."""
    from danvan.accounts.permissions import units_in_scope
    from danvan.petitions.models import Dialogue

    if not perms.can_manage_project(actor, project):
        raise _forbidden("dự án này")
    wanted = set()
    for value in dialogue_ids or []:
        try:
            wanted.add(int(value))
        except (TypeError, ValueError):
            raise ApplicationError("Đối thoại: hãy chọn trong danh sách.", field="dialogues") from None
    visible = set(Dialogue.objects.filter(unit__in=units_in_scope(actor)).values_list("pk", flat=True))
    if wanted - visible:
        raise ApplicationError("Đối thoại: hãy chọn trong danh sách.", field="dialogues")
    with transaction.atomic():
        before = set(project.dialogues.values_list("pk", flat=True))
        # A dialogue outside the actor's scope, linked by someone else, stays linked.
        after = (before - visible) | wanted
        if after != before:
            project.dialogues.set(after)
            audit_record(
                actor=actor,
                action=Action.PROJECT_DIALOGUES_LINKED,
                unit=project.unit,
                target=project,
                before={"dialogues": sorted(before)},
                after={"dialogues": sorted(after)},
            )
    return project
