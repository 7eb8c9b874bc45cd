import time

from django.core.management.base import BaseCommand

from danvan.organisations.services import admin_units_load


class Command(BaseCommand):
    help = (
        "Load or update the administrative units (34 provinces, 3,321 communes, and the legacy 63/696/10,051 "
        "with the old→new mapping) from the vietnam-provinces package. Safe to run again."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        result = admin_units_load(actor=None)
        self.stdout.write(
            f"Đơn vị hành chính: {result.created} mới, {result.updated} cập nhật, {result.unchanged} không đổi, "
            f"{result.removed} đóng; {result.extra['successions']} liên kết cũ→mới "
            f"({time.perf_counter() - started:.1f} s)"
        )
