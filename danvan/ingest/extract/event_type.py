"""The meeting's kind: giao ban, sơ kết, tổng kết, hội thi, biểu dương, triển khai, other."""

from __future__ import annotations

import re

from danvan.core.text import fold
from danvan.ingest.extract.document import _Doc
from danvan.ingest.extract.vocabulary import EVENT_KEYWORDS

# "triển khai nhiệm vụ …" follows almost every review meeting: it does not make the meeting a triển khai.
_NOT_TRIEN_KHAI = re.compile(r"trien khai (?:cac )?(?:nhiem vu|phuong huong)")


def _event_type(doc: _Doc) -> str:
    for part in [doc.title, doc.lead, *doc.body[:2]]:
        folded = _NOT_TRIEN_KHAI.sub(" ", fold(part))
        best = None
        for keyword, kind in EVENT_KEYWORDS:
            pos = folded.find(keyword)
            if pos >= 0 and (best is None or pos < best[0]):
                best = (pos, kind)
        if best:
            return best[1]
    return "other"
