"""Population of age per commune (issue 12; docs/decisions/0036): the denominator of the share of the population
who are members. Entered as rows, one per commune in the officer's scope, or imported from XLSX/CSV.

Both doors end in `population_save`: one transaction, a row only where a figure changed, each change audited
against its commune (the history page reads those events back). The entry page carries, for every commune it
showed, the version and figures it showed: a row the officer left as shown is not written (someone else's newer
figure stays), and a row they changed while someone else saved the same commune is a conflict, named with the
other person's figure, nothing written, what was typed kept. An import overwrites deliberately; importing the same
file again finds every figure unchanged and writes nothing.
"""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from danvan.audit.models import Action, AuditEvent
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.core.text import fold, strip_bidi_controls
from danvan.core.uploads import Deadline, MiB, ZipLimits, open_xlsx
from danvan.members.imports import cell_text, header_positions
from danvan.members.models import CommunePopulation
from danvan.organisations.models import AdminUnit, OrgUnit, OrgUnitClosure

MAX_PEOPLE = 2_000_000
# A whole country is 3,321 communes; a few blank or note lines on top.
MAX_ROWS = 4000
# 4,000 rows of five short cells unpack to well under 2 MB.
XLSX_POPULATION = ZipLimits(max_bytes=2 * MiB, max_unpacked=20 * MiB)
PARSE_SECONDS = 20

COLUMNS = {
    "province": ("tinh", "tinh thanh pho", "tinh thanh", "tinh tp"),
    "commune": ("xa", "ten xa", "xa phuong", "xa phuong dac khu", "xa phuong thi tran", "don vi", "ten don vi"),
    "male": ("nam", "so nam", "dan so nam"),
    "female": ("nu", "so nu", "dan so nu"),
    "total": ("tong", "tong so", "cong", "dan so trong do tuoi", "dan so", "tong dan so"),
}
LABELS = {"province": "Tỉnh", "commune": "Xã", "male": "Nam", "female": "Nữ", "total": "Tổng"}
# What people put before a name, folded: "Xã", "Phường", "Đặc khu", "P.", "TP", "Tỉnh", …
COMMUNE_WORDS = ("dac khu", "phuong", "thi tran", "xa", "p", "x", "tt")
PROVINCE_WORDS = ("thanh pho", "tinh", "tp")
_COUNT = re.compile(r"^\d{1,3}([., ]\d{3})+$|^\d+$")


@dataclass
class Figure:
    commune: AdminUnit
    male: int | None
    female: int | None
    total: int
    line: int = 0

    @property
    def values(self) -> tuple:
        return (self.male, self.female, self.total)


def population_communes_for_user(*, user) -> QuerySet[AdminUnit]:
    """Current communes whose population `user` may enter: a data-entry role on the commune's Party committee or on
    a unit above it (the province's, the centre), or on the dân vận body that works for one of those (the Ban
    Tuyên giáo và Dân vận, the khối dân vận). Ordered by province, then name."""
    from danvan.accounts.models import RoleAssignment
    from danvan.accounts.permissions import DATA_ENTRY_ROLES, assignment_scope

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return AdminUnit.objects.none()
    roots = {
        assignment_scope(a.unit).pk
        for a in RoleAssignment.objects.filter(user=user, role__in=DATA_ENTRY_ROLES).select_related("unit__parent")
    }
    # Two plain indexed reads rather than one nested subquery: PostgreSQL planned the nested form badly (seconds
    # for the centre's 3,321 communes).
    commune_ids = set(
        OrgUnitClosure.objects.filter(
            ancestor_id__in=roots,
            descendant__kind=OrgUnit.Kind.PARTY_COMMITTEE,
            descendant__level=OrgUnit.Level.COMMUNE,
        ).values_list("descendant__admin_unit_id", flat=True)
    )
    return (
        AdminUnit.objects.filter(
            generation=AdminUnit.Generation.CURRENT,
            level=AdminUnit.Level.COMMUNE,
            pk__in=commune_ids - {None},
        )
        .select_related("parent")
        .order_by("parent__code", "name_folded")
    )


def population_figures(*, communes, year: int) -> dict[int, CommunePopulation]:
    """The stored figures of `communes` for `year`, by commune id: one query."""
    return {
        row.commune_id: row
        for row in CommunePopulation.objects.filter(commune__in=communes, year=year).select_related("entered_by")
    }


HISTORY_ACTIONS = (
    Action.MEMBER_POPULATION_SET,
    Action.MEMBER_POPULATION_CORRECTED,
    Action.MEMBER_POPULATION_DELETED,
)


def population_history(*, commune: AdminUnit) -> list[AuditEvent]:
    """Every change of the commune's figures, removals included, newest first: the audit events written with each
    change, found by the commune they name (a removed figure's row is gone, its events are not)."""
    events = AuditEvent.objects.filter(
        target_type="members.communepopulation", action__in=HISTORY_ACTIONS, details__commune=commune.code
    )
    parties = list(
        OrgUnit.objects.filter(kind=OrgUnit.Kind.PARTY_COMMITTEE, admin_unit=commune).values_list("pk", flat=True)
    )
    if parties:
        # Each change is audited against the commune's Party committee: the (unit, at) index finds them.
        events = events.filter(unit_id__in=parties)
    return list(events.select_related("actor").order_by("-at", "-id"))


def count_of(value) -> tuple[int | None, str]:
    """A head count typed or read from a cell ("1234", "1.234", "1 234", 1234.0): (number, "") or (None, problem);
    (None, "") when empty."""
    if value is None:
        return None, ""
    if isinstance(value, bool):
        return None, f"“{value}” không phải số; ghi một số nguyên, ví dụ 1234."
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            return None, f"“{value}” không phải số nguyên; ghi số người, ví dụ 1234."
        number = int(value)
    else:
        text = " ".join(str(value).split())
        if not text:
            return None, ""
        if not (text.isascii() and _COUNT.match(text)):
            return None, f"“{text[:30]}” không phải số; ghi một số nguyên, ví dụ 1234 hoặc 1.234."
        number = int(re.sub(r"[., ]", "", text))
    if not 0 <= number <= MAX_PEOPLE:
        return None, f"{number} nằm ngoài khoảng 0 đến 2.000.000; kiểm tra lại."
    return number, ""


def figure_problems(male, female, total) -> tuple[tuple | None, list[tuple[str, str]]]:
    """Check one commune's cells: ((male, female, total), []) when they make a figure, (None, []) when all are
    empty, (None, [(column, problem), …]) otherwise. The total may be left empty when men and women are given."""
    problems = []
    numbers = {}
    for key, value in (("male", male), ("female", female), ("total", total)):
        numbers[key], problem = count_of(value)
        if problem:
            problems.append((key, problem))
    if problems:
        return None, problems
    m, f, t = numbers["male"], numbers["female"], numbers["total"]
    if m is None and f is None and t is None:
        return None, []
    if (m is None) != (f is None):
        missing = "female" if f is None else "male"
        return None, [(missing, "ghi cả số nam và số nữ, hoặc bỏ trống cả hai (chỉ ghi tổng).")]
    if m is not None:
        if t is None:
            t = m + f
        elif t != m + f:
            return None, [("total", f"{t:,} khác Nam + Nữ = {m + f:,}; sửa cho khớp.".replace(",", "."))]
        if t > MAX_PEOPLE:
            return None, [("total", f"{t} nằm ngoài khoảng 0 đến 2.000.000; kiểm tra lại.")]
    return (m, f, t), []


def _people(n) -> str:
    return "—" if n is None else f"{n:,}".replace(",", ".")


def describe(values) -> str:
    m, f, t = values
    if m is None:
        return f"tổng {_people(t)}"
    return f"nam {_people(m)}, nữ {_people(f)}, tổng {_people(t)}"


def _allowed_ids(actor) -> set[int]:
    return set(population_communes_for_user(user=actor).values_list("pk", flat=True))


def population_save(
    *,
    actor,
    year: int,
    figures: list[Figure],
    shown: dict[str, tuple[int, tuple | None]] | None = None,
    source: str = "entry",
    progress: Callable[[int, str], None] | None = None,
) -> dict:
    """Save the figures of `year` for the communes in `figures` (each in the actor's scope), in one transaction.

    `shown` (the entry page's): commune code → (version, figures) as the page showed them. A figure equal to what
    was shown is left alone; a changed figure whose commune was saved by someone else since is a conflict
    (ApplicationError code "conflict", extra["current"] the versions and figures now stored), nothing written.
    Returns {"created", "changed", "unchanged"}."""
    this_year = timezone.localdate().year
    if not 2000 <= year <= this_year:
        raise ApplicationError(f"Năm: chọn một năm từ 2000 đến {this_year}.", field="year")
    allowed = _allowed_ids(actor)
    seen: set[int] = set()
    for figure in figures:
        name = figure.commune.name
        if figure.commune.pk not in allowed:
            raise ApplicationError(
                f"Xã: {name} nằm ngoài phạm vi đồng chí phụ trách; bỏ dòng đó, hoặc để cán bộ của xã nhập.",
                field="rows",
                code="forbidden",
            )
        if figure.commune.pk in seen:
            raise ApplicationError(f"Xã: {name} có hai dòng; mỗi xã chỉ ghi một dòng.", field="rows")
        seen.add(figure.commune.pk)
        checked, problems = figure_problems(figure.male, figure.female, figure.total)
        if problems or checked is None:
            key, problem = problems[0] if problems else ("total", "bắt buộc, hãy ghi số.")
            raise ApplicationError(f"{name}, cột {LABELS[key]}: {problem}", field="rows")
    summary = {"created": 0, "changed": 0, "unchanged": 0}
    with transaction.atomic():
        stored = {
            row.commune_id: row
            for row in CommunePopulation.objects.select_for_update(of=("self",))
            .filter(year=year, commune_id__in=[f.commune.pk for f in figures])
            .select_related("entered_by")
        }
        writes: list[tuple[Figure, CommunePopulation | None]] = []
        conflicts: list[str] = []
        current: dict[str, list] = {}
        for figure in figures:
            row = stored.get(figure.commune.pk)
            now = (row.male, row.female, row.people_of_age) if row else None
            if figure.values == now:
                summary["unchanged"] += 1
                continue
            code = figure.commune.code
            if shown is not None and code in shown:
                version, was = shown[code]
                if figure.values == (tuple(was) if was else None):
                    # Left as the page showed it: someone else's newer figure, if any, stays.
                    summary["unchanged"] += 1
                    continue
                if version != (row.version if row else 0):
                    if row is None:
                        # Removed since the page was shown.
                        conflicts.append(f"{figure.commune.name} (số đã bị xoá)")
                        current[code] = [0, None]
                        continue
                    who = (row.entered_by.get_full_name() or row.entered_by.get_username()) if row.entered_by else ""
                    when = f"{timezone.localtime(row.entered_at):%H:%M %d/%m/%Y}"
                    conflicts.append(
                        f"{figure.commune.name} ({who or 'một người khác'} lưu lúc {when}: {describe(now)})"
                    )
                    current[code] = [row.version, list(now)]
                    continue
            writes.append((figure, row))
        if conflicts:
            raise ApplicationError(
                "Dân số của " + "; ".join(conflicts[:20]) + " vừa được lưu sau khi đồng chí mở trang. Chưa lưu gì; "
                "số đồng chí nhập vẫn còn dưới đây. Đối chiếu với số mới ở trên, sửa nếu cần rồi bấm lưu lần nữa: "
                "khi đó số của đồng chí sẽ thay số mới.",
                field="rows",
                code="conflict",
                extra={"current": current},
            )
        # commune id → its Party committee's id, the unit of each audit event (ids only: 3,321 of them).
        parties = dict(
            OrgUnit.objects.filter(
                kind=OrgUnit.Kind.PARTY_COMMITTEE, admin_unit_id__in=[f.commune.pk for f, _row in writes]
            ).values_list("admin_unit_id", "id")
        )
        # Bulk: a whole country's file is 3,321 communes, and a row-by-row save with its audit event took two
        # statements per commune (docs/performance.md, population import). Same rows, same events, in batches.
        now = timezone.now()
        created: list[CommunePopulation] = []
        changed: list[CommunePopulation] = []
        befores: dict[int, dict] = {}
        for figure, row in writes:
            if row is None:
                row = CommunePopulation(commune=figure.commune, year=year, version=1)
                created.append(row)
            else:
                befores[figure.commune.pk] = {
                    "male": row.male,
                    "female": row.female,
                    "people_of_age": row.people_of_age,
                }
                row.version += 1
                changed.append(row)
            row.male, row.female, row.people_of_age = figure.values
            row.entered_by = actor
            row.entered_at = now
        if progress is not None and writes:
            progress(0, f"Đang ghi {len(writes)} xã…")
        CommunePopulation.objects.bulk_create(created, batch_size=BATCH)
        _update_figures(changed, actor=actor, at=now)
        summary["created"], summary["changed"] = len(created), len(changed)
        _audit_figures(
            actor=actor,
            rows=created + changed,
            codes={figure.commune.pk: figure.commune.code for figure, _row in writes},
            befores=befores,
            parties=parties,
            year=year,
            source=source,
        )
        if progress is not None and writes:
            progress(len(writes), f"Đã ghi {len(writes)} xã.")
    return summary


BATCH = 500


def _update_figures(rows: list[CommunePopulation], *, actor, at) -> None:
    """Write the changed figures, BATCH rows a statement: UPDATE … FROM (VALUES …), which PostgreSQL and SQLite
    (3.33+) both take. Django's bulk_update builds a CASE with a branch per row for every column, and building it
    cost ~1 s of Python per 170 rows (docs/performance.md); `version` and `entered_*` are the same for all."""
    from django.db import connection

    table = connection.ops.quote_name(CommunePopulation._meta.db_table)
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        values = ", ".join(["(%s, %s, %s, %s)"] * len(batch))
        params = [v for row in batch for v in (row.pk, row.male, row.female, row.people_of_age)]
        # The rows are locked (select_for_update above) and their versions read; each goes up by one here. Only
        # the model's table name and "%s" placeholders are put into the text; every value is a parameter.
        sql = (
            f"UPDATE {table} SET male = CAST(v.column2 AS integer), female = CAST(v.column3 AS integer), "  # noqa: S608
            "people_of_age = CAST(v.column4 AS integer), version = version + 1, entered_by_id = %s, entered_at = %s "
            f"FROM (VALUES {values}) AS v WHERE {table}.id = v.column1"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [actor.pk if actor else None, connection.ops.adapt_datetimefield_value(at), *params])


def _audit_figures(*, actor, rows, codes, befores, parties, year: int, source: str) -> None:
    """One `member.population_set` event per written commune, as `audit_record` writes it, in batched INSERTs."""
    from danvan.audit.context import current_ip

    ip = current_ip.get()
    events = [
        AuditEvent(
            actor=actor,
            actor_label=actor.get_username() if actor is not None else "hệ thống: danvan",
            unit_id=parties.get(row.commune_id),
            action=Action.MEMBER_POPULATION_SET,
            target_type=row._meta.label_lower,
            target_id=str(row.pk),
            target_label=str(row)[:255],
            before=befores.get(row.commune_id),
            after={"male": row.male, "female": row.female, "people_of_age": row.people_of_age, "year": year},
            details={"commune": codes[row.commune_id], "year": year, "source": source},
            ip=ip,
        )
        for row in rows
    ]
    AuditEvent.objects.bulk_create(events, batch_size=BATCH)


# --- One commune's figure: corrected or removed, with a reason ---------------------------------------------

MAX_REASON = 500


def _party_of(commune: AdminUnit) -> OrgUnit | None:
    return OrgUnit.objects.filter(kind=OrgUnit.Kind.PARTY_COMMITTEE, admin_unit=commune).first()


def _locked_figure(*, actor, commune: AdminUnit, year: int, expected_version) -> CommunePopulation:
    """The stored figure, locked, after the scope and version checks (a conflict names who saved and when)."""
    if commune.pk not in _allowed_ids(actor):
        raise ApplicationError(
            f"Xã: {commune.name} nằm ngoài phạm vi đồng chí phụ trách.", field="commune", code="forbidden"
        )
    row = (
        CommunePopulation.objects.select_for_update(of=("self",))
        .select_related("entered_by")
        .filter(commune=commune, year=year)
        .first()
    )
    if row is None:
        raise ApplicationError(
            f"Dân số năm {year} của {commune.name} không còn (vừa bị xoá); mở lại trang để xem số hiện có.",
            code="conflict",
            extra={"current_version": "0"},
        )
    if expected_version not in (None, "") and str(expected_version) != str(row.version):
        who = (row.entered_by.get_full_name() or row.entered_by.get_username()) if row.entered_by else ""
        raise ApplicationError(
            f"Dân số năm {year} của {commune.name} vừa được {who or 'một người khác'} lưu lúc "
            f"{timezone.localtime(row.entered_at):%H:%M %d/%m/%Y} ({describe((row.male, row.female, row.people_of_age))}),"
            " sau khi đồng chí mở trang. Chưa lưu gì; đối chiếu với số mới rồi bấm lưu lần nữa nếu vẫn muốn thay.",
            code="conflict",
            extra={"current_version": str(row.version)},
        )
    return row


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if len(reason) > MAX_REASON:
        raise ApplicationError(f"Lý do: dài quá {MAX_REASON} ký tự; hãy viết ngắn lại.", field="reason")
    return reason


def population_correct(
    *, actor, commune: AdminUnit, year: int, male, female, total, reason: str = "", expected_version=None
) -> CommunePopulation:
    """Correct one commune's figure for `year` (the reason is optional), locked against a save made since the page
    was shown, audited with the figures before and after. A figure already used by a published statistic can be
    corrected: the statistics read the current figure."""
    values, problems = figure_problems(male, female, total)
    if problems:
        key, problem = problems[0]
        raise ApplicationError(f"{LABELS[key]}: {problem}", field=key)
    if values is None:
        raise ApplicationError("Tổng: bắt buộc, hãy ghi số (hoặc xoá số của năm này bằng nút Xoá).", field="total")
    reason = _reason(reason)
    with transaction.atomic():
        row = _locked_figure(actor=actor, commune=commune, year=year, expected_version=expected_version)
        before = {"male": row.male, "female": row.female, "people_of_age": row.people_of_age}
        if (row.male, row.female, row.people_of_age) == values:
            return row
        row.male, row.female, row.people_of_age = values
        row.version += 1
        row.entered_by = actor
        row.save()
        audit_record(
            actor=actor,
            action=Action.MEMBER_POPULATION_CORRECTED,
            unit=_party_of(commune),
            target=row,
            before=before,
            after={"male": row.male, "female": row.female, "people_of_age": row.people_of_age, "year": year},
            details={"commune": commune.code, "year": year, "source": "correction", "reason": reason},
        )
    return row


def population_delete(*, actor, commune: AdminUnit, year: int, reason: str = "", expected_version=None) -> None:
    """Remove one commune's figure for `year`: the statistics then read the commune as not entered for that year
    (an earlier year's figure, if any, is used). The figure stays in the history (audited, with the reason)."""
    reason = _reason(reason)
    with transaction.atomic():
        row = _locked_figure(actor=actor, commune=commune, year=year, expected_version=expected_version)
        audit_record(
            actor=actor,
            action=Action.MEMBER_POPULATION_DELETED,
            unit=_party_of(commune),
            target=row,
            before={"male": row.male, "female": row.female, "people_of_age": row.people_of_age, "year": year},
            after=None,
            details={"commune": commune.code, "year": year, "source": "delete", "reason": reason},
        )
        row.delete()


# --- Import from XLSX / CSV ----------------------------------------------------------------------------------


def read_population_table(*, filename: str, content: bytes) -> list[dict]:
    """Rows of the file as dicts keyed by column key, each with its `_line`. Size (packed and unpacked) is checked
    before any parser sees the file, and reading stops after PARSE_SECONDS."""
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        with open_xlsx(content, limits=XLSX_POPULATION, field="file", seconds=PARSE_SECONDS) as workbook:
            raw = workbook.rows(max_rows=MAX_ROWS, max_cols=20)
    elif name.endswith(".csv"):
        if len(content) > XLSX_POPULATION.max_bytes:
            raise ApplicationError("Tệp: lớn hơn 2 MB; hãy chia thành nhiều tệp (ví dụ theo tỉnh).", field="file")
        try:
            text = strip_bidi_controls(content.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise ApplicationError("Tệp: CSV phải được lưu với bảng mã UTF-8.", field="file") from None
        deadline = Deadline(PARSE_SECONDS, field="file")
        raw = []
        for row in csv.reader(io.StringIO(text)):
            deadline.check()
            raw.append(tuple(row[:20]))
            if len(raw) > MAX_ROWS:
                raise ApplicationError(
                    f"Tệp: hơn {MAX_ROWS} dòng; mỗi xã một dòng, hãy xoá các dòng thừa.", field="file"
                )
    else:
        raise ApplicationError("Tệp: chỉ nhận .xlsx hoặc .csv; hãy tải mẫu và điền vào.", field="file")
    numbered = [(i, row) for i, row in enumerate(raw, start=1) if any(cell_text(v) for v in row)]
    if not numbered:
        raise ApplicationError("Tệp: không có dữ liệu; hãy tải mẫu và điền số của từng xã.", field="file")
    # A title ("DÂN SỐ TRONG ĐỘ TUỔI NĂM 2026") may stand above the header.
    found = next(
        (
            i
            for i, (_line, row) in enumerate(numbered[:10])
            if "commune" in (p := _positions(row)) and ("total" in p or "male" in p)
        ),
        None,
    )
    if found is None:
        raise ApplicationError(
            "Tệp: không thấy dòng tiêu đề có cột Xã và cột Tổng (hoặc Nam, Nữ). Dòng tiêu đề phải có các cột: "
            + ", ".join(LABELS.values())
            + "; hãy tải mẫu và chép số vào.",
            field="file",
            code="layout",
        )
    positions = _positions(numbered[found][1])
    rows = []
    for line, row in numbered[found + 1 :]:
        data = {key: (row[i] if i < len(row) else None) for key, i in positions.items()}
        data["_line"] = line
        rows.append(data)
    if not rows:
        raise ApplicationError("Tệp: chỉ có dòng tiêu đề; hãy điền số của từng xã bên dưới.", field="file")
    return rows


def _positions(header) -> dict[str, int]:
    return header_positions(header, COLUMNS)


def _base(folded: str, words) -> str:
    """The name without the word people put before it ("xa yen the" → "yen the")."""
    for word in words:
        if folded.startswith(word + " ") and len(folded) > len(word) + 1:
            return folded[len(word) + 1 :]
    return folded


def population_import_check(
    *, actor, year: int, rows: list[dict], progress: Callable[[int, str], None] | None = None
) -> list[Figure]:
    """Match each row's commune (without diacritics, among the communes in the actor's scope) and check its
    figures; raise one ApplicationError listing every error by row and column, or return the figures."""
    this_year = timezone.localdate().year
    if not 2000 <= year <= this_year:
        raise ApplicationError(f"Năm: chọn một năm từ 2000 đến {this_year}.", field="year")
    communes = list(population_communes_for_user(user=actor))
    if not communes:
        raise ApplicationError(
            "Đồng chí chưa được giao nhập số liệu cho xã nào; hãy liên hệ quản trị đơn vị.",
            field="file",
            code="forbidden",
        )
    by_name: dict[str, list[AdminUnit]] = {}
    for commune in communes:
        by_name.setdefault(_base(commune.name_folded, COMMUNE_WORDS), []).append(commune)
    provinces = {_base(c.parent.name_folded, PROVINCE_WORDS) for c in communes}
    errors: list[str] = []
    figures: list[Figure] = []
    first_line: dict[int, int] = {}

    def error(line: int, key: str, message: str) -> None:
        errors.append(f"Dòng {line}, cột {LABELS[key]}: {message}")

    for index, row in enumerate(rows, start=1):
        line = row["_line"]
        written = cell_text(row.get("commune"))
        numbers, problems = figure_problems(row.get("male"), row.get("female"), row.get("total"))
        if not written:
            if numbers is not None or problems:
                error(line, "commune", "bắt buộc; ghi tên xã, phường như trong mẫu (ví dụ Xã Yên Thế).")
            continue
        for key, problem in problems:
            error(line, key, problem)
        folded = fold(written)
        candidates = {c.pk: c for key in {folded, _base(folded, COMMUNE_WORDS)} for c in by_name.get(key, [])}
        found = list(candidates.values())
        # "Phường Tân An" when both a xã and a phường are called Tân An: the word before the name decides.
        exact = [c for c in found if c.name_folded == folded]
        found = exact or found
        province_written = cell_text(row.get("province"))
        if province_written:
            province = _base(fold(province_written), PROVINCE_WORDS)
            if province not in provinces:
                error(
                    line,
                    "province",
                    f"“{province_written}” không phải tỉnh trong phạm vi đồng chí phụ trách; sửa tên tỉnh, "
                    "hoặc bỏ trống.",
                )
                continue
            found = [c for c in found if _base(c.parent.name_folded, PROVINCE_WORDS) == province]
        # "Tân Thành" and "Tân Thạnh" fold alike: written with its diacritics, the name itself decides.
        same = [c for c in found if written.lower() in {c.name.lower(), c.name.lower().split(" ", 1)[-1]}]
        found = same if len(same) == 1 else found
        if not found:
            error(
                line,
                "commune",
                f"không tìm thấy “{written}” trong các xã đồng chí phụ trách"
                + (f" thuộc {province_written}" if province_written else "")
                + "; sửa tên cho đúng (tải mẫu để có tên từng xã), hoặc bỏ dòng này.",
            )
            continue
        if len(found) > 1:
            names = ", ".join(f"{c.name} ({c.parent.name})" for c in found[:5])
            same_province = len({c.parent_id for c in found}) == 1
            fix = (
                "hai xã cùng tên trong một tỉnh: nhập số của xã này ở trang nhập theo dòng, nơi chọn xã từ danh sách."
                if same_province
                else "ghi tên tỉnh ở cột Tỉnh, hoặc ghi rõ Xã/Phường trước tên."
            )
            error(line, "commune", f"“{written}” trùng tên {len(found)} xã: {names}; {fix}")
            continue
        commune = found[0]
        if commune.pk in first_line:
            error(line, "commune", f"{commune.name} đã có ở dòng {first_line[commune.pk]}; mỗi xã chỉ ghi một dòng.")
            continue
        first_line[commune.pk] = line
        if numbers is None and not problems:
            # A commune of the template left blank: not entered.
            continue
        if numbers is not None:
            figures.append(Figure(commune=commune, male=numbers[0], female=numbers[1], total=numbers[2], line=line))
        if progress is not None and index % 500 == 0:
            progress(index, "Đang kiểm tra các dòng…")
    if errors:
        raise ApplicationError(
            f"Không nhập được: {len(errors)} lỗi, chưa ghi xã nào. Sửa các lỗi dưới đây trong tệp rồi tải lên lại.",
            field="file",
            code="import_invalid",
            extra={"errors": errors[:500]},
        )
    if not figures:
        raise ApplicationError("Tệp: chưa có số của xã nào; hãy điền cột Tổng (hoặc Nam và Nữ).", field="file")
    return figures


def population_import(
    *, actor, year: int, rows: list[dict], filename: str = "", progress: Callable[[int, str], None] | None = None
) -> dict:
    """Check the whole file, then save every changed figure in one transaction (an import overwrites what is
    stored; unchanged figures are not written, so the same file imported again changes nothing)."""
    figures = population_import_check(actor=actor, year=year, rows=rows, progress=progress)
    if progress is not None:
        progress(len(rows), f"Đã kiểm tra {len(rows)} dòng, không có lỗi; đang ghi…")
    with transaction.atomic():
        summary = population_save(actor=actor, year=year, figures=figures, source="import", progress=progress)
        if summary["created"] or summary["changed"]:
            audit_record(
                actor=actor,
                action=Action.MEMBER_POPULATION_IMPORTED,
                details=summary | {"year": year, "rows": len(rows), "file": filename[:100]},
            )
    return summary


PENDING_PREFIX = "dan-so-nhap:"


def population_import_start(*, actor, year: int, filename: str, content: bytes):
    """Keep the checked file and import it in the background; the owner follows the job on its page."""
    from danvan.core.services import job_file_store, job_start
    from danvan.members.tasks import population_import_run

    with transaction.atomic():
        upload = job_file_store(
            owner=actor,
            name=f"{PENDING_PREFIX}{filename}"[:255],
            content_type="application/octet-stream",
            content=content,
        )
        return job_start(
            actor=actor,
            kind="members.population_import",
            title=f"Nhập dân số trong độ tuổi năm {year}",
            task=population_import_run,
            params={"file": upload.pk, "year": year},
        )


def population_import_job(job):
    """The import job's work: read the kept file, check it again and save it as the job's owner."""
    from django.urls import reverse

    from danvan.core.models import StoredFile
    from danvan.core.services import JobOutcome, job_progress

    upload = StoredFile.objects.get(pk=job.params["file"])
    filename = upload.name.removeprefix(PENDING_PREFIX)
    try:
        rows = read_population_table(filename=filename, content=bytes(upload.content))
        job_progress(job_id=job.pk, done=0, total=len(rows), message="Đang kiểm tra các dòng…")
        summary = population_import(
            actor=job.owner,
            year=int(job.params["year"]),
            rows=rows,
            filename=filename,
            progress=lambda n, message: job_progress(job_id=job.pk, done=min(n, len(rows)), message=message),
        )
    finally:
        # Imported or refused (the job says why; the officer uploads a corrected file), the file is not kept. A
        # worker that died mid-job leaves it: population_uploads_prune removes it the next night.
        upload.delete()
    return JobOutcome(
        message=(
            f"Đã nhập dân số năm {job.params['year']}: {summary['created']} xã mới có số, {summary['changed']} xã "
            f"được sửa số; {summary['unchanged']} xã không đổi."
        ),
        result_url=f"{reverse('members:population')}?year={job.params['year']}",
    )


def population_uploads_prune(*, older_than) -> int:
    """Remove the kept population files uploaded before `older_than` that no queued or running import is about to
    read (a worker stopped mid-job left it). One audit event per run that removes any. Returns how many."""
    from danvan.audit.models import Action
    from danvan.core.files import kept_uploads_prune

    return kept_uploads_prune(
        prefix=PENDING_PREFIX,
        job_kind="members.population_import",
        older_than=older_than,
        action=Action.POPULATION_UPLOADS_PRUNED,
        system_label="population_uploads_prune",
    )


def population_template_rows(*, communes, year: int) -> list[list]:
    """The template's rows: each commune as people write it, with its province, and the figures stored."""
    stored = population_figures(communes=communes, year=year)
    rows = []
    for commune in communes:
        row = stored.get(commune.pk)
        rows.append(
            [
                commune.parent.name,
                commune.name,
                row.male if row else None,
                row.female if row else None,
                row.people_of_age if row else None,
            ]
        )
    return rows


def years_offered() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year, max(1999, this_year - 10), -1))
