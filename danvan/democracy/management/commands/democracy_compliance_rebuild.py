"""Rebuild the stored compliance tables (decision 0047): every calendar quarter from the first disclosure to this
one, per kind of base. Needed only after disclosures were written outside the services (an SQL load); the pages
rebuild a quarter by themselves when the tree or the catalogue changed."""

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.democracy.compliance_store import summary_rebuild_all
from danvan.democracy.models import BaseKind


class Command(BaseCommand):
    help = "Rebuild the stored per-quarter compliance tables from the disclosures."

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=BaseKind.values, action="append", help="only this kind (repeatable)")
        parser.add_argument("--since", help="first quarter to rebuild, as yyyy-mm-dd (default: the first disclosure's)")

    def handle(self, *args, kind=None, since=None, **options):
        try:
            first = dt.date.fromisoformat(since) if since else None
        except ValueError:
            raise CommandError("--since: hãy ghi ngày dạng yyyy-mm-dd.") from None
        started = time.perf_counter()
        built = summary_rebuild_all(kinds=kind, since=first)
        if connection.vendor == "postgresql":
            # Thousands of rows replaced at once: fresh statistics let the page use its order index at once.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE democracy_compliancesummary")
        with transaction.atomic():
            audit_record(
                actor=None,
                action=Action.COMPLIANCE_SUMMARY_REBUILT,
                details={"quarters": built, "kinds": kind or list(BaseKind.values), "since": since or ""},
                system_label="dựng lại bảng tổng hợp công khai",
            )
        self.stdout.write(f"{built} quarters rebuilt in {time.perf_counter() - started:.1f} s")
