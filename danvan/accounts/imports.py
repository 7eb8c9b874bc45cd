"""Import of accounts (and their positions) from a CSV or XLSX file, for a unit administrator.

Every row is checked first and every error listed by row and column; nothing is written unless all rows pass.
Columns (first row): ho_ten, ten_dang_nhap, don_vi (the unit's name as danvan shows it, or its code), vai_tro
(quản trị, lãnh đạo, chuyên viên, báo cáo viên, người xem); optional email, chuc_vu (the person's title in the
unit, recorded as a position). Each account gets a random first password, listed once in the job's result file;
the person must choose their own at the first login (User.must_change_password).
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from danvan.accounts.models import Role, User
from danvan.accounts.permissions import can_manage_accounts
from danvan.accounts.services import username_is_valid
from danvan.core.errors import ApplicationError
from danvan.core.text import fold
from danvan.organisations.models import OrgUnit

COLUMNS = ("ho_ten", "ten_dang_nhap", "don_vi", "vai_tro")
OPTIONAL = ("email", "chuc_vu")
ROLE_WORDS = {
    "quan tri": Role.ADMIN,
    "quan tri vien": Role.ADMIN,
    "lanh dao": Role.LEADER,
    "chuyen vien": Role.OFFICER,
    "can bo": Role.OFFICER,
    "bao cao vien": Role.REPORTER,
    "nguoi xem": Role.VIEWER,
    "chi xem": Role.VIEWER,
    **{role.value: role for role in Role},
}
ROLE_NAMES = {
    Role.ADMIN: "quản trị",
    Role.LEADER: "lãnh đạo",
    Role.OFFICER: "chuyên viên",
    Role.REPORTER: "báo cáo viên",
    Role.VIEWER: "người xem",
}
ROLE_HELP = "quản trị, lãnh đạo, chuyên viên, báo cáo viên hoặc người xem"


@dataclass(frozen=True)
class AccountRow:
    line: int
    full_name: str
    username: str
    email: str
    unit: OrgUnit
    role: str
    title: str


def first_password() -> str:
    """A first password handed out in the accounts sheet. Never one that starts with "-": the XLSX export guards
    a cell starting with = + - @ against formulas with a leading apostrophe, which would then be typed as part
    of the password."""
    while True:
        password = secrets.token_urlsafe(12)
        if password[0] not in "-_=+@":
            return password


def _units_by_name(unit: OrgUnit, names: set[str]) -> dict[str, list[OrgUnit]]:
    """Units of `unit`'s subtree whose code (lower-cased) or folded name is one of `names`. OrgUnit keeps no folded
    name column of its own, so the subtree's names are read once (a province: a few thousand short rows)."""
    keys: dict[int, set[str]] = {}
    for pk, code, name in OrgUnit.objects.filter(ancestor_links__ancestor=unit, is_active=True).values_list(
        "pk", "code", "name"
    ):
        matched = {code.lower(), fold(name)} & names
        if matched:
            keys[pk] = matched
    found: dict[str, list[OrgUnit]] = {}
    for candidate in OrgUnit.objects.filter(pk__in=keys).select_related("parent"):
        for key in keys[candidate.pk]:
            found.setdefault(key, []).append(candidate)
    return found


def accounts_check(*, actor, unit: OrgUnit, rows: list[dict]) -> list[AccountRow]:
    """Every row checked against the rules of `user_create` and the actor's scope; the rows, or every error."""
    if not can_manage_accounts(actor, unit):
        raise ApplicationError("Đồng chí không quản trị tài khoản của đơn vị này.", code="forbidden")
    errors: list[str] = []
    parsed: list[AccountRow] = []
    keys = {" ".join(str(r.get("don_vi", "")).split()) for r in rows}
    names = {fold(k) for k in keys if k} | {k.lower() for k in keys if k}
    units = _units_by_name(unit, names)
    usernames = [str(r.get("ten_dang_nhap", "")).strip().lower() for r in rows]
    taken = set(User.objects.filter(username__in=[u for u in usernames if u]).values_list("username", flat=True))
    seen: dict[str, int] = {}
    for row in rows:
        line = row["_line"]
        full_name = " ".join(str(row.get("ho_ten", "")).split())
        username = str(row.get("ten_dang_nhap", "")).strip().lower()
        email = str(row.get("email", "") or "").strip()
        place = " ".join(str(row.get("don_vi", "")).split())
        role = ROLE_WORDS.get(fold(str(row.get("vai_tro", ""))).strip())
        title = " ".join(str(row.get("chuc_vu", "") or "").split())
        if not full_name:
            errors.append(f"Dòng {line}, cột “Họ tên”: bắt buộc.")
        elif len(full_name) > 128:
            errors.append(f"Dòng {line}, cột “Họ tên”: tối đa 128 ký tự.")
        if not username_is_valid(username):
            errors.append(
                f"Dòng {line}, cột “Tên đăng nhập”: “{username}” không hợp lệ; chỉ gồm chữ không dấu, số và . _ -, "
                "từ 3 đến 150 ký tự."
            )
        elif username in taken:
            errors.append(f"Dòng {line}, cột “Tên đăng nhập”: “{username}” đã có người dùng; hãy chọn tên khác.")
        elif username in seen:
            errors.append(f"Dòng {line}, cột “Tên đăng nhập”: “{username}” trùng với dòng {seen[username]}.")
        seen.setdefault(username, line)
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(f"Dòng {line}, cột “Email”: “{email}” không phải một địa chỉ thư điện tử.")
        matches = units.get(place.lower()) or units.get(fold(place)) or []
        matches = list({u.pk: u for u in matches}.values())
        target = None
        if not place:
            errors.append(f"Dòng {line}, cột “Đơn vị”: bắt buộc (tên đơn vị như trên danvan).")
        elif not matches:
            errors.append(f"Dòng {line}, cột “Đơn vị”: không có đơn vị “{place}” thuộc {unit.name}.")
        elif len(matches) > 1:
            paths = "; ".join(f"{u.name} ({u.parent.name if u.parent else ''}, mã {u.code})" for u in matches[:5])
            errors.append(f"Dòng {line}, cột “Đơn vị”: “{place}” trùng tên nhiều đơn vị: {paths}. Hãy ghi mã đơn vị.")
        elif not can_manage_accounts(actor, matches[0]):
            errors.append(f"Dòng {line}, cột “Đơn vị”: {matches[0].name} nằm ngoài phạm vi đồng chí quản trị.")
        else:
            target = matches[0]
        if role is None:
            errors.append(f"Dòng {line}, cột “Vai trò”: “{row.get('vai_tro', '')}” không hợp lệ; dùng {ROLE_HELP}.")
        if len(title) > 128:
            errors.append(f"Dòng {line}, cột “Chức vụ”: tối đa 128 ký tự.")
        if target is not None and role is not None:
            parsed.append(AccountRow(line, full_name, username, email, target, role, title))
    if errors:
        raise ApplicationError(
            f"Không nhập được: {len(errors)} lỗi, chưa ghi dòng nào. Sửa các lỗi dưới đây rồi tải lên lại.",
            field="file",
            code="import_invalid",
            extra={"errors": errors},
        )
    return parsed


def accounts_import(
    *, actor, unit: OrgUnit, rows: list[dict], progress: Callable[[int, str], None] | None = None
) -> list[tuple[AccountRow, str]]:
    """Check every row, then create every account (with its role, and its position when a title is given) in one
    transaction, or none. Returns each row with the first password it was given."""
    from danvan.accounts.services import user_create
    from danvan.organisations.services import position_assign

    parsed = accounts_check(actor=actor, unit=unit, rows=rows)
    created = []
    with transaction.atomic():
        for number, row in enumerate(parsed, start=1):
            password = first_password()
            user = user_create(
                actor=actor,
                username=row.username,
                full_name=row.full_name,
                email=row.email,
                password=password,
                unit=row.unit,
                role=row.role,
            )
            if row.title:
                position_assign(actor=actor, unit=row.unit, full_name=row.full_name, title=row.title, user=user)
            created.append((row, password))
            if progress is not None and number % 20 == 0:
                progress(number, f"Đang tạo tài khoản ({number}/{len(parsed)})…")
    return created


def accounts_import_start(*, actor, unit: OrgUnit, filename: str, content: bytes):
    """Keep the uploaded file and create the accounts in the background (a password hash takes a noticeable
    fraction of a second each); the owner follows the job and downloads the first passwords from its page."""
    from danvan.accounts.tasks import accounts_import_run
    from danvan.core.services import job_file_store, job_start

    with transaction.atomic():
        upload = job_file_store(owner=actor, name=filename, content_type="application/octet-stream", content=content)
        return job_start(
            actor=actor,
            kind="accounts.import",
            title=f"Nhập tài khoản: {filename} ({unit.name})",
            unit=unit,
            task=accounts_import_run,
            params={"file": upload.pk},
        )


def accounts_import_job(job):
    """The job's work: read the kept file, create the accounts as the job's owner, keep the first passwords as the
    job's result file (for its owner only), and delete the upload."""
    from danvan.core.exporting import xlsx_bytes
    from danvan.core.models import StoredFile
    from danvan.core.services import JobOutcome, job_file_store, job_progress
    from danvan.organisations.imports import read_table

    upload = StoredFile.objects.get(pk=job.params["file"])
    rows = read_table(filename=upload.name, content=bytes(upload.content), columns=COLUMNS)
    job_progress(job_id=job.pk, done=0, total=len(rows), message="Đang kiểm tra các dòng…")
    created = accounts_import(
        actor=job.owner,
        unit=job.unit,
        rows=rows,
        progress=lambda n, message: job_progress(job_id=job.pk, done=n, message=message),
    )
    content = xlsx_bytes(
        sheet_title="Tài khoản",
        headers=["Họ và tên", "Tên đăng nhập", "Đơn vị", "Vai trò", "Mật khẩu lần đầu"],
        rows=[[r.full_name, r.username, r.unit.name, ROLE_NAMES[r.role], password] for r, password in created],
    )
    result = job_file_store(
        owner=job.owner,
        name="tai-khoan-moi.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        content=content,
    )
    upload.delete()
    return JobOutcome(
        message=(
            f"Đã tạo {len(created)} tài khoản. Tải tệp mật khẩu lần đầu và trao riêng cho từng người; "
            "mỗi người phải đổi mật khẩu khi đăng nhập lần đầu."
        ),
        result_file=result,
    )
