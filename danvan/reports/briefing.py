"""The briefing report: one click turns a unit's live roll-up and its sub-units' narratives into a numbered
DOCX "Báo cáo kết quả công tác dân vận [kỳ]" in Party format, kept in the document register."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from danvan.accounts.permissions import can_edit_unit
from danvan.core.errors import ApplicationError
from danvan.core.numbers import format_vn
from danvan.documents.heading import document_place, header_names, issuer_for
from danvan.organisations.models import OrgUnit
from danvan.reports.documents import FigureRow, Group, Header, Part, party_report_docx
from danvan.reports.models import ReportForm, ReportingPeriod
from danvan.reports.selectors import rollup
from danvan.reports.synthesis import briefing_synthesis

PART_TITLES = {
    "ket_qua": "Kết quả công tác",
    "han_che": "Hạn chế, nguyên nhân",
    "nhiem_vu": "Nhiệm vụ trọng tâm kỳ tới",
    "kien_nghi": "Kiến nghị, đề xuất",
}


def _number(value: Decimal | None, decimals: int) -> str:
    return "—" if value is None else format_vn(value, decimals)


def briefing_content(*, unit, form, period, reference: str, today: dt.date) -> tuple[str, bytes]:
    superior, short = header_names(issuer_for(unit))
    rows = rollup(unit=unit, form=form, period=period)
    figures = [
        FigureRow(
            r.indicator.name,
            r.indicator.unit_label,
            _number(r.value, r.indicator.decimal_places),
            _number(r.ytd, r.indicator.decimal_places),
        )
        for r in rows
    ]
    synthesis = briefing_synthesis(unit=unit, form=form, period=period, rollup_rows=rows, part_titles=PART_TITLES)
    results = Part(
        PART_TITLES["ket_qua"],
        groups=[Group(f.title, f.summary, [(c.unit_name, c.text) for c in f.contributions]) for f in synthesis.fields],
    )
    parts = [results, *(Part(title, entries) for _key, title, entries in synthesis.parts)]
    label = period.label[0].lower() + period.label[1:]
    subject = f"Kết quả công tác dân vận {label}"
    content = party_report_docx(
        header=Header(superior=superior, issuer=short, reference=reference, place=document_place(unit), date=today),
        doc_type_title="Báo cáo",
        subject=subject,
        intro=f"Thực hiện chương trình công tác, {short} báo cáo kết quả công tác dân vận {label} "
        f"của {unit.name} và các đơn vị trực thuộc như sau:",
        figures=figures,
        period_label=period.label,
        parts=parts,
        signer_title="T/M " + short,
        recipients=[f"{superior} (để báo cáo)", "Ban Tuyên giáo và Dân vận Trung ương (để báo cáo)"],
    )
    return subject, content


def briefing_draft(*, actor, unit: OrgUnit, form: ReportForm, period: ReportingPeriod, today: dt.date):
    """Put the briefing report into its draft in the documents app (one per unit, form and period); the signer
    issues it there and the BC register gives its number then."""
    from danvan.documents.generated import generated_draft

    if not can_edit_unit(actor, unit):
        raise ApplicationError("Đồng chí không có quyền ban hành báo cáo cho đơn vị này.", code="forbidden")
    label = period.label[0].lower() + period.label[1:]
    return generated_draft(
        actor=actor,
        issuer=issuer_for(unit),
        doc_type_code="BC",
        title=f"Kết quả công tác dân vận {label}",
        build=lambda reference: briefing_content(unit=unit, form=form, period=period, reference=reference, today=today)[
            1
        ],
        key=f"briefing:{unit.code}:{form.code}:{period.key}",
        source_url=reverse("reports:rollup") + f"?form={form.pk}&period={period.key}&unit={unit.code}",
    )
