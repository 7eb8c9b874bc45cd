from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from danvan.core.errors import ApplicationError
from danvan.ingest.readers import EXTENSIONS
from danvan.ingest.services import ingest_document_create
from danvan.organisations.models import OrgUnit


class Command(BaseCommand):
    help = (
        "Read articles and reports (.txt, .docx, .html; files or folders) into proposed meeting records "
        "for review, filed under a unit on behalf of a user. A bad file is reported and skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files, or folders whose .txt/.docx/.html files are read")
        parser.add_argument("--actor", required=True, help="Username of the officer the documents are filed by")
        parser.add_argument("--unit", required=True, help="Code of the unit, e.g. P24-TU")
        parser.add_argument("--dry-run", action="store_true", help="List the files that would be read, write nothing")

    def handle(self, *args, paths, actor, unit, dry_run, **options):
        user = get_user_model().objects.filter(username=actor).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{actor}”: hãy dùng --actor với tên đăng nhập đúng.")
        org_unit = OrgUnit.objects.filter(code=unit).first()
        if org_unit is None:
            raise CommandError(f"Không có đơn vị mã “{unit}”: hãy dùng --unit với mã đơn vị (ví dụ P24-TU).")
        files = list(_files(paths))
        if not files:
            raise CommandError("Không tìm thấy tệp .txt, .docx hoặc .html nào trong các đường dẫn đã cho.")
        read, failed = 0, 0
        for path in files:
            if dry_run:
                self.stdout.write(f"{path}")
                continue
            try:
                record = ingest_document_create(
                    actor=user, unit=org_unit, filename=path.name, content=path.read_bytes()
                )
            except ApplicationError as exc:
                failed += 1
                self.stderr.write(f"{path}: {exc.message}")
                continue
            read += 1
            p = record.proposed
            self.stdout.write(
                f"{path}: {p['event_type']} {p['event_date'] or '—'} {p['period'] or '—'} {p['province'] or '—'}"
                + (f" [{', '.join(record.flags)}]" if record.flags else "")
            )
        if not dry_run:
            self.stdout.write(f"Đã đọc {read} tệp, {failed} tệp lỗi.")
        if failed and not read:
            raise CommandError("Không đọc được tệp nào.")


def _files(paths):
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS)
        elif path.is_file():
            yield path
        else:
            raise CommandError(f"Không có tệp hoặc thư mục “{raw}”.")
