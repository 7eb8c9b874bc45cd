"""Import of a branch's member list from XLSX or CSV (issue 12, "Import").

The layout is the one organisations already keep: họ tên, ngày sinh, giới tính, CCCD, dân tộc, tôn giáo, nghề
nghiệp, địa chỉ thôn, ngày vào (and optionally chức vụ), headers matched without diacritics and in any order.

`members_import_check` reads every row and lists every error by row and column; nothing is written unless the
whole file passes. It also finds who is already known: the same CCCD is the same person (linked); without a CCCD,
the same name, date of birth and commune is *likely* the same person, and the officer confirms or denies each
such proposal. `members_import` writes in batches of WRITE_BATCH rows, each one transaction with its counts and
one audit event (decision 0058). Rows already in the branch are left alone, so importing the same file again changes
nothing, and completes an import that failed midway.
"""

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.core.text import fold, strip_bidi_controls
from danvan.core.uploads import MiB, ZipLimits, open_xlsx
from danvan.members.models import Branch, Membership, Organisation, Person
from danvan.members.permissions import can_create_branch, can_manage_branch
from danvan.members.rules import RETIRED, cccd_problem, eligibility_problem, province_codes
from danvan.members.tally import difference, tally_apply
from danvan.organisations.models import OrgUnit

# Column key → the folded headers that name it (the first one is what the template and messages use).
COLUMNS = {
    "full_name": ("ho ten", "ho va ten", "ten"),
    "birth_date": ("ngay sinh",),
    "sex": ("gioi tinh",),
    "cccd": ("cccd", "so cccd", "can cuoc", "so can cuoc", "so dinh danh"),
    "ethnicity": ("dan toc",),
    "religion": ("ton giao",),
    "occupation": ("nghe nghiep",),
    "village_name": ("dia chi thon", "thon", "dia chi"),
    "joined_on": ("ngay vao", "ngay vao hoi", "ngay ket nap"),
    "role": ("chuc vu",),
    # Optional: a commune's or a province's list names each row's branch; empty means the page's branch.
    "branch": ("chi hoi", "chi doan", "ten chi hoi", "ten chi doan", "cong doan co so", "chi hoi chi doan"),
    # Optional: the commune of the row's branch, for a province's list where thôn names repeat across communes.
    "commune": ("xa", "ten xa", "xa phuong", "xa phuong thi tran", "xa phuong dac khu"),
}
# The columns of one branch's list (its template and its export): no branch, no commune.
BRANCH_COLUMNS = (
    "full_name",
    "birth_date",
    "sex",
    "cccd",
    "ethnicity",
    "religion",
    "occupation",
    "village_name",
    "joined_on",
    "role",
)
LABELS = {
    "full_name": "Họ tên",
    "birth_date": "Ngày sinh",
    "sex": "Giới tính",
    "cccd": "CCCD",
    "ethnicity": "Dân tộc",
    "religion": "Tôn giáo",
    "occupation": "Nghề nghiệp",
    "village_name": "Địa chỉ thôn",
    "joined_on": "Ngày vào",
    "role": "Chức vụ",
    "branch": "Chi hội",
    "commune": "Xã",
}
REQUIRED = ("full_name", "birth_date", "sex")
MAX_LENGTHS = {
    "branch": 255,
    "commune": 128,
    "full_name": 128,
    "ethnicity": 64,
    "religion": 64,
    "occupation": 128,
    "village_name": 128,
    "role": 64,
}
SEXES = {"nam": "M", "nu": "F", "m": "M", "f": "F", "male": "M", "female": "F"}
MAX_ROWS = 20000
# A branch's list, or a commune's: 20,000 rows of ten short columns unpack to well under 30 MB. Checked in the request.
XLSX_MEMBERS = ZipLimits(max_bytes=8 * MiB, max_unpacked=60 * MiB)
# A province's list, read and checked by the background job only (decision 0058): 600,000 rows of twelve short
# columns are about 70 MB as CSV, 30 MB as XLSX and under 400 MB unpacked; reading may take minutes, not hours.
JOB_MAX_ROWS = 600_000
XLSX_MEMBERS_JOB = ZipLimits(max_bytes=80 * MiB, max_unpacked=480 * MiB)
JOB_READ_SECONDS = 600
# Rows written per transaction, each with its counts and its audit event (decision 0058).
WRITE_BATCH = 5000
# Queries with many keys (CCCDs, names, people) are sent in parts of this size.
QUERY_CHUNK = 5000


def read_member_table(*, filename: str, content: bytes, in_job: bool = False) -> list[dict]:
    """Rows of the file as dicts keyed by column key, each with its `_line` (the row number people see).

    In the request (`in_job=False`) a file holds up to MAX_ROWS rows (8 MB); a larger one is refused with the code
    "large", and the page hands it to the background job, which reads up to JOB_MAX_ROWS rows (80 MB)."""
    name = filename.lower()
    limits, max_rows = (XLSX_MEMBERS_JOB, JOB_MAX_ROWS) if in_job else (XLSX_MEMBERS, MAX_ROWS)
    if name.endswith(".xlsx"):
        if len(content) > XLSX_MEMBERS_JOB.max_bytes:
            raise ApplicationError(
                f"Tệp: lớn hơn {XLSX_MEMBERS_JOB.max_bytes // MiB} MB; hãy chia danh sách thành nhiều tệp "
                "(ví dụ theo xã).",
                field="file",
            )
        try:
            with open_xlsx(content, limits=limits, field="file", seconds=JOB_READ_SECONDS if in_job else 30) as book:
                raw = book.rows(max_rows=max_rows + 100, max_cols=30)
        except ApplicationError as exc:
            # Too big or too long for the request, not for the job: the job reads it again with its own bounds.
            if not in_job and exc.code in {"too_large", "too_large_unpacked", "too_many_rows", "too_slow"}:
                raise ApplicationError("Tệp: lớn, sẽ được kiểm tra trong nền.", field="file", code="large") from None
            raise
    elif name.endswith(".csv"):
        if len(content) > limits.max_bytes:
            if not in_job and len(content) <= XLSX_MEMBERS_JOB.max_bytes:
                raise ApplicationError("Tệp: lớn, sẽ được kiểm tra trong nền.", field="file", code="large")
            raise ApplicationError(
                f"Tệp: lớn hơn {XLSX_MEMBERS_JOB.max_bytes // MiB} MB; hãy chia danh sách thành nhiều tệp "
                "(ví dụ theo huyện cũ hoặc theo xã).",
                field="file",
            )
        try:
            text = strip_bidi_controls(content.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise ApplicationError("Tệp: CSV phải được lưu với bảng mã UTF-8.", field="file") from None
        raw = [tuple(row) for row in csv.reader(io.StringIO(text))]
    else:
        raise ApplicationError("Tệp: chỉ nhận .xlsx hoặc .csv.", field="file")
    numbered = [(i, row) for i, row in enumerate(raw, start=1) if any(cell_text(v) for v in row)]
    if not numbered:
        raise ApplicationError("Tệp: không có dữ liệu.", field="file")
    # Lists often open with a title ("DANH SÁCH HỘI VIÊN CHI HỘI …") above the header: the header is the first of
    # the first rows that names the required columns.
    found = next((i for i, (_line, row) in enumerate(numbered[:10]) if all(k in _positions(row) for k in REQUIRED)), 0)
    positions = _positions(numbered[found][1])
    start = found
    header_line = numbered[start][0]
    missing = [LABELS[k] for k in REQUIRED if k not in positions]
    if missing:
        expected = ", ".join(LABELS.values())
        raise ApplicationError(
            f"Tệp: dòng {header_line} (dòng tiêu đề) thiếu cột {', '.join(missing)}. "
            f"Dòng tiêu đề phải có các cột: {expected}; hãy tải mẫu và chép danh sách vào.",
            field="file",
            code="layout",
        )
    numbered = numbered[start:]
    if len(numbered) - 1 > max_rows:
        if not in_job:
            raise ApplicationError("Tệp: nhiều dòng, sẽ được kiểm tra trong nền.", field="file", code="large")
        raise ApplicationError(
            f"Tệp: tối đa {JOB_MAX_ROWS:,} người mỗi lần nhập; hãy chia danh sách (ví dụ theo xã).".replace(",", "."),
            field="file",
        )
    rows = []
    for line, row in numbered[1:]:
        data = {key: (row[i] if i < len(row) else None) for key, i in positions.items()}
        data["_line"] = line
        rows.append(data)
    return rows


def _positions(header) -> dict[str, int]:
    return header_positions(header, COLUMNS)


def header_positions(header, columns: dict) -> dict[str, int]:
    """Where each known column stands in a header row: the headers as people write them, folded."""
    positions: dict[str, int] = {}
    for index, value in enumerate(header):
        folded = fold(cell_text(value))
        for key, names in columns.items():
            if folded in names and key not in positions:
                positions[key] = index
    return positions


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _date(value) -> dt.date | None:
    """A date typed as dd/mm/yyyy (or d/m/yyyy, dd-mm-yyyy), or an Excel date; None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value).replace("-", "/").replace(".", "/")
    parts = text.split("/")
    if len(parts) != 3 or not all(p.isascii() and p.isdecimal() for p in parts):
        return None
    day, month, year = (int(p) for p in parts)
    if len(parts[0]) == 4:  # 1980/03/15, as some spreadsheets write it
        day, year = year, day
    try:
        return dt.date(year, month, day) if year >= 1900 else None
    except ValueError:
        return None


@dataclass
class PlannedRow:
    line: int
    full_name: str
    birth_date: dt.date
    sex: str
    cccd: str
    ethnicity: str
    religion: str
    occupation: str
    village_name: str
    joined_on: dt.date | None
    role: str
    branch: Branch
    # What happens to it: "new" person, "link" to a person with the same CCCD, "propose" a likely same person,
    # "unchanged" (already a member of this branch).
    action: str = "new"
    person_id: int | None = None


@dataclass
class Proposal:
    line: int
    full_name: str
    birth_date: dt.date
    person_id: int
    person_public_id: str
    organisations: list[str]


@dataclass
class ImportPlan:
    rows: list[PlannedRow] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)


def _fail(errors: list[str]):
    raise ApplicationError(
        f"Không nhập được: {len(errors)} lỗi, chưa ghi dòng nào. Sửa các lỗi dưới đây trong tệp rồi tải lên lại.",
        field="file",
        code="import_invalid",
        extra={"errors": errors[:500]},
    )


def organisation_of_body(owner: OrgUnit) -> Organisation | None:
    """The national organisation whose bodies are of `owner`'s kind (Hội Nông dân for a Hội Nông dân xã), or None."""
    if not owner.kind:
        return None
    return Organisation.objects.filter(unit_kind=owner.kind, province__isnull=True, is_active=True).first()


def members_import_check(
    *,
    actor,
    rows: list[dict],
    branch: Branch | None = None,
    owner: OrgUnit | None = None,
    progress: Callable[[int, str], None] | None = None,
) -> ImportPlan:
    """Check every row; raise one ApplicationError listing every error by row and column, or return the plan.

    Into one `branch` (rows may name another branch of the officer's in "Chi hội"), or, for a commune's or a
    province's list, for the organisation's body `owner`: then every row names its branch ("Chi hội", and "Xã"
    where thôn names repeat across communes)."""
    if branch is not None:
        if not can_manage_branch(actor, branch):
            raise ApplicationError(
                f"Chi hội: {branch.name} không thuộc tổ chức đồng chí phụ trách; hãy nhập vào chi hội của mình.",
                field="branch",
                code="forbidden",
            )
        if branch.retired_on is not None:
            raise ApplicationError(RETIRED.format(name=branch.name, on=branch.retired_on), field="branch")
        organisation = branch.organisation
    else:
        organisation = organisation_of_body(owner) if owner is not None else None
        if organisation is None or not can_create_branch(actor, owner):
            raise ApplicationError(
                "Cơ quan: hãy chọn một cơ quan của tổ chức mà đồng chí phụ trách.", field="owner", code="forbidden"
            )
    today = timezone.localdate()
    codes = province_codes()
    errors: list[str] = []
    plan = ImportPlan()
    seen_cccd: dict[str, int] = {}
    seen_person: dict[tuple[str, dt.date, int], int] = {}

    def error(line: int, key: str, message: str) -> None:
        errors.append(f"Dòng {line}, cột {LABELS[key]}: {message}")

    branches = _branches_named(actor=actor, organisation=organisation, rows=rows)
    for index, row in enumerate(rows, start=1):
        line = row["_line"]
        values = {key: cell_text(row.get(key)) for key in COLUMNS}
        row_branch = branch
        if not values["branch"] and branch is None:
            error(line, "branch", "bắt buộc trong danh sách của nhiều chi hội; ghi tên chi hội của người này.")
        if values["branch"]:
            found = branches.get(_branch_key(values["branch"], values["commune"]), ("missing", None))
            if found[0] == "ok":
                row_branch = found[1]
            elif found[0] == "outside":
                error(
                    line,
                    "branch",
                    f"“{values['branch']}” nằm ngoài phạm vi đồng chí phụ trách; bỏ dòng này, hoặc để cán bộ của "
                    "chi hội đó nhập.",
                )
            elif found[0] == "several":
                error(
                    line,
                    "branch",
                    f"có nhiều chi hội tên “{values['branch']}” ({found[1]}); thêm cột Xã và ghi xã của chi hội.",
                )
            else:
                where = f" ở {values['commune']}" if values["commune"] else ""
                error(
                    line,
                    "branch",
                    f"{organisation.short_name} chưa có chi hội tên “{values['branch']}”{where}; lập chi hội trước, "
                    "hoặc sửa tên cho đúng tên chi hội (và tên xã).",
                )
        for key in REQUIRED:
            if not values[key]:
                error(line, key, "bắt buộc, hãy điền.")
        for key, limit in MAX_LENGTHS.items():
            if len(values[key]) > limit:
                error(line, key, f"tối đa {limit} ký tự.")
        birth_date = _date(row.get("birth_date")) if values["birth_date"] else None
        if values["birth_date"] and birth_date is None:
            error(
                line,
                "birth_date",
                f"“{values['birth_date']}” không phải ngày; viết dạng ngày/tháng/năm, ví dụ 15/03/1980.",
            )
        elif birth_date and birth_date > today:
            error(line, "birth_date", f"{birth_date:%d/%m/%Y} là ngày trong tương lai; kiểm tra lại ngày sinh.")
        sex = SEXES.get(fold(values["sex"]))
        if values["sex"] and sex is None:
            error(line, "sex", f"“{values['sex']}” không hợp lệ; ghi Nam hoặc Nữ.")
        joined_on = _date(row.get("joined_on")) if values["joined_on"] else None
        if values["joined_on"] and joined_on is None:
            error(line, "joined_on", f"“{values['joined_on']}” không phải ngày; viết dạng ngày/tháng/năm.")
        elif joined_on and joined_on > today:
            error(line, "joined_on", f"{joined_on:%d/%m/%Y} là ngày trong tương lai; kiểm tra lại ngày vào.")
        elif joined_on and birth_date and joined_on < birth_date:
            error(line, "joined_on", "trước ngày sinh; kiểm tra lại ngày vào hoặc ngày sinh.")
        cccd = values["cccd"].replace(" ", "").replace(".", "")
        if cccd and len(cccd) == 11 and cccd.isdecimal():
            # Excel drops the leading zero of a number: 24180001234 is 024180001234.
            cccd = "0" + cccd
        usable_date = birth_date if birth_date and birth_date <= today else None
        if cccd and (problem := cccd_problem(cccd, birth_date=usable_date, sex=sex or "", codes=codes)):
            error(line, "cccd", problem)
        elif cccd:
            if cccd in seen_cccd:
                error(line, "cccd", f"trùng với dòng {seen_cccd[cccd]}; mỗi người chỉ ghi một dòng.")
            seen_cccd.setdefault(cccd, line)
        if (
            usable_date
            and sex
            and (problem := eligibility_problem(organisation, birth_date=usable_date, sex=sex, on=joined_on or today))
        ):
            error(line, "birth_date" if "tuổi" in problem else "sex", problem)
        if row_branch is None:
            continue
        if values["full_name"] and usable_date and not cccd:
            key = (fold(values["full_name"]), usable_date, row_branch.commune_id)
            if key in seen_person:
                error(
                    line,
                    "full_name",
                    f"cùng họ tên và ngày sinh với dòng {seen_person[key]}; mỗi người chỉ ghi một dòng.",
                )
            seen_person.setdefault(key, line)
        if values["full_name"] and usable_date and sex:
            plan.rows.append(
                PlannedRow(
                    line=line,
                    full_name=values["full_name"],
                    birth_date=usable_date,
                    sex=sex,
                    cccd=cccd,
                    ethnicity=values["ethnicity"],
                    religion=values["religion"],
                    occupation=values["occupation"],
                    village_name=values["village_name"],
                    joined_on=joined_on,
                    role=values["role"],
                    branch=row_branch,
                )
            )
        if progress is not None and index % 500 == 0:
            progress(index, "Đang kiểm tra các dòng…")
    if not errors:
        _match_people(organisation=organisation, plan=plan, errors=error)
    if errors:
        _fail(errors)
    return plan


def _branch_key(branch: str, commune: str) -> tuple[str, str]:
    """A row's branch as the file names it: its folded name, and its commune without "Xã"/"Phường" (or "")."""
    from danvan.members.population import COMMUNE_WORDS, _base

    return fold(branch), _base(fold(commune), COMMUNE_WORDS) if commune else ""


def _branches_named(
    *, actor, organisation: Organisation, rows: list[dict]
) -> dict[tuple[str, str], tuple[str, object]]:
    """The branches the file's "Chi hội" (and "Xã") columns name ((folded name, commune) → ("ok", branch) |
    ("outside", None) | ("several", communes)), among the branches of the organisation: one query."""
    from danvan.members.population import COMMUNE_WORDS, _base

    keys = {_branch_key(cell_text(row.get("branch")), cell_text(row.get("commune"))) for row in rows}
    keys = {key for key in keys if key[0]}
    if not keys:
        return {}
    found: dict[str, list[Branch]] = {}
    for candidate in Branch.objects.filter(
        organisation=organisation, name_folded__in={name for name, _commune in keys}, retired_on__isnull=True
    ).select_related("organisation", "owner", "commune"):
        found.setdefault(candidate.name_folded, []).append(candidate)
    answer: dict[tuple[str, str], tuple[str, object]] = {}
    for name, commune in keys:
        candidates = found.get(name, [])
        if commune:
            candidates = [c for c in candidates if _base(c.commune.name_folded, COMMUNE_WORDS) == commune]
        if not candidates:
            continue
        mine = [c for c in candidates if can_manage_branch(actor, c)]
        if len(mine) == 1:
            answer[(name, commune)] = ("ok", mine[0])
        elif mine:
            answer[(name, commune)] = ("several", ", ".join(sorted(c.commune.name for c in mine)))
        else:
            answer[(name, commune)] = ("outside", None)
    return answer


def _drop_proposal(plan: ImportPlan, line: int) -> None:
    if plan.proposals and plan.proposals[-1].line == line:
        plan.proposals.pop()


def _chunks(items: list) -> list[list]:
    return [items[i : i + QUERY_CHUNK] for i in range(0, len(items), QUERY_CHUNK)]


def _match_people(*, organisation: Organisation, plan: ImportPlan, errors) -> None:
    """Decide for each row: a person already in this branch (unchanged), the person with this CCCD (linked), a
    likely same person by name, date of birth and commune (proposed), or a new person. Three queries per
    QUERY_CHUNK keys."""
    by_cccd = {
        p.cccd: p
        for part in _chunks(sorted({r.cccd for r in plan.rows if r.cccd}))
        # `cccd <> ''` spelled out: the unique index on the CCCD is partial (known CCCDs only), and PostgreSQL proves
        # an IN list of more than 100 values lies inside it only when the query says so. Without it, each part of
        # 5,000 CCCDs read the whole table (a parallel scan of 30 M people per part).
        for p in Person.objects.filter(cccd__in=part).exclude(cccd="")
    }
    by_name: dict[tuple[str, dt.date, int], list[Person]] = {}
    # The rows' (name, date of birth, commune) keys, sorted so that each part covers few communes: a province's list
    # shares its common names with most of the province, so only people matching a key exactly are kept.
    keys = sorted({(r.branch.commune_id, fold(r.full_name), r.birth_date) for r in plan.rows})
    for part in _chunks(keys):
        wanted = set(part)
        for person in Person.objects.filter(
            commune_id__in={k[0] for k in part},
            name_folded__in={k[1] for k in part},
            birth_date__in={k[2] for k in part},
        ).order_by("pk"):
            if (person.commune_id, person.name_folded, person.birth_date) in wanted:
                key = (person.name_folded, person.birth_date, person.commune_id)
                by_name.setdefault(key, []).append(person)
    known = {p.pk for p in by_cccd.values()} | {p.pk for people in by_name.values() for p in people}
    current: dict[int, dict[str, Membership]] = {}
    for part in _chunks(sorted(known)):
        for m in Membership.objects.filter(person_id__in=part, left_on__isnull=True).select_related(
            "organisation", "branch"
        ):
            current.setdefault(m.person_id, {})[m.organisation.code] = m
    org = organisation.code
    claimed: dict[int, int] = {}
    for row in plan.rows:
        person = by_cccd.get(row.cccd) if row.cccd else None
        if person is not None:
            if person.birth_date != row.birth_date:
                errors(
                    row.line,
                    "cccd",
                    "trùng số với một người đã có nhưng ngày sinh khác; kiểm tra lại số CCCD hoặc ngày sinh.",
                )
                continue
            row.action, row.person_id = "link", person.pk
        else:
            candidates = [
                p
                for p in by_name.get((fold(row.full_name), row.birth_date, row.branch.commune_id), [])
                if not (row.cccd and p.cccd)
            ]
            # Someone of this name and birth date already in this very branch is this row (a re-import).
            same_branch = [
                p
                for p in candidates
                if current.get(p.pk, {}).get(org, None) and current[p.pk][org].branch_id == row.branch.pk
            ]
            if same_branch:
                row.action, row.person_id = "unchanged", same_branch[0].pk
                continue
            if not candidates:
                continue
            person = candidates[0]
            row.action, row.person_id = "propose", person.pk
            plan.proposals.append(
                Proposal(
                    line=row.line,
                    full_name=row.full_name,
                    birth_date=row.birth_date,
                    person_id=person.pk,
                    person_public_id=str(person.public_id),
                    organisations=sorted(m.organisation.short_name for m in current.get(person.pk, {}).values()),
                )
            )
        if person.pk in claimed and row.action != "unchanged":
            errors(row.line, "full_name", f"cùng một người với dòng {claimed[person.pk]}; mỗi người chỉ ghi một dòng.")
            continue
        claimed.setdefault(person.pk, row.line)
        membership = current.get(person.pk, {}).get(org)
        if membership is not None:
            if membership.branch_id == row.branch.pk:
                row.action = "unchanged"
                _drop_proposal(plan, row.line)
            elif row.action == "link":
                errors(
                    row.line,
                    "cccd",
                    f"người này đang là hội viên {organisation.short_name} ở {membership.branch.name}; "
                    "hãy cho ra khỏi chi hội cũ trước, hoặc bỏ dòng này.",
                )
            else:
                # The likely same person is in another branch of this organisation: only a new person can join here.
                row.action, row.person_id = "new", None
                _drop_proposal(plan, row.line)


def members_import(
    *,
    actor,
    rows: list[dict],
    decisions: dict[str, str] | None,
    branch: Branch | None = None,
    owner: OrgUnit | None = None,
    progress: Callable[[int, str], None] | None = None,
) -> dict:
    """Check the file again (people may have changed since the officer saw it), apply the officer's `decisions`
    ({line: "same" | "new"} for each proposal), and write every row. Returns the counts.
    Into `branch`, or for the body `owner` with every row naming its branch (members_import_check).

    `decisions=None` means the officer has not been asked yet (a list too large to check in the request): when
    likely duplicates are found nothing is written and the counts carry the `proposals` to confirm.

    Rows are written in batches of WRITE_BATCH, each batch one transaction with its counts and its audit event
    (decision 0058): a failure midway leaves whole batches written and counted, and importing the same file again
    leaves them alone ("unchanged") and writes the rest."""
    plan = members_import_check(actor=actor, branch=branch, owner=owner, rows=rows, progress=progress)
    organisation = branch.organisation if branch is not None else organisation_of_body(owner)
    if decisions is None and plan.proposals:
        return {
            "new": plan.count("new"),
            "linked": plan.count("link"),
            "unchanged": plan.count("unchanged"),
            "proposals": plan.proposals,
        }
    decisions = decisions or {}
    undecided = [p.line for p in plan.proposals if decisions.get(str(p.line)) not in {"same", "new"}]
    if undecided:
        raise ApplicationError(
            "Có người trùng khả năng chưa được xác nhận (dòng "
            + ", ".join(map(str, undecided[:20]))
            + "); hãy tải tệp lên lại và xác nhận từng người.",
            field="file",
            code="unconfirmed",
        )
    for row in plan.rows:
        if row.action == "propose":
            row.action = "link" if decisions[str(row.line)] == "same" else "new"
            if row.action == "new":
                row.person_id = None
    to_write = [r for r in plan.rows if r.action in {"new", "link"}]
    summary = {
        "new": plan.count("new"),
        "linked": plan.count("link"),
        "unchanged": plan.count("unchanged"),
    }
    del plan
    if not to_write:
        return summary
    if progress is not None:
        progress(0, f"Đã kiểm tra {len(rows)} dòng, không có lỗi; đang ghi {len(to_write)} người…")
    batches = [to_write[i : i + WRITE_BATCH] for i in range(0, len(to_write), WRITE_BATCH)]
    written = 0
    for number, batch in enumerate(batches, start=1):
        try:
            _write_batch(
                actor=actor,
                organisation=organisation,
                branch=branch,
                owner=owner,
                batch=batch,
                details={"rows": len(rows), "batch": number, "batches": len(batches), "file_summary": summary},
            )
        except ApplicationError as exc:
            if written:
                raise ApplicationError(
                    f"{exc.message} Đã ghi {written}/{len(to_write)} người (giữ nguyên, đã được đếm); sửa tệp rồi "
                    "tải lên lại cả tệp: những người đã ghi sẽ được giữ nguyên, chỉ ghi phần còn lại.",
                    field="file",
                    code=exc.code,
                ) from None
            raise
        written += len(batch)
        if progress is not None:
            progress(written, f"Đã ghi {written}/{len(to_write)} người…")
    return summary


def _write_batch(*, actor, organisation, branch, owner, batch: list[PlannedRow], details: dict) -> None:
    """One transaction: the batch's people and memberships, the counts they change, and one audit event."""
    from danvan.members.services import standings

    with transaction.atomic():
        linked_ids = [r.person_id for r in batch if r.person_id]
        before = standings(linked_ids)
        # People who gain a CCCD through a confirmed match: the CCCD the officer's file gives them.
        gaining = {r.person_id: r for r in batch if r.person_id and r.cccd}
        for person in Person.objects.filter(pk__in=list(gaining), cccd=""):
            row = gaining[person.pk]
            if Person.objects.filter(cccd=row.cccd).exists():
                raise ApplicationError(
                    f"Dòng {row.line}, cột CCCD: số này đã thuộc một người khác; kiểm tra lại số CCCD.", field="file"
                )
            person.cccd = row.cccd
            person.save(update_fields=["cccd"])
        new_rows = [r for r in batch if r.person_id is None]
        created = Person.objects.bulk_create(
            [
                Person(
                    full_name=r.full_name,
                    name_folded=fold(r.full_name),
                    cccd=r.cccd,
                    birth_date=r.birth_date,
                    sex=r.sex,
                    ethnicity=r.ethnicity,
                    religion=r.religion,
                    occupation=r.occupation,
                    commune=r.branch.commune,
                    village_name=r.village_name,
                )
                for r in new_rows
            ],
            batch_size=1000,
        )
        # Both databases return the new keys (PostgreSQL, SQLite ≥ 3.35: RETURNING).
        for row, person in zip(new_rows, created, strict=True):
            row.person_id = person.pk
        # The person's folded name and date of birth on each membership (the branch page's order): the record's own
        # for people already known, whatever the file spells.
        sort_keys = {
            pk: (name, born)
            for pk, name, born in Person.objects.filter(pk__in=linked_ids).values_list(
                "pk", "name_folded", "birth_date"
            )
        } | {p.pk: (p.name_folded, p.birth_date) for p in created}
        Membership.objects.bulk_create(
            [
                Membership(
                    person_id=r.person_id,
                    organisation=organisation,
                    branch=r.branch,
                    joined_on=r.joined_on,
                    role=r.role,
                    person_name_folded=sort_keys[r.person_id][0],
                    person_birth_date=sort_keys[r.person_id][1],
                )
                for r in batch
            ],
            batch_size=1000,
        )
        after = standings([r.person_id for r in batch])
        delta = Counter()
        for person_id, standing in after.items():
            delta.update(difference(before.get(person_id), standing))
        tally_apply(delta)
        audit_record(
            actor=actor,
            action=Action.MEMBERS_IMPORTED,
            unit=branch.owner if branch is not None else owner,
            target=branch if branch is not None else owner,
            details=details
            | {
                "new": len(new_rows),
                "linked": len(batch) - len(new_rows),
                "branches": sorted({r.branch.code for r in batch})[:200],
            },
        )
