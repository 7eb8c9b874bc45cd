from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.accounts.models import User
from danvan.core.errors import ApplicationError
from danvan.organisations.imports import read_table, villages_import


class Command(BaseCommand):
    help = (
        "Import thôn / tổ dân phố / tổ dân vận from a CSV or XLSX file (columns ma_xa, ten, loai), as a user "
        "whose rights are checked like on the web page. All rows are validated before anything is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--actor", required=True, help="username of the officer doing the import")
        parser.add_argument("--dry-run", action="store_true", help="validate only")

    def handle(self, *args, file, actor, dry_run=False, **options):
        user = User.objects.filter(username=actor.lower(), is_active=True).first()
        if user is None:
            raise CommandError(f"--actor: không có tài khoản đang hoạt động tên {actor}.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: không tìm thấy tệp.")
        try:
            rows = read_table(filename=path.name, content=path.read_bytes())
            created = villages_import(actor=user, rows=rows, dry_run=dry_run)
        except ApplicationError as exc:
            lines = [exc.message, *exc.extra.get("errors", [])]
            raise CommandError("\n".join(lines)) from None
        if dry_run:
            self.stdout.write(f"Hợp lệ: {len(rows)} dòng có thể nhập (chưa ghi gì).")
        else:
            self.stdout.write(self.style.SUCCESS(f"Đã nhập {len(created)} đơn vị."))
