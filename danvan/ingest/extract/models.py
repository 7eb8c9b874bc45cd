"""Named models (mô hình) and exemplary movements."""

from __future__ import annotations

import re

from danvan.core.text import fold
from danvan.ingest.extract.document import _Doc, _tidy, _word_count

_MODEL_AFTER = re.compile(
    r"\bmô\s+hình\s*(?:,\s*điển\s+hình\s*)?(?:điểm\s+)?(?=(?P<rest>[^.;!?\n]{0,200}))",
    re.IGNORECASE,
)


_MODEL_STOP = re.compile(
    r"(?:^|\s+)(?:năm\s+(?:19|20)\d\d|phù\s+hợp|được|đã|của|cần|trong\s+(?:năm|thời\s+gian|các|những|công\s+tác)|"
    r"tại|với|để|nhằm|góp\s+phần|trên|ở|theo|cho|và|là|đạt)\b|,|\(|\.\.\.|…",
    re.IGNORECASE,
)


_GENERIC_MODEL = re.compile(r"^(?:các\s+|này|đó|mới|hay|tiêu\s+biểu|điển\s+hình|điểm)?\s*$", re.IGNORECASE)


def _models(doc: _Doc) -> list[str]:
    text = "\n".join(doc.body)
    found: list[str] = []

    def add(name: str) -> None:
        name = _tidy(name.replace('"', " ").replace("  ", " "))
        name = re.sub(r"\s+", " ", name).strip()
        if _word_count(name) >= 2 and fold(name) not in {fold(x) for x in found}:
            found.append(name)

    for m in _MODEL_AFTER.finditer(text):
        rest = m.group("rest")
        # 'các mô hình tiêu biểu như: "A", "B", "C"': every quoted name of the list.
        listed = re.match(r'\s*(?:tiêu\s+biểu|hay|điển\s+hình|mới)?\s*(?:như|là|gồm)\s*:?\s*(?=")', rest, re.IGNORECASE)
        if listed:
            for name in re.findall(r'"([^"]{2,120})"', rest[listed.end() :]):
                if fold(name) != "dan van kheo":
                    add(name)
            continue
        quoted = re.match(r'\s*"([^"]{2,120})"\s*(.*)', rest)
        if quoted:
            inner, tail = quoted.group(1), quoted.group(2)
            tail = _MODEL_STOP.split(tail, maxsplit=1)[0] if tail else ""
            if fold(inner) == "dan van kheo":
                # 'mô hình "Dân vận khéo" vận động nhân dân …' names the model after the quote.
                if tail and _word_count(tail) >= 3 and tail[:1].islower():
                    add(inner + " " + tail)
            else:
                add(inner)
            continue
        name = _MODEL_STOP.split(rest, maxsplit=1)[0]
        if name.strip().lower().startswith(("của", "và", "cách", ",")) or _GENERIC_MODEL.match(name):
            continue
        add(name)
    # Quoted names that refine the movement ("Dân vận khéo trong xây dựng nông thôn mới").
    for m in re.finditer(r'"([^"]{2,120})"', text):
        inner = m.group(1)
        if fold(inner).startswith("dan van kheo ") and _word_count(inner) > 3:
            add(inner)
    return found
