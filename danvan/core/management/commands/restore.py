from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from danvan.core.backup import database_restore
from danvan.core.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Restore a backup made by manage.py backup into the configured database. Refused when that database has "
        "any table, unless --force (which replaces its whole content). Stop danvan's web and task workers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--force", action="store_true", help="replace the content of a database that has tables")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, file, force, database, **options):
        connection = connections[database]
        try:
            database_restore(settings_dict=connection.settings_dict, connection=connection, path=file, force=force)
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(self.style.SUCCESS(f"Đã khôi phục từ {file}."))
