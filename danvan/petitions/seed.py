"""Seed data: the legal time limits (DOMAIN.md §1.2), the holiday calendar 2024–2027, the petition fields.

Used by migration 0002 (frozen there by value: edit rows later through services, not here).
Luật 136/2025/QH15 (in force 1/7/2026) is not seeded: which limits it changes is unconfirmed. Enter its
rows with effective_from 2026-07-01 after setting effective_to 2026-06-30 on the rows it replaces.
"""

import datetime as dt

KN_2011 = dt.date(2012, 7, 1)  # Luật Khiếu nại số 02/2011/QH13, in force 1/7/2012
TC_2018 = dt.date(2019, 1, 1)  # Luật Tố cáo số 25/2018/QH14, in force 1/1/2019
TT_05_2021 = dt.date(2021, 11, 15)  # Thông tư 05/2021/TT-TTCP, in force 15/11/2021
QD_11_2019 = dt.date(2019, 2, 18)  # Quy định 11-QĐi/TW, 18/2/2019

# (procedure, step, days, day_type, extension_days, max_extensions, remote_days, remote_ext_days, from, basis)
RULES = [
    (
        "khieu_nai",
        "thoi_hieu",
        90,
        "calendar",
        0,
        0,
        None,
        None,
        KN_2011,
        "Luật Khiếu nại 2011, Điều 9: thời hiệu 90 ngày kể từ ngày nhận được hoặc biết được quyết định, "
        "hành vi hành chính (không tính thời gian trở ngại khách quan).",
    ),
    (
        "khieu_nai",
        "thu_ly_lan_1",
        10,
        "calendar",
        0,
        0,
        None,
        None,
        KN_2011,
        "Luật Khiếu nại 2011, Điều 27: thụ lý khiếu nại lần đầu trong 10 ngày kể từ ngày nhận được khiếu nại.",
    ),
    (
        "khieu_nai",
        "giai_quyet_lan_1",
        30,
        "calendar",
        15,
        1,
        45,
        15,
        KN_2011,
        "Luật Khiếu nại 2011, Điều 28: 30 ngày kể từ ngày thụ lý, phức tạp không quá 45 ngày; "
        "vùng sâu, vùng xa 45 ngày, phức tạp không quá 60 ngày.",
    ),
    (
        "khieu_nai",
        "khieu_nai_lan_2",
        30,
        "calendar",
        0,
        0,
        45,
        None,
        KN_2011,
        "Luật Khiếu nại 2011, Điều 33: khiếu nại lần hai trong 30 ngày (vùng sâu, vùng xa không quá 45 ngày).",
    ),
    (
        "khieu_nai",
        "thu_ly_lan_2",
        10,
        "calendar",
        0,
        0,
        None,
        None,
        KN_2011,
        "Luật Khiếu nại 2011, Điều 36: thụ lý khiếu nại lần hai trong 10 ngày kể từ ngày nhận được khiếu nại "
        "(thời hạn cần được đối chiếu, có thể điều chỉnh tại trang Thời hạn luật định).",
    ),
    (
        "khieu_nai",
        "giai_quyet_lan_2",
        45,
        "calendar",
        15,
        1,
        60,
        10,
        KN_2011,
        "Luật Khiếu nại 2011, Điều 37: 45 ngày kể từ ngày thụ lý, phức tạp không quá 60 ngày; "
        "vùng sâu, vùng xa 60 ngày, phức tạp không quá 70 ngày.",
    ),
    (
        "khieu_nai",
        "hieu_luc_qd_lan_1",
        30,
        "calendar",
        0,
        0,
        45,
        None,
        KN_2011,
        "Luật Khiếu nại 2011, Điều 44: quyết định giải quyết lần đầu có hiệu lực sau 30 ngày kể từ ngày ban hành "
        "nếu không khiếu nại lần hai (vùng sâu, vùng xa 45 ngày).",
    ),
    (
        "khieu_nai",
        "hieu_luc_qd_lan_2",
        30,
        "calendar",
        0,
        0,
        45,
        None,
        KN_2011,
        "Luật Khiếu nại 2011, Điều 44: quyết định giải quyết lần hai có hiệu lực sau 30 ngày kể từ ngày ban hành "
        "(vùng sâu, vùng xa 45 ngày).",
    ),
    (
        "to_cao",
        "xu_ly_ban_dau",
        7,
        "working",
        3,
        1,
        None,
        None,
        TC_2018,
        "Luật Tố cáo 2018, Điều 24: 07 ngày làm việc để vào sổ, phân loại, kiểm tra điều kiện thụ lý; "
        "cần xác minh ở nhiều địa điểm: không quá 10 ngày làm việc (thời hạn cần được đối chiếu, có thể "
        "điều chỉnh tại trang Thời hạn luật định).",
    ),
    (
        "to_cao",
        "giai_quyet",
        30,
        "calendar",
        30,
        2,
        None,
        None,
        TC_2018,
        "Luật Tố cáo 2018, Điều 30: 30 ngày kể từ ngày thụ lý; phức tạp gia hạn một lần không quá 30 ngày; "
        "đặc biệt phức tạp gia hạn hai lần, mỗi lần không quá 30 ngày.",
    ),
    (
        "xu_ly_don",
        "xu_ly",
        10,
        "calendar",
        0,
        0,
        None,
        None,
        TT_05_2021,
        "Xử lý đơn trong 10 ngày kể từ ngày nhận đơn (thủ tục xử lý đơn, mã 315145; "
        "Thông tư 05/2021/TT-TTCP, hiệu lực 15/11/2021).",
    ),
    (
        "tiep_cong_dan",
        "bao_tin_nhan_don_dang",
        10,
        "working",
        0,
        0,
        None,
        None,
        QD_11_2019,
        "Quy định 11-QĐi/TW (18/2/2019): người đứng đầu cấp ủy báo tin đã nhận đơn trong 10 ngày làm việc.",
    ),
]

# (date, name, is_estimate). Official notices where known; lunar dates not yet announced are estimates.
HOLIDAYS = [
    # 2024
    ("2024-01-01", "Tết Dương lịch", False),
    *[(f"2024-02-{d:02d}", "Tết Nguyên đán Giáp Thìn", False) for d in range(8, 15)],
    ("2024-04-18", "Giỗ Tổ Hùng Vương (10/3 âm lịch)", False),
    ("2024-04-29", "Nghỉ hoán đổi dịp 30/4", False),
    ("2024-04-30", "Ngày Chiến thắng", False),
    ("2024-05-01", "Ngày Quốc tế Lao động", False),
    ("2024-09-02", "Quốc khánh", False),
    ("2024-09-03", "Quốc khánh (ngày liền kề)", False),
    # 2025: Tết Ất Tỵ 25/1–2/2
    ("2025-01-01", "Tết Dương lịch", False),
    *[(f"2025-01-{d:02d}", "Tết Nguyên đán Ất Tỵ", False) for d in range(25, 32)],
    ("2025-02-01", "Tết Nguyên đán Ất Tỵ", False),
    ("2025-02-02", "Tết Nguyên đán Ất Tỵ", False),
    ("2025-04-07", "Giỗ Tổ Hùng Vương (10/3 âm lịch)", False),
    ("2025-04-30", "Ngày Chiến thắng", False),
    ("2025-05-01", "Ngày Quốc tế Lao động", False),
    ("2025-05-02", "Nghỉ hoán đổi dịp 30/4", False),
    ("2025-09-01", "Quốc khánh (ngày liền kề)", False),
    ("2025-09-02", "Quốc khánh", False),
    # 2026: Tết Bính Ngọ 14/2–22/2 (congan.com.vn, phương án chính thức)
    ("2026-01-01", "Tết Dương lịch", False),
    *[(f"2026-02-{d:02d}", "Tết Nguyên đán Bính Ngọ", False) for d in range(14, 23)],
    ("2026-04-26", "Giỗ Tổ Hùng Vương (10/3 âm lịch)", False),
    ("2026-04-27", "Nghỉ bù Giỗ Tổ Hùng Vương", False),
    ("2026-04-30", "Ngày Chiến thắng", False),
    ("2026-05-01", "Ngày Quốc tế Lao động", False),
    ("2026-09-01", "Quốc khánh (ngày liền kề)", True),
    ("2026-09-02", "Quốc khánh", False),
    # 2027: Tết Đinh Mùi (mùng 1 = 6/2/2027); days off not yet announced
    ("2027-01-01", "Tết Dương lịch", False),
    *[(f"2027-02-{d:02d}", "Tết Nguyên đán Đinh Mùi (ước tính)", True) for d in range(4, 11)],
    ("2027-04-16", "Giỗ Tổ Hùng Vương (10/3 âm lịch)", True),
    ("2027-04-30", "Ngày Chiến thắng", False),
    ("2027-05-01", "Ngày Quốc tế Lao động", False),
    ("2027-05-03", "Nghỉ bù Ngày Quốc tế Lao động", True),
    ("2027-09-02", "Quốc khánh", False),
    ("2027-09-03", "Quốc khánh (ngày liền kề)", True),
]

FIELDS = [
    ("dat-dai", "Đất đai", 10),
    ("nha-o", "Nhà ở", 20),
    ("chinh-sach-xa-hoi", "Chính sách xã hội", 30),
    ("tu-phap", "Tư pháp", 40),
    ("hanh-chinh", "Hành chính", 50),
    ("moi-truong", "Tài nguyên, môi trường", 60),
    ("tham-nhung", "Tham nhũng, tiêu cực", 70),
    ("dang-doan-the", "Đảng, đoàn thể", 80),
    ("khac", "Khác", 900),
]
