"""Tasks set for the coming period."""

from __future__ import annotations

import re

from danvan.core.text import fold
from danvan.ingest.extract.document import _BOILERPLATE_LINE, _clauses, _Doc, _sentences, _tidy, _word_count

_TASK_TRIGGER = re.compile(
    r"nhiem vu trong tam|thong nhat cac nhiem vu|phuong huong nhiem vu|\bde nghi\b|\byeu cau\b|\bnhan manh\b|"
    r"can tap trung|theo ke hoach|giai phap trong tam|nhiem vu (?:thoi gian|trong thoi gian) toi"
)


# In a trigger sentence the tasks start after the last of these (original text, case-insensitive).
_TASK_START = re.compile(
    r":\s*|cần\s+tập\s+trung\s+vào\s+việc\s+|cần\s+tập\s+trung\s+vào\s+|cần\s+tập\s+trung\s+|\bcần\s+|"
    r"trong\s+đó,?\s+|yêu\s+cầu,?\s+|đề\s+nghị,?\s+",
    re.IGNORECASE,
)


_TASK_LEADING = re.compile(r"^(?:trong đó|đồng thời|bên cạnh đó|ngoài ra|theo kế hoạch)\s*,?\s*", re.IGNORECASE)


def _task_region(doc: _Doc) -> list[str]:
    """Sentences from the first task trigger to the end of the article's text (signature lines excluded)."""
    started = False
    out: list[str] = []
    for paragraph in doc.body:
        if started and (_word_count(paragraph) < 6 or _BOILERPLATE_LINE.match(paragraph)):
            break
        for sentence in _sentences(paragraph):
            folded = fold(sentence)
            if not started:
                if sentence == doc.lead or not _TASK_TRIGGER.search(folded):
                    continue
                started = True
            out.append(sentence)
    return out


def _tasks(doc: _Doc) -> list[str]:
    tasks: list[str] = []
    for sentence in _task_region(doc):
        if _TASK_TRIGGER.search(fold(sentence)):
            starts = list(_TASK_START.finditer(sentence))
            if starts:
                sentence = sentence[starts[-1].end() :]
        for clause in _clauses(sentence):
            clause = _tidy(_TASK_LEADING.sub("", clause))
            if _word_count(clause) >= 4:
                tasks.append(clause[:1].upper() + clause[1:])
    return tasks[:30]
