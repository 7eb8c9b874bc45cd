"""Reading a unit's periodic report written in Word (báo cáo .docx) into proposals for its report draft.

Pure functions, no database (decision 0038). `docx_blocks()` opens the upload through the bounded reader of
decision 0015 and gives its paragraphs and table rows; `read_report()` splits them into the form's narrative
parts (`ket_qua`, `han_che`, `nhiem_vu`, `kien_nghi`) and proposes figures for the form's indicators, each with
the sentence it came from and a confidence. Nothing here saves anything: the officer corrects the proposal and
saves it through the report's own save path.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from danvan.core.errors import ApplicationError
from danvan.core.text import fold, strip_bidi_controls
from danvan.core.uploads import DOCX_TEXT, open_docx

NARRATIVE_KEYS = ("ket_qua", "han_che", "nhiem_vu", "kien_nghi")
# Everything after a section heading goes to that section until the next one; "context" (the unit's general
# situation, "đặc điểm tình hình") and "skip" (the document's header and signature) go nowhere.
_HEADING_WORDS = (
    ("han_che", ("han che", "ton tai", "khuyet diem", "yeu kem", "kho khan vuong mac")),
    ("kien_nghi", ("kien nghi", "de xuat")),
    ("nhiem_vu", ("nhiem vu", "phuong huong", "giai phap", "ke hoach")),
    ("ket_qua", ("ket qua", "danh gia", "tinh hinh thuc hien", "cong tac dan van", "hoat dong")),
    ("context", ("dac diem", "tinh hinh chung", "khai quat", "boi canh")),
)
# A paragraph of prose that opens like these begins the section, when the report has no headings for it.
_PROSE_OPENINGS = (
    ("han_che", re.compile(r"^(tuy nhien|ben canh (do|nhung ket qua)|han che|ton tai|mot so han che)\b")),
    (
        "nhiem_vu",
        re.compile(
            r"^(ve nhiem vu|ve phuong huong|phuong huong|nhiem vu|thoi gian toi|trong thoi gian toi"
            r"|(\d+|sau|chin) thang cuoi nam|nam \d{4} .{0,60}(tiep tuc|tap trung)|ket luan .{0,120}nhiem vu)"
        ),
    ),
    ("kien_nghi", re.compile(r"^(kien nghi|de xuat|de nghi)\b")),
)
_ROMAN = re.compile(r"^\s*([IVX]{1,4}[.)/:-]|[A-D][.)]\s)")
_PART = re.compile(r"^phan (thu )?(nhat|hai|ba|tu|i|ii|iii|iv|1|2|3|4)\b")
_NUMBERED = re.compile(r"^\s*(\d{1,2}(\.\d{1,2})*[.)]|[a-đ][)]|[-+•*]\s)")
_HEADER_LINE = re.compile(
    r"^(dang bo|dang uy|dang cong san|ban dan van|khoi dan van|uy ban|cong hoa xa hoi|doc lap|so \w*|bao cao$"
    r"|\*+$|-+$)"
)
_DATE_LINE = re.compile(r"ngay \d{1,2} thang \d{1,2} nam \d{4}")
_SIGNATURE = re.compile(r"^(noi nhan|t ?m\b|tm\b|k ?t\b|kt\b|luu\b|truong ban$|bi thu$|nguoi bao cao)")

# A number as Vietnamese reports write it: 1.234 / 12,5 / 21/21 (the numerator counts) / 05.
_NUMBER = re.compile(r"(?<![\w./,-])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?:/(\d+))?(?![\w/])(\s*%)?")
_APPROX_BEFORE = ("tren", "hon", "gan", "khoang", "hang", "tren duoi", "xap xi")
# Words right before a number that make it something else: a comparison, a document, a date, an ordinal.
_NOT_A_COUNT_BEFORE = (
    "tang",
    "giam",
    "so",
    "ngay",
    "thang",
    "nam",
    "quy",
    "khoa",
    "lan thu",
    "thu",
    "nhiem ky",
    "giai doan",
    "dieu",
    "khoan",
    "muc",
)
_STOPWORDS = frozenset("cua va cac duoc cho tai trong voi nhung da la mot co the den".split())
# Word pairs that say how something is counted, not what: they tie a figure to no indicator in particular.
_GENERIC_PAIRS = frozenset({"ty le", "so luong", "tong so", "ket qua"})
_CONTEXT_WORDS = 40


@dataclass(frozen=True)
class Block:
    """One paragraph of the document, or one table row (`cells`)."""

    text: str
    is_heading_style: bool = False
    cells: tuple[str, ...] = ()


@dataclass
class ProposedFigure:
    code: str
    value: Decimal
    written: str  # the number as it stands in the document
    sentence: str
    confidence: float  # 0..1

    @property
    def confidence_level(self) -> str:
        return "high" if self.confidence >= 0.8 else "medium" if self.confidence >= 0.6 else "low"


@dataclass
class ReportReading:
    sections: dict[str, str] = field(default_factory=dict)
    figures: dict[str, ProposedFigure] = field(default_factory=dict)
    paragraphs: int = 0

    @property
    def is_empty(self) -> bool:
        return not self.sections and not self.figures


# --- reading the file -------------------------------------------------------------------------------------------


def docx_blocks(content: bytes, *, field: str = "file") -> list[Block]:
    """The paragraphs, then the table rows, of an uploaded .docx; refused with a Vietnamese message when the file is
    not a DOCX, is encrypted, too big, a zip bomb or slower to walk than the upload reader's time budget allows."""
    if content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        # An OLE container: a password-protected .docx (Word encrypts into one) or an old .doc file.
        raise ApplicationError(
            "Tệp: là tệp Word có mật khẩu hoặc tệp .doc cũ, danvan không mở được; hãy bỏ mật khẩu "
            "(Tệp → Thông tin → Bảo vệ tài liệu) hoặc lưu lại thành .docx rồi tải lên.",
            field=field,
            code="encrypted",
        )
    document, deadline = open_docx(content, limits=DOCX_TEXT, field=field)
    blocks: list[Block] = []
    try:
        for paragraph in document.paragraphs:
            deadline.check()
            text = _clean(paragraph.text)
            if text:
                style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
                blocks.append(Block(text, is_heading_style=style.startswith(("heading", "title"))))
        for table in document.tables:
            for row in table.rows:
                deadline.check()
                cells: list[str] = []
                for cell in row.cells:
                    value = _clean(cell.text)
                    if value and (not cells or cells[-1] != value):
                        cells.append(value)
                if cells:
                    blocks.append(Block(" | ".join(cells), cells=tuple(cells)))
    except ApplicationError:
        raise
    except Exception:
        raise ApplicationError(
            "Tệp: tệp .docx bị hỏng hoặc không phải tệp Word; hãy mở bằng Word, lưu lại dạng .docx rồi tải lên.",
            field=field,
            code="docx",
        ) from None
    return blocks


def _clean(text: str) -> str:
    return strip_bidi_controls(unicodedata.normalize("NFC", text or "")).replace("\xa0", " ").strip()


def blocks_from_text(text: str) -> list[Block]:
    """Plain text (one paragraph a line) as blocks: what the evaluation reads when it has no DOCX."""
    return [Block(_clean(line)) for line in text.splitlines() if _clean(line)]


# --- sections ---------------------------------------------------------------------------------------------------


def _is_heading(block: Block) -> bool:
    text = block.text
    if block.cells or len(text) > 160:
        return False
    if block.is_heading_style or _is_major(block):
        return True
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) >= 6 and sum(ch.isupper() for ch in letters) / len(letters) > 0.8:
        return True
    # "1. Hạn chế, nguyên nhân" or "2. Phương hướng, nhiệm vụ:": numbered and short, without a full sentence.
    return bool(_NUMBERED.match(text)) and len(text) <= 90 and not text.rstrip().endswith((".", ";"))


def _is_major(block: Block) -> bool:
    return bool(_ROMAN.match(block.text) or _PART.match(fold(block.text)[:24]))


def _heading_kind(folded: str) -> str | None:
    best: tuple[int, str] | None = None
    for kind, words in _HEADING_WORDS:
        for word in words:
            at = re.search(rf"\b{word}\b", folded)
            if at and (best is None or at.start() < best[0]):
                best = (at.start(), kind)
    return best[1] if best else None


def split_sections(blocks: list[Block]) -> dict[str, str]:
    """The narrative parts of the report, by key, as paragraphs joined with blank lines (empty parts left out)."""
    parts: dict[str, list[str]] = {key: [] for key in NARRATIVE_KEYS}
    current = "skip"
    started = False  # past the document's header block (issuer, number, place and date, "BÁO CÁO", title)
    for block in blocks:
        if block.cells:
            continue
        folded = fold(block.text)
        if not folded:
            continue
        if _SIGNATURE.match(folded) and started:
            break
        heading = _is_heading(block)
        if not started:
            if _HEADER_LINE.match(folded) or _DATE_LINE.search(folded) or (heading and not _is_major(block)):
                continue
            started = True
            current = "ket_qua"
        if heading:
            kind = _heading_kind(folded)
            major = _is_major(block) or block.is_heading_style
            if kind:
                current = kind
            elif major:
                # A major heading that names none of the parts ("III. Hoạt động của Ban Dân vận") reports results.
                current = "ket_qua"
            if kind != "context":
                # A heading that has text after a colon ("Kiến nghị: đề nghị …") keeps that text.
                _, _, rest = block.text.partition(":")
                if rest.strip() and len(rest.strip()) > 20:
                    parts.setdefault(current, []).append(rest.strip())
            continue
        for kind, opening in _PROSE_OPENINGS:
            if opening.match(folded):
                current = kind
                break
        if current in parts:
            parts[current].append(block.text)
    return {key: "\n\n".join(texts) for key, texts in parts.items() if texts}


# --- figures ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    code: str
    units: tuple[str, ...]  # folded words a figure of this indicator is counted in
    distinct: frozenset[str]  # folded word pairs of its name no other indicator with that unit has
    shared: frozenset[str]
    is_percentage: bool
    decimal_places: int


def _pairs(words: list[str]) -> set[str]:
    kept = [w for w in words if w not in _STOPWORDS]
    return {f"{a} {b}" for a, b in zip(kept, kept[1:], strict=False)} - _GENERIC_PAIRS


def _name_words(name: str, unit: str) -> list[str]:
    """The folded words of an indicator's name without its counting phrase ("lượt", "cuộc họp", "%")."""
    words = name.split()
    unit_words = unit.split()
    if unit_words and unit != "%":
        for i in range(len(words) - len(unit_words) + 1):
            if words[i : i + len(unit_words)] == unit_words:
                return words[:i] + words[i + len(unit_words) :]
    return words


def _targets(indicators) -> list[_Target]:
    raw = []
    for indicator in indicators:
        unit = fold(indicator.unit_label)
        name = fold(indicator.name)
        # The counting word may also open the name ("Lượt người dự …", "Cuộc họp …", "Buổi tiếp …").
        units = {unit} if unit else set()
        head = name.split()[:2]
        if head:
            units.add(head[0])
            units.add(" ".join(head))
        pairs = _pairs(_name_words(name, unit))
        raw.append((indicator, tuple(sorted(units, key=len, reverse=True)), pairs))
    targets = []
    for indicator, units, pairs in raw:
        siblings = set()
        for other, other_units, other_pairs in raw:
            if other is not indicator and set(units) & set(other_units):
                siblings |= other_pairs
        targets.append(
            _Target(
                code=indicator.code,
                units=units,
                distinct=frozenset(pairs - siblings),
                shared=frozenset(pairs & siblings),
                is_percentage=bool(indicator.is_percentage) or fold(indicator.unit_label) == "%",
                decimal_places=indicator.decimal_places,
            )
        )
    return targets


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[\w“\"(])|\n+", text) if s.strip()]


def _parse_number(integer: str, decimals: str | None) -> Decimal | None:
    try:
        return Decimal(integer.replace(".", "") + (f".{decimals}" if decimals else ""))
    except InvalidOperation:
        return None


def _mentions(sentence: str):
    """(value, written, unit words folded, near context, far context, approximate) for each number.

    The near context is the text between the neighbouring numbers; the far context reaches back to the sentence's
    start and on to its end (at most 40 words each way), so "tuyên truyền … được 75 cuộc với 231 lượt người" ties
    both numbers to "tuyên truyền", but less firmly than words next to the number."""
    matches = list(_NUMBER.finditer(sentence))
    for i, match in enumerate(matches):
        value = _parse_number(match.group(1), match.group(2))
        if value is None:
            continue
        before_text = sentence[matches[i - 1].end() if i else 0 : match.start()]
        after_text = sentence[match.end() : matches[i + 1].start() if i + 1 < len(matches) else len(sentence)]
        before = fold(before_text).split()
        tail = " ".join(before[-2:])
        if before and (before[-1] in _NOT_A_COUNT_BEFORE or tail in _NOT_A_COUNT_BEFORE):
            continue
        # Years and document numbers: 2025, "số 25-NQ/TW", "08-KH/HU".
        if not match.group(4) and 1900 <= value <= 2100 and "." not in match.group(1):
            continue
        if sentence[match.end() : match.end() + 1] == "-":
            continue
        # What follows the number names it up to the end of its clause ("17 kiến nghị, đến nay đã giải quyết 15"
        # must not lend "giải quyết" to the 17); "mô hình, điển hình" is one counting phrase, not a clause break.
        clause = re.split(r"[,;:(]", re.sub(r",\s*(?=điển hình)", " ", after_text), maxsplit=1)[0]
        after = fold(clause)
        unit = "%" if match.group(4) else after
        approx = bool(before) and (before[-1] in _APPROX_BEFORE or tail in _APPROX_BEFORE)
        far_before = fold(sentence[: match.start()]).split()[-_CONTEXT_WORDS:]
        near = f"{' '.join(before)} {after}"
        yield value, match.group(0).strip(), unit, near, " ".join(far_before), approx


def _score(target: _Target, unit: str, near: str, far: str) -> float:
    if target.is_percentage:
        if unit != "%":
            return 0.0
    elif not any(unit == u or unit.startswith(u + " ") for u in target.units if u != "%"):
        return 0.0
    # The words around the number that name what is counted: the rest of its clause on both sides.
    context = _pairs(near.split())
    far_context = _pairs(far.split()) - context

    def hits(pairs: frozenset[str]) -> float:
        return len(pairs & context) + 0.5 * len(pairs & far_context)

    every = target.distinct | target.shared
    found = hits(every)
    if not found:
        return 0.0
    # A pair no sibling indicator has ("giải quyết", "đăng ký") tells the siblings apart.
    distinct = 1.0 if hits(target.distinct) >= 1 else 0.5 if hits(target.distinct) else 0.0
    return round(0.35 + 0.45 * min(1.0, found / min(2, len(every))) + 0.2 * distinct, 3)


def propose_figures(blocks: list[Block], indicators) -> dict[str, ProposedFigure]:
    """For each indicator, the figure in the document that most likely fills it, with its sentence."""
    targets = _targets(indicators)
    found: dict[str, ProposedFigure] = {}

    def offer(target: _Target, value: Decimal, written: str, sentence: str, confidence: float):
        if target.decimal_places == 0 and value != value.to_integral_value():
            return
        if target.is_percentage and value > 100:
            return
        best = found.get(target.code)
        if best is None or confidence > best.confidence:
            found[target.code] = ProposedFigure(target.code, value, written, sentence, confidence)

    for block in blocks:
        if block.cells and len(block.cells) >= 2:
            # A table row: the label names the indicator, the last cell holding a number is its value.
            label = block.cells[0]
            for cell in reversed(block.cells[1:]):
                match = _NUMBER.search(cell)
                if not match:
                    continue
                value = _parse_number(match.group(1), match.group(2))
                if value is None:
                    break
                label_words = fold(label)
                for target in targets:
                    unit_ok = target.is_percentage == bool(match.group(4) or "ty le" in label_words)
                    pairs = _pairs(label_words.split())
                    hits = len(target.distinct & pairs) / max(1, min(2, len(target.distinct)))
                    if unit_ok and hits:
                        offer(target, value, match.group(0).strip(), block.text, round(0.5 + 0.5 * min(1, hits), 3))
                break
            continue
        for sentence in _sentences(block.text):
            for value, written, unit, near, far, approx in _mentions(sentence):
                scored = [(_score(t, unit, near, far), t) for t in targets]
                scored = [(s, t) for s, t in scored if s >= 0.55]
                if not scored:
                    continue
                scored.sort(key=lambda pair: pair[0], reverse=True)
                confidence, target = scored[0]
                if len(scored) > 1 and scored[1][0] == confidence:
                    confidence -= 0.15  # two indicators fit as well: say so
                if approx:
                    confidence -= 0.1  # "trên 1.900 mô hình": a rounded figure
                offer(target, value, written, sentence, round(max(confidence, 0.05), 3))
    return found


def read_report(blocks: list[Block], *, indicators) -> ReportReading:
    """The narrative parts and the proposed figures of a report given as blocks."""
    return ReportReading(
        sections=split_sections(blocks),
        figures=propose_figures(blocks, indicators),
        paragraphs=sum(1 for b in blocks if not b.cells),
    )


def check_is_a_report(reading: ReportReading, blocks: list[Block]) -> None:
    """Refuse a document that is not a report on this work: it names neither results nor tasks and fills nothing."""
    folded = fold(" ".join(b.text for b in blocks[:400]))
    on_topic = any(
        w in folded for w in ("dan van", "mat tran", "doan the", "nhan dan", "dan chu", "tiep cong dan", "doi thoai")
    )
    if reading.is_empty or (not on_topic and not reading.figures):
        raise ApplicationError(
            "Tệp: không thấy nội dung báo cáo công tác dân vận (kết quả, hạn chế, nhiệm vụ, kiến nghị hay số liệu "
            "của biểu mẫu); hãy chọn đúng tệp báo cáo .docx của đơn vị cho kỳ này.",
            field="file",
            code="not_a_report",
        )
