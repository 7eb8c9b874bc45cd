import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from danvan.core.errors import ApplicationError
from danvan.organisations.services import org_tree_build


class Command(BaseCommand):
    help = (
        "Create or update the bodies of the political system for the centre, every province and commune. "
        "Safe to run again; units added by users are kept."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            result = org_tree_build(actor=None)
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        if result.extra["closure_rows_removed"]:
            # Units moved: the report totals kept for the centre and the provinces follow the tree.
            from danvan.reports.rollups import rollups_rebuild

            with transaction.atomic():
                rebuilt = rollups_rebuild()
            self.stdout.write(f"Tổng hợp báo cáo tính lại theo cây mới: {rebuilt} tổng.")
        # VACUUM cannot run inside a transaction (a caller's atomic block, or a test): skip it there.
        if connection.vendor == "postgresql" and (result.created or result.updated) and not connection.in_atomic_block:
            # Fresh statistics and a visibility map right after a bulk load, so the planner uses index-only
            # scans on the closure table at once instead of waiting for autovacuum.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE) organisations_orgunitclosure, organisations_orgunit")
        self.stdout.write(
            f"Cây tổ chức: {result.created} đơn vị mới, {result.updated} cập nhật, {result.unchanged} không đổi; "
            f"quan hệ cấp trên–cấp dưới +{result.extra['closure_rows_added']} "
            f"-{result.extra['closure_rows_removed']} ({time.perf_counter() - started:.1f} s)"
        )
