"""The briefing report's narrative, synthesised from the units' reports of one form and period.

"Kết quả công tác" is grouped by field (lĩnh vực): the report form's figure sections ("Tiếp xúc, đối thoại với
Nhân dân", "Tuyên truyền, vận động", …). Under each field come the subtree's total for its indicators, then what
each reporting unit did in it, attributed by the unit's name ("Khối dân vận xã Yên Thế: Tổ chức 3 hội nghị …
(Hội nghị đối thoại …: 3 cuộc)."). A unit's free text is split into sentences and each sentence goes to the field
whose words it shares most (the section title and its indicators' names, diacritics folded, word pairs that many
fields share weigh less); a sentence that matches no field goes to "Các mặt công tác khác". The other parts
(hạn chế, nhiệm vụ, kiến nghị) are each unit's text under its name. A part nobody wrote is left out of the
document, and a period with nothing from any unit is refused: an issued report never carries a placeholder.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from danvan.core.errors import ApplicationError
from danvan.core.numbers import format_vn
from danvan.core.text import fold_tokens
from danvan.reports.models import DataValue, FormSection, NarrativeEntry, Submission

RESULTS_KEY = "ket_qua"
OTHER_FIELD = "Các mặt công tác khác"
SENT = [Submission.Status.SUBMITTED, Submission.Status.APPROVED]
# Words that say nothing about the field a sentence is about.
STOP_WORDS = frozenset(
    "va voi cua cac cho trong tai ve da duoc nhung mot so den theo tu tren la co khong nay do de ky nam quy "
    "thang ban hanh thuc hien tiep tuc dat ket qua".split()
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=\S)|\n+")


@dataclass
class Contribution:
    unit_name: str
    sentences: list[str] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """ "Tổ chức 3 hội nghị đối thoại. (Hội nghị đối thoại …: 3 cuộc)" — the unit's words, then its figures."""
        words = " ".join(_as_sentence(s) for s in self.sentences)
        figures = "; ".join(self.figures)
        if words and figures:
            return f"{words} ({figures})."
        return words or f"{figures[0].upper()}{figures[1:]}."


@dataclass
class FieldSynthesis:
    title: str
    summary: str = ""  # the subtree's totals for the field's indicators
    contributions: list[Contribution] = field(default_factory=list)


@dataclass
class Synthesis:
    fields: list[FieldSynthesis]  # "Kết quả công tác", by field
    parts: list[tuple[str, str, list[tuple[str, str]]]]  # (key, title, [(unit name, text)]) for the other parts
    units: int  # how many units' reports it is made from


def _as_sentence(text: str) -> str:
    text = text.strip().rstrip(";").strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def split_sentences(text: str) -> list[str]:
    """A unit's text as its sentences (lines and "." / ";" ends), empty ones dropped; "- " list marks removed."""
    pieces = (piece.strip().lstrip("-–•+*").strip() for piece in _SENTENCE_END.split(text or ""))
    return [piece for piece in pieces if any(ch.isalnum() for ch in piece)]


def _pairs(text: str) -> set[str]:
    tokens = [t for t in fold_tokens(text) if t not in STOP_WORDS and not t.isdigit()]
    # Word pairs, not single syllables: folded, "đông" (xuân) and (vận) "động" are the same syllable.
    return {f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)}


class FieldMatcher:
    """Which field a sentence is about: the one whose vocabulary it shares most, each shared word pair weighted
    by 1 / the number of fields that use it."""

    def __init__(self, vocabularies: list[set[str]]):
        self.vocabularies = vocabularies
        counts: dict[str, int] = defaultdict(int)
        for vocabulary in vocabularies:
            for term in vocabulary:
                counts[term] += 1
        self.weight = {term: 1 / count for term, count in counts.items()}

    def best(self, sentence: str) -> int | None:
        terms = _pairs(sentence)
        scores = [sum(self.weight[t] for t in terms & vocabulary) for vocabulary in self.vocabularies]
        top = max(scores, default=0)
        return scores.index(top) if top > 0 else None


def _figure(name: str, value: Decimal, unit_label: str, decimals: int) -> str:
    number = format_vn(value, decimals)
    amount = f"{number}%" if unit_label.strip() == "%" else f"{number} {unit_label}".strip()
    return f"{name}: {amount}"


def _fields(form) -> list[tuple[str, list]]:
    """(title, indicators) of the form's figure sections, in order."""
    sections = (
        FormSection.objects.filter(form=form, kind=FormSection.Kind.FIGURES)
        .prefetch_related("items__indicator")
        .order_by("order")
    )
    return [(s.title, [item.indicator for item in sorted(s.items.all(), key=lambda i: i.order)]) for s in sections]


def briefing_synthesis(*, unit, form, period, rollup_rows, part_titles: dict[str, str]) -> Synthesis:
    """The narrative of `unit`'s briefing report for `form` and `period`, from the reports its subtree sent.

    `rollup_rows` are the subtree's totals (selectors.rollup). Raises ApplicationError, naming the period and
    what to do, when no unit of the subtree has sent a report with a figure or a text."""
    sent = Submission.objects.filter(
        form=form, period=period, status__in=SENT, unit__ancestor_links__ancestor=unit
    ).select_related("unit")
    units = {s.pk: s.unit for s in sent}
    label = period.label[0].lower() + period.label[1:]
    if not units:
        raise ApplicationError(
            f"Kỳ báo cáo: chưa có đơn vị nào gửi báo cáo “{form.name}” {label}, nên chưa lập được báo cáo tổng hợp. "
            "Hãy chờ các đơn vị gửi (xem trang Tiến độ báo cáo) hoặc chọn kỳ khác.",
            field="period",
        )
    order = sorted(units.values(), key=lambda u: (u.depth, u.sort_order, u.name))
    rank = {u.pk: i for i, u in enumerate(order)}

    texts: dict[str, dict[int, str]] = defaultdict(dict)  # key → unit id → text
    for submission_id, key, text in NarrativeEntry.objects.filter(submission__in=list(units)).values_list(
        "submission_id", "key", "text"
    ):
        if text.strip():
            texts[key][units[submission_id].pk] = text.strip()

    fields = _fields(form)
    indicator_field = {ind.pk: i for i, (_title, indicators) in enumerate(fields) for ind in indicators}
    indicators = {ind.pk: ind for _title, inds in fields for ind in inds}
    figures: dict[tuple[int, int], list[str]] = defaultdict(list)  # (field, unit id) → figures
    position = {ind.pk: n for n, ind in enumerate(ind for _t, inds in fields for ind in inds)}
    values = sorted(
        DataValue.objects.filter(submission__in=list(units), indicator__in=list(indicators)).values_list(
            "submission_id", "indicator_id", "value"
        ),
        key=lambda row: position[row[1]],
    )
    for submission_id, indicator_id, value in values:
        if value:
            indicator = indicators[indicator_id]
            figures[(indicator_field[indicator_id], units[submission_id].pk)].append(
                _figure(indicator.name, value, indicator.unit_label, indicator.decimal_places)
            )

    matcher = FieldMatcher([_pairs(" ".join([title, *(i.name for i in inds)])) for title, inds in fields])
    sentences: dict[tuple[int | None, int], list[str]] = defaultdict(list)
    for unit_id, text in texts.get(RESULTS_KEY, {}).items():
        for sentence in split_sentences(text):
            # A form with a single figures section has one field: everything belongs to it.
            where = 0 if len(fields) == 1 else matcher.best(sentence)
            sentences[(where, unit_id)].append(sentence)

    synthesis = []
    totals = {row.indicator.pk: row for row in rollup_rows}
    for index, (title, inds) in enumerate([*fields, (OTHER_FIELD, [])]):
        where = index if index < len(fields) else None
        summary = "; ".join(
            _figure(i.name, totals[i.pk].value, i.unit_label, i.decimal_places)
            for i in inds
            if i.pk in totals and totals[i.pk].value
        )
        contributions = [
            Contribution(u.name, sentences.get((where, u.pk), []), figures.get((where, u.pk), []))
            for u in order
            if sentences.get((where, u.pk)) or figures.get((where, u.pk))
        ]
        if summary:
            summary = f"Tổng hợp {len(units)} đơn vị đã báo cáo: {summary}."
        if contributions or summary:
            synthesis.append(FieldSynthesis(title, summary, contributions))

    parts = []
    by_id = {u.pk: u for u in order}
    for key, title in part_titles.items():
        if key == RESULTS_KEY:
            continue
        entries = sorted(texts.get(key, {}).items(), key=lambda item: rank[item[0]])
        if entries:
            parts.append((key, title, [(by_id[unit_id].name, text) for unit_id, text in entries]))
    if not synthesis and not parts:
        raise ApplicationError(
            f"Kỳ báo cáo: các báo cáo “{form.name}” đã gửi {label} chưa có số liệu và nội dung nào, nên chưa lập "
            "được báo cáo tổng hợp. Hãy đề nghị các đơn vị bổ sung rồi lập lại.",
            field="period",
        )
    return Synthesis(fields=synthesis, parts=parts, units=len(units))
