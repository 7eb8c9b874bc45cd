import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.ingest.evaluation import evaluate, format_table


class Command(BaseCommand):
    help = (
        "Score the extractor: read every NNN.txt in TEXT_DIR named in EXPECTED (JSONL, one record a line) and "
        "print per-field precision, recall and exact-match rates and a total. Needs no database."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("text_dir")
        parser.add_argument("expected")
        parser.add_argument("--per-document", action="store_true", help="Also list the wrong fields of each document")
        parser.add_argument("--json", action="store_true", help="Print the figures as JSON")

    def handle(self, *args, text_dir, expected, per_document, json: bool = False, **options):
        folder, expected_path = Path(text_dir), Path(expected)
        if not folder.is_dir():
            raise CommandError(f"Không có thư mục “{text_dir}”.")
        if not expected_path.is_file():
            raise CommandError(f"Không có tệp “{expected}”.")
        try:
            result = evaluate(folder, expected_path)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if json:
            self.stdout.write(_as_json(result))
            return
        self.stdout.write(format_table(result))
        if per_document:
            for doc_id, fields in result.per_document.items():
                wrong = [name for name, ok in fields.items() if not ok]
                self.stdout.write(f"{doc_id}: {'ok' if not wrong else 'sai ' + ', '.join(wrong)}")


def _as_json(result) -> str:
    def row(s):
        return {"precision": s.precision, "recall": s.recall, "exact": s.exact_rate}

    data = {name: row(s) for name, s in result.fields.items()}
    data["TOTAL"] = row(result.total)
    data["missing"] = result.missing
    return json.dumps(data, ensure_ascii=False, indent=2)
