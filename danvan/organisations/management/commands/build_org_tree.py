import time

from django.core.management.base import BaseCommand, CommandError

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
        self.stdout.write(
            f"Cây tổ chức: {result.created} đơn vị mới, {result.updated} cập nhật, {result.unchanged} không đổi; "
            f"quan hệ cấp trên–cấp dưới +{result.extra['closure_rows_added']} "
            f"-{result.extra['closure_rows_removed']} ({time.perf_counter() - started:.1f} s)"
        )
