from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Exit 0 when the configured database answers (used by scripts/test.sh to find PostgreSQL)."

    def handle(self, *args, **options):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception as exc:
            raise CommandError(f"Không kết nối được cơ sở dữ liệu: {exc}") from None
        self.stdout.write(f"ok: {connection.vendor}")
