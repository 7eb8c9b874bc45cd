from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = (
        "Exit 0 when the configured database server answers (used by scripts/test.sh to find PostgreSQL). "
        "A PostgreSQL server whose database does not exist yet counts as reachable: tests create their own."
    )

    def handle(self, *args, **options):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception as exc:
            if connection.vendor == "postgresql" and "does not exist" in str(exc):
                self.stdout.write("ok: postgresql (server answers; database not created yet)")
                return
            raise CommandError(f"Không kết nối được cơ sở dữ liệu: {exc}") from None
        self.stdout.write(f"ok: {connection.vendor}")
