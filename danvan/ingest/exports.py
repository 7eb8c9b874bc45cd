"""Rows out of ingested records: confirmed corrections as JSONL, the format `evaluate_ingest` reads."""

import json

from danvan.ingest.extract import ExtractedRecord


def confirmed_records_jsonl(records) -> str:
    """One line per confirmed record, in the fixed JSONL format (id = the document's public id)."""
    lines = []
    for record in records:
        if record.corrected is None:
            continue
        row = {key: record.corrected.get(key) for key in ExtractedRecord.JSONL_KEYS}
        row["id"] = str(record.document.public_id)
        lines.append(json.dumps(row, ensure_ascii=False))
    return "\n".join(lines) + ("\n" if lines else "")
