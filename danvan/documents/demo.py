"""Demo documents: a plan of the Bắc Ninh Ban drafted from the "kế hoạch" template by its officer, reviewed by the
deputy head and waiting for the head's signature — so `bn.truongban` finds it in "Việc của tôi", signs it (no K/T:
she is the head), and issuing sends it to every commune of the province with its task.

Idempotent: the plan is made once (by its title and issuer), through the documents services as the personas.
"""

from django.db import transaction

from danvan.accounts.models import User
from danvan.documents.models import Document
from danvan.organisations.models import OrgUnit

ISSUER = "P24-TGDV"
PROVINCE = "P24-TU"
PLAN_TITLE = "Triển khai phong trào thi đua “Dân vận khéo” năm 2027"
PLAN_SECTIONS = {
    "purpose": (
        "Tiếp tục nâng cao nhận thức, trách nhiệm của cấp ủy, chính quyền, Mặt trận Tổ quốc và các đoàn thể về công "
        "tác dân vận; phát hiện, biểu dương, nhân rộng các mô hình “Dân vận khéo” trên các lĩnh vực.\n"
        "Phong trào được triển khai thiết thực, gắn với nhiệm vụ chính trị của từng địa phương, tránh hình thức."
    ),
    "content": (
        "1. Các đảng ủy xã, phường đăng ký mô hình “Dân vận khéo” năm 2027, mỗi đơn vị ít nhất một mô hình trên lĩnh "
        "vực kinh tế, văn hóa - xã hội, quốc phòng - an ninh hoặc xây dựng hệ thống chính trị.\n"
        "2. Sơ kết 6 tháng, tổng kết năm; biểu dương các mô hình tiêu biểu nhân Ngày truyền thống công tác dân vận "
        "15/10/2027."
    ),
    "organisation": (
        "Ban Tuyên giáo và Dân vận Thành ủy theo dõi, hướng dẫn, tổng hợp kết quả báo cáo Ban Thường vụ Thành ủy. "
        "Các đảng ủy xã, phường xây dựng kế hoạch triển khai tại địa phương."
    ),
}
# Issuing creates this task for every commune the plan is sent to (a blank unit: every recipient below the issuer).
PLAN_TASKS = " | Đăng ký mô hình “Dân vận khéo” năm 2027 với Ban Tuyên giáo và Dân vận Thành ủy | 31/01/2027"


def demo_documents_load() -> list[Document]:
    """Create the demo plan waiting for the head's signature, unless it is there; returns what was created."""
    from danvan.documents.services import document_draft, document_route

    issuer = OrgUnit.objects.filter(code=ISSUER).first()
    users = {u.username: u for u in User.objects.filter(username__in=["bn.chuyenvien", "bn.lanhdao", "bn.truongban"])}
    if issuer is None or len(users) != 3 or Document.objects.filter(issuer=issuer, title=PLAN_TITLE).exists():
        return []
    with transaction.atomic():
        plan = document_draft(
            actor=users["bn.chuyenvien"],
            issuer=issuer,
            doc_type_code="KH",
            template="plan",
            title=PLAN_TITLE,
            summary="Kế hoạch của Ban gửi các đảng ủy xã, phường: đăng ký mô hình, sơ kết, tổng kết, biểu dương.",
            fields=PLAN_SECTIONS,
            reviewer=users["bn.lanhdao"],
            signer=users["bn.truongban"],
            capacity="",  # the head signs in her own name: "TRƯỞNG BAN"
            recipients_spec={"units": [], "communes_of": PROVINCE},
            tasks=PLAN_TASKS,
        )
        plan = document_route(actor=users["bn.chuyenvien"], document=plan, step="review")
        plan = document_route(actor=users["bn.lanhdao"], document=plan, step="signing")
    return [plan]
