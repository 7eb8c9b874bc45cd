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


# Kinds 2 and 3 (Luật 2022, chương III: state agencies and public service units; chương IV: enterprises and other
# organisations employing workers under labour contracts). The article numbers and every wording below are
# [unconfirmed] (DOMAIN.md §2 lists only the three kinds of base): seeded as data marked unconfirmed, for admins to
# check against the text and correct on the catalogue page.
AGENCY_REF = "Luật Thực hiện dân chủ ở cơ sở 2022, Chương III (cơ quan nhà nước, đơn vị sự nghiệp công lập)"
ENTERPRISE_REF = "Luật Thực hiện dân chủ ở cơ sở 2022, Chương IV (doanh nghiệp, tổ chức có thuê mướn lao động)"
UNCONFIRMED_NOTE = "Điều, khoản và câu chữ chưa đối chiếu với văn bản gốc (cần xác nhận); quản trị viên có thể sửa."
# number, title, frequency, due_days
AGENCY_ITEMS = [
    (1, "Chủ trương, chính sách, pháp luật liên quan đến công việc của cơ quan, đơn vị", "event", None),
    (2, "Kế hoạch công tác hằng năm, hằng quý, hằng tháng của cơ quan, đơn vị", "year", 30),
    (
        3,
        "Kinh phí hoạt động hằng năm, quyết toán kinh phí; tài sản, trang thiết bị; kết quả kiểm toán",
        "year",
        30,
    ),
    (
        4,
        "Tuyển dụng, sử dụng, quản lý, đào tạo, bồi dưỡng, điều động, bổ nhiệm, nâng lương, khen thưởng, kỷ luật "
        "cán bộ, công chức, viên chức",
        "event",
        None,
    ),
    (5, "Việc thực hiện chế độ, chính sách đối với cán bộ, công chức, viên chức và người lao động", "event", None),
    (6, "Việc kê khai tài sản, thu nhập theo quy định về phòng, chống tham nhũng", "year", 90),
    (
        7,
        "Kết quả thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo; xử lý vụ việc tham nhũng trong cơ quan, đơn vị",
        "event",
        None,
    ),
    (8, "Nội quy, quy chế của cơ quan, đơn vị", "event", None),
    (9, "Kiến nghị, phản ánh của cán bộ, công chức, viên chức và kết quả giải quyết", "event", None),
    (10, "Các nội dung khác theo quy định của pháp luật", "event", None),
]
ENTERPRISE_ITEMS = [
    (1, "Tình hình sản xuất, kinh doanh của doanh nghiệp", "year", 90),
    (
        2,
        "Nội quy lao động, thang lương, bảng lương, định mức lao động, quy chế dân chủ ở cơ sở tại nơi làm việc",
        "event",
        None,
    ),
    (3, "Thỏa ước lao động tập thể và các quy chế, quy định khác của doanh nghiệp", "event", None),
    (4, "Trích lập, sử dụng quỹ khen thưởng, quỹ phúc lợi và các quỹ do người lao động đóng góp", "year", 90),
    (5, "Trích nộp kinh phí công đoàn, đóng bảo hiểm xã hội, bảo hiểm y tế, bảo hiểm thất nghiệp", "quarter", 30),
    (
        6,
        "Kết quả thi đua, khen thưởng, kỷ luật, giải quyết khiếu nại, tố cáo liên quan đến quyền, nghĩa vụ của người "
        "lao động",
        "event",
        None,
    ),
    (7, "Các nội dung khác theo quy định của pháp luật", "event", None),
]


def seed_agencies_and_enterprises(apps):
    """Migration 0005: the catalogues of kinds 2 and 3. `get_or_create` on (kind, number) only fills rows that are
    missing, so running it again does not undo an admin's correction."""
    Item = apps.get_model("democracy", "DisclosureItem")
    for kind, rows, reference in (
        ("agency", AGENCY_ITEMS, AGENCY_REF),
        ("enterprise", ENTERPRISE_ITEMS, ENTERPRISE_REF),
    ):
        for number, title, frequency, due_days in rows:
            Item.objects.get_or_create(
                base_kind=kind,
                number=number,
                defaults={
                    "title": title,
                    "legal_reference": reference,
                    "frequency": frequency,
                    "due_days": due_days,
                    "min_days": MIN_DAYS,
                    "loudspeaker_days": None,
                    "wording_confirmed": False,
                    "note": UNCONFIRMED_NOTE,
                },
            )
