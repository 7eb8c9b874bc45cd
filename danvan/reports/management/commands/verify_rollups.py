from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from danvan.reports.rollups import rollups_differences, rollups_rebuild


class Command(BaseCommand):
    help = (
        "Compare the maintained roll-up totals of the centre and the provinces with a recomputation from the "
        "submitted figures. --repair rebuilds them (needed after a unit moves in the tree)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true")

    def handle(self, *args, repair=False, **options):
        differences = rollups_differences()
        if not differences:
            self.stdout.write(self.style.SUCCESS("Số liệu tổng hợp khớp với số liệu các đơn vị đã gửi."))
            return
        for unit, indicator, period, stored, wanted in differences[:20]:
            self.stdout.write(f"  đơn vị {unit}, chỉ tiêu {indicator}, kỳ {period}: lưu {stored}, tính lại {wanted}")
        if not repair:
            raise CommandError(f"{len(differences)} tổng không khớp; chạy lại với --repair để tính lại.")
        with transaction.atomic():
            rows = rollups_rebuild()
        self.stdout.write(self.style.SUCCESS(f"Đã tính lại {rows} tổng."))
