"""The compliance table as a file: started here (audited), written by a worker (`tasks.compliance_export_run`)."""

from django.db import transaction

from danvan.accounts.permissions import can_view_unit
from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.democracy.models import BaseKind
from danvan.organisations.models import OrgUnit

AREA_LEVELS = (OrgUnit.Level.PROVINCE, OrgUnit.Level.CENTRAL)


def compliance_export_start(*, actor, area: OrgUnit, kind: str, period: str, start, end):
    """Record the export (audited) and start it as a background job; the owner downloads the XLSX from the job's
    page. Only a province or the centre the person may read, as on the roll-up page."""
    from danvan.core.services import job_start
    from danvan.democracy.tasks import compliance_export_run

    if area.level not in AREA_LEVELS or not can_view_unit(actor, area):
        raise ApplicationError("Đơn vị: đồng chí chỉ xuất được tỉnh hoặc cả nước trong phạm vi của mình.", field="unit")
    if kind not in BaseKind.values:
        raise ApplicationError("Loại hình cơ sở: hãy chọn trong danh sách.", field="kind")
    params = {"area": area.code, "kind": kind, "period": period, "start": start.isoformat(), "end": end.isoformat()}
    title = f"Tổng hợp công khai {BaseKind(kind).label.lower()} — {area.name} ({start:%d/%m/%Y}–{end:%d/%m/%Y})"
    with transaction.atomic():
        audit_record(actor=actor, action=Action.COMPLIANCE_EXPORTED, unit=area, details=params)
        return job_start(
            actor=actor,
            kind="democracy.compliance_export",
            title=title,
            task=compliance_export_run,
            unit=area,
            params=params,
        )
