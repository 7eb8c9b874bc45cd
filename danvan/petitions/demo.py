"""Demo petitions for a first look at "Đơn thư": in Xã Yên Thế (Bắc Ninh) the People's Committee holds a land
complaint being resolved (its deadline running), a group's recommendation on a pig farm's smell whose handling limit
ends in the next two days (in the officer's inbox) and a resolved one on a road's drainage; the commune's Party
committee has a feedback on a village head's collection, processed; the city Party committee of Bắc Ninh has a denunciation whose denouncer is
kept confidential, and a complaint it transferred to the competent People's Committee.

Made through the services as the demo personas, with dates before today so that the deadlines are live. Never in
production; load_demo_data calls it (idempotent: nothing is written once the first petition's content exists)."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from danvan.organisations.models import OrgUnit
from danvan.petitions.deadlines import deadline_for
from danvan.petitions.models import Petition, PetitionField, Procedure, Step
from danvan.petitions.services import (
    petition_accept,
    petition_close,
    petition_process,
    petition_receive,
    petition_start_resolving,
    petition_transfer,
)

MARKER = "Đề nghị xem xét lại việc thu hồi 320 m² đất nông nghiệp"  # the first petition's content starts so
USERNAMES = ("ubnd.yenthe", "xa.yenthe", "bn.chuyenvien")


def _days_ago_due_soon(today: dt.date) -> int:
    """How long ago a petition came in whose handling limit (xử lý đơn) ends in the next two days: the inbox shows
    petitions due within three days, so the demo's one waits there. Counted by the deadline engine itself."""
    for days_ago in range(1, 30):
        due = deadline_for(Procedure.HANDLING, Step.PROCESS, today - dt.timedelta(days=days_ago)).due
        if today < due <= today + dt.timedelta(days=2):
            return days_ago
    return 1


def demo_petitions_load(today: dt.date | None = None) -> list[str]:
    """Receive the demo petitions unless they exist; return the codes created (empty when already loaded)."""
    today = today or timezone.localdate()
    users = get_user_model().objects.in_bulk(USERNAMES, field_name="username")
    if len(users) < len(USERNAMES):
        raise RuntimeError(f"Thiếu tài khoản mẫu {', '.join(USERNAMES)}: chạy load_demo_data trước.")
    if Petition.objects.filter(content__startswith=MARKER).exists():
        return []
    units = OrgUnit.objects.in_bulk(["C7288-UBND", "C7288-DU", "P24-TU"], field_name="code")
    fields = PetitionField.objects.in_bulk(["dat-dai", "moi-truong", "hanh-chinh", "tham-nhung"], field_name="code")
    ubnd, officer, province = users["ubnd.yenthe"], users["xa.yenthe"], users["bn.chuyenvien"]

    def receive(actor, unit, days_ago, **data):
        return petition_receive(
            actor=actor, unit=units[unit], received_on=today - dt.timedelta(days=days_ago), today=today, **data
        )

    def on(petition, days_after):
        return min(today, petition.received_on + dt.timedelta(days=days_after))

    created = []
    land = receive(
        ubnd,
        "C7288-UBND",
        24,
        source=Petition.Source.RECEPTION,
        category=Petition.Category.COMPLAINT,
        field=fields["dat-dai"],
        content=f"{MARKER} của gia đình tại thôn Đồng Tâm để làm đường trục thôn; cho rằng mức bồi thường chưa đúng "
        "bảng giá đất của tỉnh.",
        petitioners=[{"full_name": "Nguyễn Văn Bình", "cccd": "024078001234", "phone": "0912 345 678"}],
        respondent="UBND xã Yên Thế",
    )
    petition_process(actor=ubnd, petition=land, on=on(land, 3), note="Đơn đủ điều kiện, thuộc thẩm quyền của xã.")
    petition_accept(actor=ubnd, petition=land, on=on(land, 6), note="Thông báo thụ lý gửi ông Bình.")
    petition_start_resolving(actor=ubnd, petition=land, on=on(land, 8), note="Giao tổ công tác xác minh tại thực địa.")
    created.append(land.code)

    farm = receive(
        ubnd,
        "C7288-UBND",
        _days_ago_due_soon(today),
        source=Petition.Source.POST,
        category=Petition.Category.PROPOSAL,
        field=fields["moi-truong"],
        content="Mùi hôi và nước thải từ trại lợn của hộ ông Trần Văn Hải ở thôn Đông gây ô nhiễm; đề nghị xã kiểm tra "
        "và yêu cầu xử lý chất thải.",
        petitioner_kind=Petition.PetitionerKind.GROUP,
        group_size=12,
        petitioners=[
            {"full_name": "Lê Thị Thu", "phone": "0987 111 222", "is_representative": True},
            {"full_name": "Phạm Văn Tâm", "phone": "0978 333 444"},
        ],
        respondent="Hộ kinh doanh chăn nuôi Trần Văn Hải",
    )
    created.append(farm.code)

    drain = receive(
        ubnd,
        "C7288-UBND",
        40,
        source=Petition.Source.PORTAL,
        category=Petition.Category.PROPOSAL,
        field=fields["hanh-chinh"],
        content="Rãnh thoát nước dọc đường liên thôn Đồng Tâm – Yên Lý bị lấp, nước tràn vào nhà dân khi mưa lớn.",
        petitioners=[{"full_name": "Vũ Thị Nga", "phone": "0904 555 666"}],
        respondent="UBND xã Yên Thế",
    )
    petition_process(actor=ubnd, petition=drain, on=on(drain, 2))
    petition_close(
        actor=ubnd,
        petition=drain,
        on=on(drain, 15),
        outcome=Petition.Status.RESOLVED,
        result="Xã đã huy động đoàn viên thanh niên nạo vét 600 m rãnh và lắp 2 cống qua đường; đã trả lời bà Nga.",
    )
    created.append(drain.code)

    fee = receive(
        officer,
        "C7288-DU",
        9,
        source=Petition.Source.RECEPTION,
        category=Petition.Category.PROPOSAL,
        field=fields["hanh-chinh"],
        content="Phản ánh trưởng thôn Yên Lý thu thêm 50.000 đồng/hộ ngoài các khoản đã được hội nghị thôn biểu quyết.",
        petitioners=[{"full_name": "Đỗ Văn Long", "phone": "0915 777 888"}],
        respondent="Trưởng thôn Yên Lý",
    )
    petition_process(
        actor=officer, petition=fee, on=on(fee, 2), note="Khối dân vận phối hợp Ban Thanh tra nhân dân xác minh."
    )
    created.append(fee.code)

    denunciation = receive(
        province,
        "P24-TU",
        5,
        source=Petition.Source.POST,
        category=Petition.Category.DENUNCIATION,
        field=fields["tham-nhung"],
        content="Tố cáo cán bộ địa chính xã nhận tiền để xác nhận nguồn gốc đất cho một số hộ không đủ điều kiện.",
        petitioners=[{"full_name": "Trịnh Văn Sơn", "cccd": "024085004321", "phone": "0911 000 111"}],
        respondent="Công chức địa chính xã",
    )
    created.append(denunciation.code)

    tax = receive(
        province,
        "P24-TU",
        12,
        source=Petition.Source.POST,
        category=Petition.Category.COMPLAINT,
        field=fields["dat-dai"],
        content="Khiếu nại quyết định thu tiền sử dụng đất khi chuyển mục đích sử dụng đất ở của UBND thành phố.",
        petitioners=[{"full_name": "Hoàng Minh Quân", "cccd": "024090006789"}],
        respondent="UBND thành phố Bắc Ninh",
    )
    petition_transfer(
        actor=province,
        petition=tax,
        on=on(tax, 4),
        letter_number="112-CV/BTGDVTU",
        to_body_name="UBND tỉnh Bắc Ninh (Thanh tra tỉnh)",
    )
    created.append(tax.code)
    return created
