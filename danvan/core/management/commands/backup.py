from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from danvan.core.backup import database_backup
from danvan.core.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Back up the whole database, uploaded files included, to FILE: pg_dump's custom format on PostgreSQL, "
        "the online backup API on SQLite. Safe while danvan runs. Restore with manage.py restore FILE."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, file, database, **options):
        connection = connections[database]
        try:
            size = database_backup(settings_dict=connection.settings_dict, connection=connection, path=file)
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu vào {file} ({size / 1024 / 1024:.1f} MB)."))
