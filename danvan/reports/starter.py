"""The starter set of indicators and report forms, from figures seen in real reports (DOMAIN.md §5).

Loaded by migration 0002 and safe to load again (`starter_set_load`). Provinces add their own on top.
"""

INDICATORS = [
    # code, name, unit label, aggregation, weight code, is %, decimals
    (
        "doi_thoai_cuoc",
        "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân",
        "cuộc",
        "sum",
        None,
        False,
        0,
    ),
    ("doi_thoai_kien_nghi", "Kiến nghị của Nhân dân tại các hội nghị đối thoại", "kiến nghị", "sum", None, False, 0),
    ("doi_thoai_kien_nghi_gq", "Kiến nghị tại đối thoại đã được giải quyết", "kiến nghị", "sum", None, False, 0),
    (
        "doi_thoai_ty_le_gq",
        "Tỷ lệ kiến nghị tại đối thoại được giải quyết",
        "%",
        "wavg",
        "doi_thoai_kien_nghi",
        True,
        1,
    ),
    ("tuyen_truyen_hoi_nghi", "Hội nghị tuyên truyền, quán triệt", "cuộc", "sum", None, False, 0),
    ("tuyen_truyen_luot_nguoi", "Lượt người dự hội nghị tuyên truyền, quán triệt", "người", "sum", None, False, 0),
    ("mo_hinh_dang_ky", "Mô hình “Dân vận khéo” đăng ký xây dựng", "mô hình", "sum", None, False, 0),
    ("mo_hinh_cong_nhan", "Mô hình, điển hình “Dân vận khéo” được công nhận", "mô hình", "sum", None, False, 0),
    ("mo_hinh_nhan_rong", "Mô hình “Dân vận khéo” được nhân rộng", "mô hình", "sum", None, False, 0),
    ("nam_tinh_hinh_bao_cao", "Báo cáo nắm tình hình nhân dân đã gửi", "báo cáo", "sum", None, False, 0),
    ("diem_nong_phat_sinh", "Điểm nóng, vụ việc phức tạp phát sinh", "vụ việc", "sum", None, False, 0),
    ("diem_nong_giai_quyet", "Điểm nóng, vụ việc phức tạp đã giải quyết", "vụ việc", "sum", None, False, 0),
    ("gsxh_cuoc", "Cuộc giám sát của MTTQ và các tổ chức chính trị - xã hội", "cuộc", "sum", None, False, 0),
    ("gsxh_kien_nghi", "Kiến nghị sau giám sát", "kiến nghị", "sum", None, False, 0),
    ("gsxh_kien_nghi_tra_loi", "Kiến nghị sau giám sát đã được trả lời", "kiến nghị", "sum", None, False, 0),
    ("pbxh_du_thao", "Dự thảo được gửi lấy ý kiến phản biện xã hội", "dự thảo", "sum", None, False, 0),
    ("pbxh_hoi_nghi", "Hội nghị phản biện xã hội đã tổ chức", "hội nghị", "sum", None, False, 0),
    (
        "dttg_tham_hoi",
        "Cuộc thăm hỏi, chúc mừng các tôn giáo, đồng bào dân tộc nhân dịp lễ, tết",
        "cuộc",
        "sum",
        None,
        False,
        0,
    ),
    (
        "dttg_khen_thuong",
        "Lượt khen thưởng chức sắc, tín đồ, tổ chức tôn giáo “sống tốt đời đẹp đạo”",
        "lượt",
        "sum",
        None,
        False,
        0,
    ),
    ("qcdc_van_ban_cong_khai", "Văn bản, nội dung được công khai cho Nhân dân biết", "văn bản", "sum", None, False, 0),
    ("qcdc_hop_ha_tang", "Cuộc họp Nhân dân bàn về xây dựng cơ sở hạ tầng", "cuộc", "sum", None, False, 0),
    ("qcdc_hop_huong_uoc", "Cuộc họp bàn về hương ước, quy ước", "cuộc", "sum", None, False, 0),
    ("qcdc_hop_ho_ngheo", "Cuộc họp bình xét hộ nghèo, cận nghèo", "cuộc", "sum", None, False, 0),
    ("qcdc_cong_trinh_giam_sat", "Công trình được cộng đồng giám sát", "công trình", "sum", None, False, 0),
    ("qcdc_kien_nghi_giam_sat", "Kiến nghị qua kiểm tra, giám sát của Nhân dân", "kiến nghị", "sum", None, False, 0),
    ("qcdc_kien_nghi_giam_sat_gq", "Kiến nghị qua giám sát đã được giải quyết", "kiến nghị", "sum", None, False, 0),
    ("qcdc_ban_ttnd_thanh_vien", "Thành viên Ban Thanh tra nhân dân", "người", "sum", None, False, 0),
    ("qcdc_ban_gsdtcd_thanh_vien", "Thành viên Ban Giám sát đầu tư của cộng đồng", "người", "sum", None, False, 0),
    ("tcd_luot", "Lượt tiếp công dân", "lượt", "sum", None, False, 0),
    ("tcd_nguoi_dung_dau", "Buổi tiếp công dân của người đứng đầu cấp ủy, chính quyền", "buổi", "sum", None, False, 0),
    ("don_tiep_nhan", "Đơn thư tiếp nhận", "đơn", "sum", None, False, 0),
    ("don_giai_quyet", "Đơn thư đã giải quyết", "đơn", "sum", None, False, 0),
    ("don_ton", "Đơn thư còn tồn", "đơn", "sum", None, False, 0),
    ("don_vuot_cap", "Đơn thư vượt cấp", "đơn", "sum", None, False, 0),
]

# Starter indicators the system fills itself (reports/sources.py; set by migration 0007).
SOURCES = {
    "mo_hinh_dang_ky": "initiatives.registered",
    "mo_hinh_cong_nhan": "initiatives.recognised",
    "mo_hinh_nhan_rong": "initiatives.replicated",
    # Set by migration 0008 on databases made before it.
    "tcd_luot": "reception.turns",
    "tcd_nguoi_dung_dau": "reception.head_days",
    "don_tiep_nhan": "petitions.received",
    "don_giai_quyet": "petitions.resolved",
    "don_ton": "petitions.open",
    "don_vuot_cap": "petitions.over_level",
    # Set by migration 0010 on databases made before it.
    "doi_thoai_cuoc": "dialogues.held",
    "doi_thoai_kien_nghi": "dialogues.issues",
    "doi_thoai_kien_nghi_gq": "dialogues.issues_resolved",
    "doi_thoai_ty_le_gq": "dialogues.issues_resolved_share",
    "nam_tinh_hinh_bao_cao": "situation.reports_sent",
    # Set, with the indicators and their places on the quarterly form, by migration 0013 on databases made
    # before it (issue 11: "the counts of supervisions and recommendations are filled from these records").
    "diem_nong_phat_sinh": "situation.hotspots_raised",
    "diem_nong_giai_quyet": "situation.hotspots_resolved",
    "gsxh_cuoc": "oversight.supervisions",
    "gsxh_kien_nghi": "oversight.recommendations",
    "gsxh_kien_nghi_tra_loi": "oversight.recommendations_answered",
    "pbxh_du_thao": "oversight.critiques",
    "pbxh_hoi_nghi": "oversight.critique_conferences",
    # Set, with the indicators and their section on the quarterly form, by migration 0014 on databases made before
    # it (issue 11: visits on religious holidays and ethnic festivals, commendations of "sống tốt đời đẹp đạo").
    "dttg_tham_hoi": "faiths.visits_done",
    "dttg_khen_thuong": "faiths.commendations",
}

# Where migration 0013 puts them on the quarterly form of databases made before it: (section title, codes).
SITUATION_ITEMS = ("Nắm tình hình nhân dân", ["diem_nong_phat_sinh", "diem_nong_giai_quyet"])
OVERSIGHT_SECTION = (
    "Giám sát và phản biện xã hội của MTTQ và các tổ chức chính trị - xã hội",
    ["gsxh_cuoc", "gsxh_kien_nghi", "gsxh_kien_nghi_tra_loi", "pbxh_du_thao", "pbxh_hoi_nghi"],
)
# Where migration 0014 puts the ethnic and religious figures: a section of its own after supervision and critique.
FAITHS_SECTION = ("Công tác dân tộc, tôn giáo", ["dttg_tham_hoi", "dttg_khen_thuong"])

NARRATIVE = [
    ("ket_qua", "Kết quả đạt được"),
    ("han_che", "Hạn chế, nguyên nhân"),
    ("nhiem_vu", "Nhiệm vụ trọng tâm kỳ tới"),
    ("kien_nghi", "Kiến nghị, đề xuất"),
]

FORMS = [
    {
        "code": "dan-van-quy",
        "name": "Báo cáo công tác dân vận quý",
        "frequency": "quarter",
        "unit_kinds": ["danvan_bloc", "tgdv_board"],
        "sections": [
            (
                "Tiếp xúc, đối thoại với Nhân dân",
                ["doi_thoai_cuoc", "doi_thoai_kien_nghi", "doi_thoai_kien_nghi_gq", "doi_thoai_ty_le_gq"],
            ),
            ("Tuyên truyền, vận động", ["tuyen_truyen_hoi_nghi", "tuyen_truyen_luot_nguoi"]),
            ("Phong trào thi đua “Dân vận khéo”", ["mo_hinh_dang_ky", "mo_hinh_cong_nhan", "mo_hinh_nhan_rong"]),
            ("Nắm tình hình nhân dân", ["nam_tinh_hinh_bao_cao", *SITUATION_ITEMS[1]]),
            OVERSIGHT_SECTION,
            FAITHS_SECTION,
        ],
    },
    {
        "code": "dan-chu-co-so",
        "name": "Báo cáo thực hiện dân chủ ở cơ sở",
        "frequency": "quarter",
        "unit_kinds": ["danvan_bloc"],
        "sections": [
            ("Nhân dân biết: kết quả công khai", ["qcdc_van_ban_cong_khai"]),
            ("Nhân dân bàn và quyết định", ["qcdc_hop_ha_tang", "qcdc_hop_huong_uoc", "qcdc_hop_ho_ngheo"]),
            (
                "Nhân dân kiểm tra, giám sát",
                [
                    "qcdc_cong_trinh_giam_sat",
                    "qcdc_kien_nghi_giam_sat",
                    "qcdc_kien_nghi_giam_sat_gq",
                    "qcdc_ban_ttnd_thanh_vien",
                    "qcdc_ban_gsdtcd_thanh_vien",
                ],
            ),
        ],
    },
    {
        "code": "tiep-cong-dan-don-thu",
        "name": "Kết quả tiếp công dân, xử lý đơn thư",
        "frequency": "quarter",
        "unit_kinds": ["danvan_bloc", "tgdv_board"],
        "sections": [
            ("Tiếp công dân", ["tcd_luot", "tcd_nguoi_dung_dau"]),
            ("Tiếp nhận, xử lý đơn thư", ["don_tiep_nhan", "don_giai_quyet", "don_ton", "don_vuot_cap"]),
        ],
    },
]


def starter_set_load(apps=None) -> None:
    """Create what is missing of the starter set; leave what exists (and local edits) alone."""
    get = (lambda name: apps.get_model("reports", name)) if apps else _model
    Indicator, ReportForm, FormSection, FormItem = (
        get(n) for n in ("Indicator", "ReportForm", "FormSection", "FormItem")
    )
    indicators = {}
    for code, name, unit_label, aggregation, _weight, is_pct, decimals in INDICATORS:
        indicators[code], _ = Indicator.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "unit_label": unit_label,
                "aggregation": aggregation,
                "is_percentage": is_pct,
                "decimal_places": decimals,
            },
        )
    for code, _name, _unit, _aggregation, weight, _pct, _decimals in INDICATORS:
        if weight and indicators[code].weight_id is None:
            indicators[code].weight = indicators[weight]
            indicators[code].save(update_fields=["weight"])
    for spec in FORMS:
        form, created = ReportForm.objects.get_or_create(
            code=spec["code"],
            version=1,
            defaults={
                "name": spec["name"],
                "frequency": spec["frequency"],
                "unit_kinds": spec["unit_kinds"],
            },
        )
        if not created:
            continue
        order = 0
        for title, codes in spec["sections"]:
            order += 1
            section = FormSection.objects.create(form=form, order=order, title=title, kind="figures")
            for i, code in enumerate(codes, start=1):
                FormItem.objects.create(section=section, indicator=indicators[code], order=i)
        for key, title in NARRATIVE:
            order += 1
            FormSection.objects.create(form=form, order=order, title=title, kind="narrative", key=key)


def _model(name):
    from django.apps import apps

    return apps.get_model("reports", name)
