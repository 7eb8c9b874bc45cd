"""The minutes (biên bản) of a household vote, as DOCX: the state format (Quốc hiệu, tiêu ngữ), the figures and
the result as the system computed them."""

import datetime as dt
import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from danvan.democracy.models import Matter


def _line(document, text="", *, bold=False, italic=False, center=False, size=13):
    paragraph = document.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return paragraph


def _percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.2f}".replace(".", ",") + "%" if whole else "—"


def matter_minutes_docx(*, matter: Matter, today: dt.date) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    _line(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, center=True)
    _line(document, "Độc lập - Tự do - Hạnh phúc", bold=True, center=True, size=14)
    _line(document, "BIÊN BẢN", bold=True, center=True, size=14)
    _line(document, f"Kết quả {matter.get_method_display().lower()} về: {matter.title}", bold=True, center=True)
    scope = matter.village.name if matter.village_id else f"toàn {matter.base.name}"
    voted = f"{matter.voted_on:%d/%m/%Y}" if matter.voted_on else "…/…/……"
    _line(document, f"Hôm nay, ngày {voted}, tại {scope}, thuộc {matter.base.name}.")
    _line(document, f"Nội dung: {matter.get_subject_display()}.")
    if matter.description:
        _line(document, matter.description)
    _line(document, "Kết quả:", bold=True)
    eligible = matter.eligible_households or 0
    rows = [
        ("Tổng số hộ gia đình có quyền tham gia", matter.eligible_households, ""),
        ("Số hộ tham gia", matter.turnout, _percent(matter.turnout or 0, eligible)),
        ("Số hộ tán thành", matter.votes_for, _percent(matter.votes_for or 0, eligible)),
        ("Số hộ không tán thành", matter.votes_against, _percent(matter.votes_against or 0, eligible)),
    ]
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Nội dung", "Số hộ", "Tỷ lệ so với tổng số hộ"), strict=True):
        cell.text = text
    for label, value, share in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = label, "" if value is None else str(value), share
    quorum = f"{matter.quorum_percent:g}".replace(".", ",")
    threshold = f"{matter.threshold_percent:g}".replace(".", ",")
    _line(
        document,
        f"Quy định áp dụng: số hộ tham gia trên {quorum}% và số hộ tán thành trên {threshold}% tổng số hộ "
        f"có quyền tham gia.",
        italic=True,
    )
    outcome = {
        Matter.Result.APPROVED: "Nội dung được thông qua.",
        Matter.Result.REJECTED: "Nội dung không được thông qua.",
        Matter.Result.NOT_DECIDED: "Chưa quyết định được do số hộ tham gia không đạt tỷ lệ quy định.",
        Matter.Result.PENDING: "Chưa có kết quả biểu quyết.",
    }[matter.result]
    _line(document, f"Kết luận: {outcome}", bold=True)
    if matter.recognised_on:
        _line(
            document,
            f"Kết quả đã được công nhận theo Quyết định số {matter.recognition_reference} ngày "
            f"{matter.recognised_on:%d/%m/%Y}.",
        )
    _line(document, f"Biên bản lập ngày {today:%d/%m/%Y}, in từ hệ thống danvan.", italic=True, size=11)
    signatures = document.add_table(rows=1, cols=2)
    signatures.rows[0].cells[0].text = "THƯ KÝ\n(Ký, ghi rõ họ tên)"
    signatures.rows[0].cells[1].text = "CHỦ TRÌ\n(Ký, ghi rõ họ tên)"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
