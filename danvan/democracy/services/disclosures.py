"""Disclosures (công khai, Điều 11–14) and the catalogue of what must be disclosed."""

import datetime as dt

from django.db import transaction

from danvan.audit.models import Action
from danvan.audit.services import audit_record, snapshot
from danvan.core.errors import ApplicationError
from danvan.democracy import permissions as perms
from danvan.democracy.compliance_store import summary_recount
from danvan.democracy.models import (
    Base,
    Disclosure,
    DisclosureFile,
    DisclosureItem,
    PostingForm,
)
from danvan.democracy.services.common import (
    _forbidden,
    _publish,
    _stored_files,
    locked_edit,
)


def _clean_forms(forms_used) -> list[str]:
    values = list(dict.fromkeys(forms_used or []))
    bad = [v for v in values if v not in PostingForm.values]
    if bad:
        raise ApplicationError("Hình thức công khai: hãy chọn trong danh sách.", field="forms_used")
    return values


def _check_disclosure(*, base, item, title, start_date, end_date, loudspeaker_days, forms_used):
    if item is None:
        raise ApplicationError("Nội dung công khai: hãy chọn một mục trong danh mục (Điều 11).", field="item")
    if item.base_kind != base.kind or not item.is_active:
        raise ApplicationError("Nội dung công khai: mục này không thuộc danh mục của loại cơ sở này.", field="item")
    if not (title or "").strip():
        raise ApplicationError("Tiêu đề: bắt buộc, ví dụ “Dự toán ngân sách xã năm 2026”.", field="title")
    if start_date is None:
        raise ApplicationError("Ngày bắt đầu công khai: bắt buộc (dd/mm/yyyy).", field="start_date")
    if end_date is not None and end_date < start_date:
        raise ApplicationError(
            f"Ngày kết thúc: không được trước ngày bắt đầu ({start_date:%d/%m/%Y}); hãy sửa một trong hai ngày.",
            field="end_date",
        )
    if loudspeaker_days is not None and PostingForm.LOUDSPEAKER not in forms_used:
        raise ApplicationError(
            "Số ngày phát trên loa: chỉ nhập khi có chọn hình thức “Hệ thống loa truyền thanh”.",
            field="loudspeaker_days",
        )


DISCLOSURE_FIELDS = ["item", "title", "forms_used", "loudspeaker_days", "start_date", "end_date", "is_published"]


def disclosure_post(
    *,
    actor,
    base: Base,
    item: DisclosureItem | None,
    title: str,
    start_date: dt.date | None,
    end_date: dt.date | None = None,
    forms_used: list[str] | None = None,
    loudspeaker_days: int | None = None,
    uploads=None,
    publish: bool = False,
) -> Disclosure:
    """Record a disclosure (công khai) of `base`, with its files; published to the portal if `publish`."""
    if not perms.can_record_for(actor, base):
        raise _forbidden()
    if publish and not perms.can_publish_for(actor, base):
        raise ApplicationError("Đăng lên cổng thông tin: đồng chí không có quyền đăng.", field="publish")
    forms_used = _clean_forms(forms_used)
    _check_disclosure(
        base=base,
        item=item,
        title=title,
        start_date=start_date,
        end_date=end_date,
        loudspeaker_days=loudspeaker_days,
        forms_used=forms_used,
    )
    stored = _stored_files(uploads, actor=actor, field="files")
    with transaction.atomic():
        disclosure = Disclosure.objects.create(
            base=base,
            item=item,
            title=" ".join(title.split())[:255],
            forms_used=forms_used,
            loudspeaker_days=loudspeaker_days,
            start_date=start_date,
            end_date=end_date,
            is_published=publish,
            posted_by=actor,
        )
        for f in stored:
            f.save()
            DisclosureFile.objects.create(disclosure=disclosure, file=f)
        summary_recount(base=base, dates=[start_date])
        audit_record(
            actor=actor,
            action=Action.DISCLOSURE_POSTED,
            unit=base.unit,
            target=disclosure,
            after={**snapshot(disclosure, DISCLOSURE_FIELDS), "files": [f.name for f in stored]},
        )
    return disclosure


def disclosure_update(
    *,
    actor,
    disclosure: Disclosure,
    item: DisclosureItem | None,
    title: str,
    start_date: dt.date | None,
    end_date: dt.date | None,
    forms_used: list[str] | None,
    loudspeaker_days: int | None = None,
    uploads=None,
    expected_version=None,
) -> Disclosure:
    """Correct a disclosure; the audit event keeps what it said before (its history)."""
    base = disclosure.base
    if not perms.can_record_for(actor, base):
        raise _forbidden()
    forms_used = _clean_forms(forms_used)
    _check_disclosure(
        base=base,
        item=item,
        title=title,
        start_date=start_date,
        end_date=end_date,
        loudspeaker_days=loudspeaker_days,
        forms_used=forms_used,
    )
    stored = _stored_files(uploads, actor=actor, field="files")
    start_before = disclosure.start_date

    def attach(row):
        for f in stored:
            f.save()
            DisclosureFile.objects.create(disclosure=row, file=f)
        # The stored compliance tables of the quarters it left and entered (decision 0047).
        summary_recount(base=base, dates=[start_before, row.start_date])
        return {"files_added": [f.name for f in stored]}

    return locked_edit(
        actor=actor,
        row=disclosure,
        fields=DISCLOSURE_FIELDS,
        changes={
            "item": item,
            "title": " ".join(title.split())[:255],
            "forms_used": forms_used,
            "start_date": start_date,
            "end_date": end_date,
            "loudspeaker_days": loudspeaker_days,
        },
        action=Action.DISCLOSURE_UPDATED,
        unit=base.unit,
        what="Nội dung công khai này",
        expected_version=expected_version,
        then=attach,
    )


def disclosure_publish(*, actor, disclosure: Disclosure, publish: bool, note: str = "") -> Disclosure:
    """Publish a disclosure on the portal, or withdraw it: a withdrawal leaves a public note."""
    return _publish(
        actor=actor,
        model=Disclosure,
        row=disclosure,
        publish=publish,
        note=note,
        action_on=Action.DISCLOSURE_PUBLISHED,
        action_off=Action.DISCLOSURE_WITHDRAWN,
        what="nội dung công khai",
    )


def disclosure_item_update(
    *,
    actor,
    item: DisclosureItem,
    title: str,
    legal_reference: str,
    min_days,
    due_days,
    loudspeaker_days,
    frequency,
    wording_confirmed: bool | None = None,
    note: str | None = None,
    days_confirmed: bool | None = None,
    source: str | None = None,
) -> DisclosureItem:
    """Correct a catalogue item (the law's wording, figures still unconfirmed). `wording_confirmed`, `note`,
    `days_confirmed` and `source` change only when given: an admin who has checked the text against the law marks
    the item confirmed and says where."""
    from danvan.democracy.models import Frequency

    if not perms.can_edit_catalogue(actor):
        raise _forbidden("danh mục công khai")
    title = " ".join((title or "").split())
    if not title:
        raise ApplicationError("Nội dung: bắt buộc.", field="title")
    if frequency not in Frequency.values:
        raise ApplicationError("Định kỳ: hãy chọn trong danh sách.", field="frequency")
    fields = ["title", "legal_reference", "min_days", "due_days", "loudspeaker_days", "frequency"]
    changes = {
        "title": title[:500],
        "legal_reference": (legal_reference or "").strip()[:255],
        "min_days": min_days,
        "due_days": due_days,
        "loudspeaker_days": loudspeaker_days,
        "frequency": frequency,
    }
    if wording_confirmed is not None:
        fields.append("wording_confirmed")
        changes["wording_confirmed"] = bool(wording_confirmed)
    if note is not None:
        fields.append("note")
        changes["note"] = note.strip()
    if days_confirmed is not None:
        fields.append("days_confirmed")
        changes["days_confirmed"] = bool(days_confirmed)
    if source is not None:
        fields.append("source")
        changes["source"] = source.strip()
    return locked_edit(
        actor=actor,
        row=item,
        fields=fields,
        changes=changes,
        action=Action.DISCLOSURE_ITEM_UPDATED,
        unit=None,
    )
