"""Scoring proposed records against hand-written ones (the fixed JSONL format). Pure: no database.

How fields compare (the issue's rules, made precise here):
- scalars (event_type, event_date, period, province, level, organizer): equal after `fold()`, which keeps letters and
  digits only, so quote marks of any style (“…”, "…", «…») compare alike;
  an empty value on both sides is an exact match but counts in neither precision nor recall;
- organizer~tokens and chair~tokens: token overlap of the folded words (partial credit);
- chair: the set of folded names; chair.title: folded title equality for the chairs found by name;
- attendees_orgs, models: sets of folded phrases (a leading "các"/"những" ignored);
- figures: sets of (value, folded unit);
- tasks: one-to-one matching of phrases whose folded-word Jaccard similarity is at least 0.5, since a
  person and a program cut the same task at slightly different words;
- a field the expected record leaves out (the key is absent, not null) was not annotated and is not scored:
  the evaluation set of real articles annotates the scalar fields and the chair only.
Precision and recall are micro-averaged over documents; exact match is the share of documents whose
field is right as a whole.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from danvan.core.text import fold

SCALAR_FIELDS = ("event_type", "event_date", "period", "province", "level", "organizer")
TASK_SIMILARITY = 0.5


@dataclass
class FieldScore:
    tp: float = 0.0
    predicted: float = 0.0
    expected: float = 0.0
    exact: int = 0
    documents: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.expected if self.expected else None

    @property
    def exact_rate(self) -> float | None:
        return self.exact / self.documents if self.documents else None


@dataclass
class Evaluation:
    fields: dict[str, FieldScore] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # expected ids without a text
    per_document: dict[str, dict[str, bool]] = field(default_factory=dict)

    def score(self, name: str) -> FieldScore:
        return self.fields.setdefault(name, FieldScore())

    @property
    def total(self) -> FieldScore:
        out = FieldScore()
        for name, s in self.fields.items():
            # The token views repeat their exact fields: keep them out of the total.
            if "~" in name:
                continue
            out.tp += s.tp
            out.predicted += s.predicted
            out.expected += s.expected
            out.exact += s.exact
            out.documents += s.documents
        return out


def _key(text) -> str:
    folded = fold(str(text)) if text is not None else ""
    for lead in ("cac ", "nhung "):
        if folded.startswith(lead):
            folded = folded[len(lead) :]
    return folded


def _tokens_overlap(predicted: str, expected: str) -> tuple[int, int, int]:
    p, e = fold(predicted).split(), fold(expected).split()
    common = sum(min(p.count(t), e.count(t)) for t in set(p))
    return common, len(p), len(e)


def _jaccard(a: str, b: str) -> float:
    x, y = set(fold(a).split()), set(fold(b).split())
    return len(x & y) / len(x | y) if x | y else 1.0


def _set_overlap(predicted: list, expected: list) -> tuple[int, int, int]:
    p, e = {x for x in predicted if x}, {x for x in expected if x}
    return len(p & e), len(p), len(e)


def _fuzzy_overlap(predicted: list[str], expected: list[str]) -> tuple[int, int, int]:
    pairs = sorted(
        ((_jaccard(p, e), i, j) for i, p in enumerate(predicted) for j, e in enumerate(expected)),
        reverse=True,
    )
    used_p, used_e, tp = set(), set(), 0
    for sim, i, j in pairs:
        if sim < TASK_SIMILARITY:
            break
        if i not in used_p and j not in used_e:
            used_p.add(i)
            used_e.add(j)
            tp += 1
    return tp, len(predicted), len(expected)


def _add(score: FieldScore, tp, predicted, expected, exact: bool) -> bool:
    score.tp += tp
    score.predicted += predicted
    score.expected += expected
    score.documents += 1
    score.exact += int(exact)
    return exact


def compare(evaluation: Evaluation, predicted: dict, expected: dict) -> None:
    """Add one document's comparison to `evaluation`."""
    doc = evaluation.per_document.setdefault(expected["id"], {})
    for name in SCALAR_FIELDS:
        if name not in expected:
            continue
        # The organiser is "as written" (README's annotation rules): "các Khu dân cư (KDC) trên địa bàn xã X" names
        # several bodies, so a scalar keeps a leading "các"; only list items drop it (ingest13j).
        p, e = fold(predicted.get(name) or ""), fold(expected.get(name) or "")
        doc[name] = _add(evaluation.score(name), int(bool(p) and p == e), int(bool(p)), int(bool(e)), p == e)
    if "organizer" in expected:
        common, np_, ne = _tokens_overlap(predicted.get("organizer") or "", expected.get("organizer") or "")
        _add(evaluation.score("organizer~tokens"), common, np_, ne, common == np_ == ne)
    if "chair" in expected:
        _compare_chair(evaluation, doc, predicted, expected)
    for name in ("attendees_orgs", "models"):
        if name not in expected:
            continue
        p = [_key(x) for x in predicted.get(name) or []]
        e = [_key(x) for x in expected.get(name) or []]
        tp, np_, ne = _set_overlap(p, e)
        doc[name] = _add(evaluation.score(name), tp, np_, ne, set(p) == set(e))
    if "figures" in expected:
        p = [(_number(f.get("value")), _key(f.get("unit"))) for f in predicted.get("figures") or []]
        e = [(_number(f.get("value")), _key(f.get("unit"))) for f in expected.get("figures") or []]
        tp, np_, ne = _set_overlap(p, e)
        doc["figures"] = _add(evaluation.score("figures"), tp, np_, ne, set(p) == set(e))
    if "tasks" in expected:
        p_tasks, e_tasks = predicted.get("tasks") or [], expected.get("tasks") or []
        tp, np_, ne = _fuzzy_overlap(p_tasks, e_tasks)
        doc["tasks"] = _add(evaluation.score("tasks"), tp, np_, ne, tp == np_ == ne)


def _compare_chair(evaluation: Evaluation, doc: dict, predicted: dict, expected: dict) -> None:
    p_chair = predicted.get("chair") or []
    e_chair = expected.get("chair") or []
    p_names = [_key(c.get("name")) for c in p_chair]
    e_names = [_key(c.get("name")) for c in e_chair]
    tp, np_, ne = _set_overlap(p_names, e_names)
    doc["chair"] = _add(evaluation.score("chair"), tp, np_, ne, set(p_names) == set(e_names))
    common, np_, ne = _tokens_overlap(" ".join(p_names), " ".join(e_names))
    _add(evaluation.score("chair~tokens"), common, np_, ne, common == np_ == ne)
    titles_p = {_key(c.get("name")): _key(c.get("title")) for c in p_chair}
    titles_e = {_key(c.get("name")): _key(c.get("title")) for c in e_chair}
    matched = [n for n in titles_e if n in titles_p]
    right = sum(titles_p[n] == titles_e[n] for n in matched)
    doc["chair.title"] = _add(
        evaluation.score("chair.title"),
        right,
        len(titles_p),
        len(titles_e),
        right == len(titles_e) == len(titles_p),
    )


def _number(value):
    try:
        number = float(str(value).replace(",", "."))
    except (TypeError, ValueError):
        return str(value)
    return int(number) if number.is_integer() else number


def read_expected(path: Path) -> list[dict]:
    records = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{n}: dòng không phải JSON hợp lệ ({exc.msg})") from exc
        if "id" not in record:
            raise ValueError(f"{path}:{n}: thiếu khóa 'id'")
        records.append(record)
    return records


def find_text(text_dir: Path, record_id: str) -> Path | None:
    """`NNN.txt`, or a file whose stem starts with `NNN_` (the seeds are named "000_6a9b….txt")."""
    exact = text_dir / f"{record_id}.txt"
    if exact.exists():
        return exact
    matches = sorted(text_dir.glob(f"{record_id}_*.txt"))
    return matches[0] if matches else None


def evaluate(text_dir: Path, expected_path: Path) -> Evaluation:
    """Extract every text named in the expected file and score it."""
    from danvan.ingest.extract import extract

    evaluation = Evaluation()
    for expected in read_expected(expected_path):
        path = find_text(text_dir, str(expected["id"]))
        if path is None:
            evaluation.missing.append(str(expected["id"]))
            predicted = {}
        else:
            predicted = extract(path.read_text(encoding="utf-8", errors="replace"), doc_id=str(expected["id"]))
            predicted = predicted.as_jsonl()
        compare(evaluation, predicted, expected)
    return evaluation


def _pct(value: float | None) -> str:
    return "   -  " if value is None else f"{100 * value:5.1f}%"


def format_table(evaluation: Evaluation) -> str:
    lines = [f"{'field':<18} {'precision':>9} {'recall':>8} {'exact':>8}   (tp / predicted / expected)"]
    for name, s in evaluation.fields.items():
        lines.append(
            f"{name:<18} {_pct(s.precision):>9} {_pct(s.recall):>8} {_pct(s.exact_rate):>8}"
            f"   ({s.tp:g} / {s.predicted:g} / {s.expected:g})"
        )
    t = evaluation.total
    lines.append(
        f"{'TOTAL':<18} {_pct(t.precision):>9} {_pct(t.recall):>8} {_pct(t.exact_rate):>8}"
        f"   ({t.tp:g} / {t.predicted:g} / {t.expected:g})"
    )
    if evaluation.missing:
        lines.append("missing texts: " + ", ".join(evaluation.missing))
    return "\n".join(lines)
