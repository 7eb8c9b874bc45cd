"""The starter catalogue and rules, as data officials may correct (DOMAIN.md §2 marks most wording and figures
[unconfirmed]). Used by migration 0002; kept here so a test can compare."""

L = "Luật Thực hiện dân chủ ở cơ sở 2022, Điều 11"
# number, title, frequency, due_days, loudspeaker_days, wording_confirmed
COMMUNE_ITEMS = [
    (
        1,
        "Kế hoạch phát triển kinh tế - xã hội hằng năm; phương án chuyển dịch cơ cấu kinh tế và kết quả thực hiện",
        "year",
        30,
        None,
        True,
    ),
    (
        2,
        "Dự toán ngân sách; tình hình thực hiện ngân sách quý, 6 tháng, năm; quyết toán ngân sách; kiến nghị của "
        "Kiểm toán nhà nước",
        "quarter",
        30,
        None,
        True,
    ),
    (
        3,
        "Dự án, công trình đầu tư và tiến độ; kế hoạch thu hồi đất, bồi thường, hỗ trợ, tái định cư; quỹ đất do xã "
        "quản lý; cho thuê đất công ích; quy hoạch xây dựng",
        "event",
        None,
        None,
        True,
    ),
    (
        4,
        "Nhiệm vụ, quyền hạn của cán bộ, công chức cấp xã trực tiếp giải quyết công việc của nhân dân",
        "event",
        None,
        None,
        False,
    ),
    (
        5,
        "Thủ tục hành chính và việc giải quyết thủ tục hành chính thuộc thẩm quyền của cấp xã",
        "event",
        None,
        None,
        False,
    ),
    (
        6,
        "Chương trình, dự án hỗ trợ; danh sách hộ nghèo, hộ cận nghèo và đối tượng được hưởng chính sách an sinh "
        "xã hội",
        "event",
        None,
        None,
        False,
    ),
    (
        7,
        "Quản lý, sử dụng các quỹ, khoản đầu tư, tài trợ cho xã; các khoản huy động nhân dân đóng góp",
        "event",
        None,
        3,
        False,
    ),
    (
        8,
        "Chủ trương, kế hoạch vay vốn cho nhân dân phát triển sản xuất, giảm nghèo; kết quả bình xét hộ được vay",
        "event",
        None,
        3,
        False,
    ),
    (
        9,
        "Kết quả thanh tra, kiểm tra, giải quyết vụ việc tiêu cực, tham nhũng của cán bộ, công chức cấp xã",
        "event",
        None,
        3,
        False,
    ),
    (10, "Kết quả tiếp nhận, giải quyết kiến nghị, phản ánh của công dân", "event", None, 3, False),
    (
        11,
        "Đối tượng, mức thu các loại phí, lệ phí và nghĩa vụ tài chính khác do chính quyền cấp xã trực tiếp thu",
        "event",
        None,
        3,
        False,
    ),
    (
        12,
        "Kết quả lấy phiếu tín nhiệm đối với người giữ chức vụ do Hội đồng nhân dân cấp xã bầu",
        "event",
        None,
        3,
        False,
    ),
    (13, "Những nội dung đã được nhân dân bàn và quyết định; kết quả thực hiện", "event", None, None, False),
    (
        14,
        "Các nội dung khác theo quy định của pháp luật hoặc chính quyền địa phương thấy cần thiết",
        "event",
        None,
        None,
        False,
    ),
]
# Posting at the office: ≥30 days is the usual figure, [unconfirmed] (Điều 13.1–2).
MIN_DAYS = 30

RULES = [
    (
        "consultation_min_days",
        "Thời gian lấy ý kiến tối thiểu (ngày)",
        30,
        "Không ít hơn 30 ngày (hương ước, quy ước; nguồn chưa xác nhận)",
        False,
    ),
    (
        "vote_threshold_percent",
        "Tỷ lệ tán thành mặc định (% số hộ, phải lớn hơn)",
        50,
        "Trên 50% hộ gia đình (Pháp lệnh 34/2007; Luật 2022 chưa xác nhận)",
        False,
    ),
    (
        "vote_quorum_percent",
        "Tỷ lệ hộ tham gia tối thiểu mặc định (%, phải lớn hơn)",
        50,
        "Trên 50% hộ gia đình (chưa xác nhận)",
        False,
    ),
]


def seed(apps):
    Item = apps.get_model("democracy", "DisclosureItem")
    Rule = apps.get_model("democracy", "Rule")
    for number, title, frequency, due_days, loudspeaker_days, confirmed in COMMUNE_ITEMS:
        Item.objects.update_or_create(
            base_kind="commune",
            number=number,
            defaults={
                "title": title,
                "legal_reference": f"{L} khoản {number}"
                + ("; Điều 13 khoản 3 (loa ≥ 3 ngày liên tục)" if loudspeaker_days else ""),
                "frequency": frequency,
                "due_days": due_days,
                "min_days": MIN_DAYS,
                "loudspeaker_days": loudspeaker_days,
                "wording_confirmed": confirmed,
                "note": "" if confirmed else "Câu chữ chưa đối chiếu với văn bản gốc; cán bộ có thể sửa.",
            },
        )
    for code, label, value, reference, confirmed in RULES:
        Rule.objects.update_or_create(
            code=code, defaults={"label": label, "value": value, "legal_reference": reference, "confirmed": confirmed}
        )
