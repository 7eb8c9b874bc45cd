from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from danvan.accounts.demo import DEMO_PASSWORD, demo_data_load
from danvan.audit.models import AuditEvent

DEMO_LOADERS = [
    ("Mô hình “Dân vận khéo”", "danvan.initiatives.demo.demo_initiatives_load"),
    ("Phong trào thi đua", "danvan.movements.demo.demo_movements_load"),
    ("Hội thi “Dân vận khéo”", "danvan.contests.demo.demo_contests_load"),
    ("Tình hình nhân dân, điểm nóng, bản tin", "danvan.situation.demo.demo_situation_load"),
    ("Giám sát và phản biện xã hội", "danvan.oversight.demo.demo_oversight_load"),
    ("Công tác dân tộc, tôn giáo", "danvan.faiths.demo.demo_faiths_load"),
    ("Đánh giá công tác dân vận hằng năm", "danvan.assessments.demo.demo_assessments_load"),
    ("Ban chỉ đạo QCDC", "danvan.committees.demo.demo_committees_load"),
    ("Hội nghị, thông báo kết luận đã ban hành", "danvan.meetings.demo.demo_meetings_load"),
    ("Kế hoạch chờ Trưởng ban ký", "danvan.documents.demo.demo_documents_load"),
    ("Hội viên các đoàn thể (đếm mỗi người một lần)", "danvan.members.demo.demo_members_load"),
    ("Dân chủ ở cơ sở, trang công dân của xã Yên Thế", "danvan.democracy.demo.demo_democracy_load"),
    (
        "Đơn thư (khiếu nại, tố cáo, kiến nghị) của xã Yên Thế và Thành ủy Bắc Ninh",
        "danvan.petitions.demo.demo_petitions_load",
    ),
]


class Command(BaseCommand):
    help = "Create the demo personas (one per level) on the real organisation tree. Refused in production."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="allow it even with DANVAN_ENV=production")

    def handle(self, *args, force=False, **options):
        if settings.PRODUCTION and not force:
            raise CommandError("Không tạo tài khoản mẫu khi DANVAN_ENV=production (dùng --force nếu thật sự cần).")
        try:
            results = demo_data_load()
        except RuntimeError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS("Tài khoản mẫu (demo logins) — mật khẩu / password: " + DEMO_PASSWORD))
        for persona, created in results:
            flag = "mới" if created else "đã có"
            self.stdout.write(f"  {persona.username:<15} {persona.description}  [{flag}]")
        # Each module's demo records, made through its own services as the personas above (idempotent).
        for label, loader in DEMO_LOADERS:
            # Every write is audited, so new audit events tell whether the loader created anything this time.
            before = AuditEvent.objects.count()
            import_string(loader)()
            created = AuditEvent.objects.count() > before
            self.stdout.write(f"  {label}: {'đã tạo dữ liệu mẫu' if created else 'đã có'}")
