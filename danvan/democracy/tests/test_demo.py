import pytest

from danvan.accounts.demo import demo_data_load
from danvan.audit.models import AuditEvent
from danvan.democracy.demo import demo_democracy_load
from danvan.democracy.models import Comment, Consultation, Disclosure, Finding, Matter, Project

pytestmark = pytest.mark.django_db


def test_the_demo_fills_every_section_of_yen_thes_public_page_and_loads_once(client):
    demo_data_load()
    created = demo_democracy_load()
    assert len(created) >= 10
    assert Matter.objects.get().result == Matter.Result.APPROVED
    assert Finding.objects.get().is_resolved
    assert Consultation.objects.filter(comments__uptake=Comment.Uptake.ACCEPTED).exists()

    page = client.get("/cong-dan/xa/C7288/")
    assert page.status_code == 200
    html = page.content.decode()
    for shown in (
        "Dự toán thu, chi ngân sách xã năm",  # dân biết: a disclosure
        "Dự thảo Quy ước thôn Tân Sơn",  # dân bàn: open for comments now
        "Dự thảo kế hoạch sử dụng đất",  # closed, with the commune's summary
        "Mức đóng góp của các hộ",  # dân quyết: the household vote
        "Việc thu, chi quỹ khuyến học",  # dân giám sát: the board's finding and the answer
        "Bê tông hóa đường trục thôn Đồng Tâm",  # dân thụ hưởng: the project's progress
        "Lắp đèn chiếu sáng",  # a leader's published commitment
        "Nguyễn Văn Tiến",  # who receives citizens, and how often
    ):
        assert shown in html, shown

    # Loading again writes nothing.
    events = AuditEvent.objects.count()
    rows = (Disclosure.objects.count(), Project.objects.count())
    assert demo_democracy_load() == []
    assert AuditEvent.objects.count() == events
    assert (Disclosure.objects.count(), Project.objects.count()) == rows
