import csv
import io

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.contests.models import DEFAULT_TIE_BREAK, Contest, PartKind
from danvan.core.errors import ApplicationError
from danvan.core.locking import VersionField
from danvan.core.text import fold, strip_bidi_controls
from danvan.core.uploads import XLSX_IMPORT, open_xlsx
from danvan.core.widgets import Column, rows_field
from danvan.organisations.widgets import person_field, unit_field

NONE = [("", "—")]


class ContestForm(forms.Form):
    unit = unit_field(_("Organising unit"))
    name = forms.CharField(label=_("Name of the contest"), max_length=255)
    level_label = forms.CharField(label=_("Level"), max_length=64, required=False, help_text=_("e.g. cấp xã"))
    starts_on = forms.DateField(label=_("Date (dd/mm/yyyy)"))
    ends_on = forms.DateField(label=_("End date (dd/mm/yyyy)"), required=False)
    venue = forms.CharField(label=_("Venue"), max_length=255, required=False)
    scoring_rule = forms.ChoiceField(label=_("Part score from the judges' marks"), choices=Contest.ScoringRule.choices)
    trim_min_judges = forms.IntegerField(
        label=_("Drop the highest and lowest only with at least this many judges"), min_value=3, max_value=50
    )
    tie_break_1 = forms.ChoiceField(
        label=_("Equal totals: compare first"), choices=NONE + PartKind.choices, required=False
    )
    tie_break_2 = forms.ChoiceField(label=_("then"), choices=NONE + PartKind.choices, required=False)
    tie_break_3 = forms.ChoiceField(label=_("then"), choices=NONE + PartKind.choices, required=False)
    prize_first = forms.IntegerField(label=_("First prizes"), min_value=0, max_value=100)
    prize_second = forms.IntegerField(label=_("Second prizes"), min_value=0, max_value=100)
    prize_third = forms.IntegerField(label=_("Third prizes"), min_value=0, max_value=100)
    prize_encouragement = forms.IntegerField(label=_("Encouragement prizes"), min_value=0, max_value=100)
    basis = forms.CharField(
        label=_("Grounds of the prize decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One per line, e.g. “Căn cứ Kế hoạch số 15-KH/ĐU ngày 02/3/2026 của Đảng ủy xã …”."),
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["unit"]
            # The version the edit page showed (core.locking): a save from a stale page is a conflict.
            self.fields["expected_version"] = VersionField()

    @staticmethod
    def initial_for(contest: Contest | None = None, **extra) -> dict:
        order = (contest.tie_break_order if contest else DEFAULT_TIE_BREAK) + ["", "", ""]
        data = {"tie_break_1": order[0], "tie_break_2": order[1], "tie_break_3": order[2]}
        if contest is None:
            data.update(
                scoring_rule=Contest.ScoringRule.MEAN,
                trim_min_judges=5,
                prize_first=1,
                prize_second=2,
                prize_third=3,
                prize_encouragement=0,
            )
        else:
            for name in (
                "name",
                "level_label",
                "starts_on",
                "ends_on",
                "venue",
                "scoring_rule",
                "trim_min_judges",
                "prize_first",
                "prize_second",
                "prize_third",
                "prize_encouragement",
                "basis",
            ):
                data[name] = getattr(contest, name)
        return data | extra

    def settings(self) -> dict:
        d = dict(self.cleaned_data)
        d.pop("unit", None)
        d.pop("expected_version", None)
        d["tie_break_order"] = [k for k in (d.pop("tie_break_1"), d.pop("tie_break_2"), d.pop("tie_break_3")) if k]
        return d


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Name of the round"), max_length=128, help_text=_("e.g. Vòng sơ khảo"))


class PartForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PartKind.choices)
    title = forms.CharField(label=_("Title"), max_length=128, required=False)
    max_score = forms.CharField(label=_("Maximum score"), max_length=10)
    coefficient = forms.CharField(label=_("Coefficient"), max_length=10, initial="1")


class AdvanceForm(forms.Form):
    count = forms.IntegerField(label=_("Number of teams that go through"), min_value=1, max_value=500)


def parse_contestants(text: str) -> list[tuple[str, str, bool]]:
    """One per line: "full name; position; x" (x marks the captain)."""
    rows = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";")] + ["", ""]
        rows.append((parts[0], parts[1], parts[2].lower() in {"x", "đội trưởng", "doi truong", "1"}))
    return rows


def contestants_text(team) -> str:
    return "\n".join(f"{c.full_name}; {c.title}" + ("; x" if c.is_captain else "") for c in team.contestants.all())


class TeamForm(forms.Form):
    unit = unit_field(_("Participating unit"))
    name = forms.CharField(
        label=_("Team name"), max_length=255, required=False, help_text=_("Empty: “Đội” and the unit's name.")
    )
    draw_number = forms.IntegerField(label=_("Draw number"), min_value=1, max_value=999, required=False)
    contestants = rows_field(
        _("Contestants"),
        [Column("name", _("Full name")), Column("title", _("Position")), Column("captain", _("Captain"), "flag")],
        separator="; ",
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["unit"]


class JudgeForm(forms.Form):
    username = person_field(_("Judge"))
    home_unit = unit_field(_("Judge's home unit"))
    is_chair = forms.BooleanField(label=_("Chair of the panel"), required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (.csv or .xlsx)"))


IMPORT_COLUMNS = {
    "ma_don_vi": "unit",
    "ten_doi": "team",
    "so_boc_tham": "draw",
    "ho_ten": "name",
    "chuc_vu": "title",
    "doi_truong": "captain",
}
HEADER_ALIASES = {"don_vi": "ma_don_vi", "ho_va_ten": "ho_ten"}
MAX_BYTES = 2 * 1024 * 1024


def read_import(*, filename: str, content: bytes) -> list[dict]:
    """Rows of a teams-and-contestants CSV (UTF-8) or XLSX, keyed for services.teams_import, with `_line`."""
    if len(content) > MAX_BYTES:
        raise ApplicationError("Tệp: lớn hơn 2 MB.", field="file")
    name = filename.lower()
    if name.endswith(".xlsx"):
        # Checked for zip bombs and XML entity tricks first; blank rows count towards the bound too.
        with open_xlsx(content, limits=XLSX_IMPORT, field="file") as workbook:
            sheet_rows = workbook.rows(max_rows=4 * 2000, max_cols=len(IMPORT_COLUMNS) + 20)
        rows = [["" if v is None else str(v).strip() for v in row] for row in sheet_rows]
    elif name.endswith(".csv"):
        try:
            text = strip_bidi_controls(content.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise ApplicationError("Tệp: CSV phải được lưu với bảng mã UTF-8.", field="file") from None
        rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    else:
        raise ApplicationError("Tệp: chỉ nhận .csv hoặc .xlsx.", field="file")
    numbered = [(i, row) for i, row in enumerate(rows, start=1) if any(row)]
    if not numbered:
        raise ApplicationError("Tệp: không có dữ liệu.", field="file")
    # Headers in words ("Đơn vị", "Họ và tên") or as keys ("ma_don_vi"): folded, then the words' aliases.
    folded = [fold(h).replace(" ", "_") for h in numbered[0][1]]
    header = [HEADER_ALIASES.get(h, h) for h in folded]
    missing = [c for c in ("ma_don_vi", "ho_ten") if c not in header]
    if missing:
        raise ApplicationError(
            f"Tệp: thiếu cột {', '.join(missing)}. Dòng đầu phải là: {', '.join(IMPORT_COLUMNS)}.", field="file"
        )
    if len(numbered) > 2001:
        raise ApplicationError("Tệp: tối đa 2000 dòng mỗi lần nhập.", field="file")
    result = []
    for line, row in numbered[1:]:
        values = dict(zip(header, row, strict=False))
        result.append({key: values.get(column, "") for column, key in IMPORT_COLUMNS.items()} | {"_line": line})
    return result
