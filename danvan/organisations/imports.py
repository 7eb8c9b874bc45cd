"""Import of thôn, tổ dân phố and tổ dân vận from a CSV or XLSX file.

Everything is validated first and every error is listed by row; nothing is written unless all rows pass.
Columns (first row): ma_xa (the commune's code, e.g. 7288), ten (name), loai (thon | to_dan_pho | to_dan_van).
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.core.text import fold, strip_bidi_controls
from danvan.core.uploads import XLSX_IMPORT, open_xlsx
from danvan.organisations.models import OrgUnit

COLUMNS = ("ma_xa", "ten", "loai")
# The columns in words, as the templates head them and the messages name them.
COLUMN_WORDS = {
    "ma_xa": "Mã xã",
    "ten": "Tên",
    "loai": "Loại",
    "ho_ten": "Họ tên",
    "ten_dang_nhap": "Tên đăng nhập",
    "don_vi": "Đơn vị",
    "vai_tro": "Vai trò",
    "email": "Email",
    "chuc_vu": "Chức vụ",
}
KINDS = {
    "thon": OrgUnit.Kind.VILLAGE,
    "to_dan_pho": OrgUnit.Kind.RESIDENTIAL_GROUP,
    "to_dan_van": OrgUnit.Kind.MOBILISATION_TEAM,
}
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000


@dataclass(frozen=True)
class VillageRow:
    line: int
    commune_code: str
    name: str
    kind: str


def read_table(*, filename: str, content: bytes, columns: tuple[str, ...] = COLUMNS) -> list[dict]:
    """Rows of a CSV (UTF-8) or XLSX file as dicts keyed by the lower-cased header; `columns` must be present."""
    if len(content) > MAX_BYTES:
        raise ApplicationError("Tệp: lớn hơn 2 MB; hãy chia nhỏ danh sách.", field="file")
    name = filename.lower()
    if name.endswith(".xlsx"):
        # Checked for zip bombs and XML entity tricks first; blank rows count towards the bound too.
        with open_xlsx(content, limits=XLSX_IMPORT, field="file") as workbook:
            sheet_rows = workbook.rows(max_rows=4 * MAX_ROWS, max_cols=len(columns) + 20)
        rows = [["" if v is None else str(v).strip() for v in row] for row in sheet_rows]
    elif name.endswith(".csv"):
        try:
            text = strip_bidi_controls(content.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise ApplicationError("Tệp: CSV phải được lưu với bảng mã UTF-8.", field="file") from None
        rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    else:
        raise ApplicationError("Tệp: chỉ nhận .csv hoặc .xlsx.", field="file")
    rows = [row for row in rows if any(row)]
    if not rows:
        raise ApplicationError("Tệp: không có dữ liệu.", field="file")
    # "Mã xã" and "ma_xa" name the same column: headers are folded (the templates print them in words).
    header = [fold(h).replace(" ", "_") for h in rows[0]]
    missing = [c for c in columns if c not in header]
    if missing:
        raise ApplicationError(
            f"Tệp: thiếu cột {_words(missing)}. Dòng đầu phải là: {_words(columns)} (tải tệp mẫu để có sẵn).",
            field="file",
        )
    if len(rows) - 1 > MAX_ROWS:
        raise ApplicationError(f"Tệp: tối đa {MAX_ROWS} dòng mỗi lần nhập.", field="file")
    return [dict(zip(header, row, strict=False)) | {"_line": i} for i, row in enumerate(rows[1:], start=2)]


def _words(keys) -> str:
    return ", ".join(f"“{COLUMN_WORDS.get(key, key)}”" for key in keys)


def _gso(code: str) -> int | None:
    """A GSO commune code as typed (“7288”, “07288”) → its number; None for anything else.

    isdigit() would let “²” and 5,000-digit strings through to int() and the database."""
    if code.isascii() and code.isdecimal() and len(code) <= 6:
        return int(code)
    return None


def villages_import(
    *, actor, rows: list[dict], dry_run: bool = False, progress: Callable[[int, str], None] | None = None
) -> list[OrgUnit]:
    """Validate every row, then create all units in one transaction (or none). Returns the created units.

    `progress(rows_checked, message)`, when given, is told how far the check got; the writing is one
    transaction, so it is reported as one step (progress written inside it would not be seen before commit)."""
    from danvan.accounts.permissions import can_edit_unit
    from danvan.organisations.services import orgunit_create

    errors: list[str] = []
    parsed: list[VillageRow] = []
    # The template lists every commune with its code; a commune row left without a name and kind is not a village.
    rows = [r for r in rows if str(r.get("ten", "")).strip() or str(r.get("loai", "")).strip()]
    codes = {str(r.get("ma_xa", "")).strip() for r in rows}
    parents = {
        u.admin_unit.gso_code: u
        for u in OrgUnit.objects.select_related("admin_unit").filter(
            kind=OrgUnit.Kind.PARTY_COMMITTEE,
            level=OrgUnit.Level.COMMUNE,
            admin_unit__gso_code__in=[n for n in map(_gso, codes) if n is not None],
        )
    }
    existing = {
        (parent_id, fold(name))
        for parent_id, name in OrgUnit.objects.filter(parent__in=parents.values()).values_list("parent_id", "name")
    }
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        line = row["_line"]
        code = str(row.get("ma_xa", "")).strip()
        name = " ".join(str(row.get("ten", "")).split())
        # "thôn", "Tổ dân phố" or the key "to_dan_pho": the kind in words or as its key.
        kind = fold(str(row.get("loai", ""))).replace(" ", "_")
        parent = parents.get(_gso(code))
        if parent is None:
            errors.append(f"Dòng {line}, cột “Mã xã”: “{code}” không phải mã một xã, phường, đặc khu hiện hành.")
        elif not can_edit_unit(actor, parent):
            errors.append(f"Dòng {line}, cột “Mã xã”: {parent.name} nằm ngoài phạm vi đồng chí được cập nhật.")
        if not name:
            errors.append(f"Dòng {line}, cột “Tên”: bắt buộc.")
        elif len(name) > 255:
            errors.append(f"Dòng {line}, cột “Tên”: tối đa 255 ký tự.")
        if kind not in KINDS:
            errors.append(f"Dòng {line}, cột “Loại”: “{kind}” không hợp lệ; dùng {', '.join(KINDS)}.")
        if parent is not None and name:
            key = (code, fold(name))
            if key in seen:
                errors.append(f"Dòng {line}, cột “Tên”: “{name}” trùng với dòng {seen[key]}.")
            elif (parent.pk, fold(name)) in existing:
                errors.append(f"Dòng {line}, cột “Tên”: “{name}” đã có trong {parent.name}.")
            seen.setdefault(key, line)
        parsed.append(VillageRow(line, code, name, kind))
        if progress is not None and len(parsed) % 200 == 0:
            progress(len(parsed), "Đang kiểm tra các dòng…")
    if errors:
        raise ApplicationError(
            f"Không nhập được: {len(errors)} lỗi, chưa ghi dòng nào. Sửa các lỗi dưới đây rồi tải lên lại.",
            field="file",
            code="import_invalid",
            extra={"errors": errors},
        )
    if dry_run:
        return []
    if progress is not None:
        progress(len(parsed), f"Đã kiểm tra {len(parsed)} dòng, không có lỗi; đang ghi {len(parsed)} đơn vị…")
    with transaction.atomic():
        created = [
            orgunit_create(actor=actor, parent=parents[int(r.commune_code)], name=r.name, kind=KINDS[r.kind])
            for r in parsed
        ]
        audit_record(
            actor=actor,
            action=Action.ORGUNITS_IMPORTED,
            details={"count": len(created), "codes": [u.code for u in created][:500]},
        )
    return created


def villages_import_start(*, actor, unit: OrgUnit, filename: str, content: bytes):
    """Keep the uploaded file and import it in the background (checked again there: the tree may have changed
    since the page checked it). The owner follows the job on its page."""
    from danvan.core.services import job_file_store, job_start
    from danvan.organisations.tasks import villages_import_run

    with transaction.atomic():
        upload = job_file_store(owner=actor, name=filename, content_type="application/octet-stream", content=content)
        return job_start(
            actor=actor,
            kind="organisations.village_import",
            title=f"Nhập thôn, tổ dân phố: {filename} ({unit.name})",
            unit=unit,
            task=villages_import_run,
            params={"file": upload.pk},
        )


def villages_import_job(job):
    """The import job's work: read the kept file, check and write its rows as the job's owner."""
    from django.urls import reverse

    from danvan.core.models import StoredFile
    from danvan.core.services import JobOutcome, job_progress

    upload = StoredFile.objects.get(pk=job.params["file"])
    rows = read_table(filename=upload.name, content=bytes(upload.content))
    job_progress(job_id=job.pk, done=0, total=len(rows), message="Đang kiểm tra các dòng…")
    created = villages_import(
        actor=job.owner,
        rows=rows,
        progress=lambda n, message: job_progress(job_id=job.pk, done=n, message=message),
    )
    # The uploaded file has served its purpose; the created units and the audit event are the record.
    upload.delete()
    return JobOutcome(
        message=f"Đã nhập {len(created)} đơn vị.",
        result_url=reverse("organisations:detail", kwargs={"code": job.unit.code}) if job.unit else "",
    )
