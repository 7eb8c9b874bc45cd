"""Word lists shared by the field readers: meeting types, levels, surnames, title heads, figure units."""

from __future__ import annotations

import re

from danvan.core.text import fold

# Meeting types, by folded keyword. The earliest keyword in the title (then the lead) decides.
EVENT_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("hoi thi", "hoi_thi"),
    ("cuoc thi", "hoi_thi"),
    ("bieu duong", "bieu_duong"),
    ("ton vinh", "bieu_duong"),
    ("tuyen duong", "bieu_duong"),
    ("vinh danh", "bieu_duong"),
    ("tong ket", "tong_ket"),
    ("so ket", "so_ket"),
    ("giao ban", "giao_ban"),
    ("trien khai ke hoach", "trien_khai"),
    ("ke hoach", "trien_khai"),
    ("trien khai", "trien_khai"),
    ("phat dong", "trien_khai"),
    ("ra quan", "trien_khai"),
    ("quan triet", "trien_khai"),
)


EVENT_TYPES = ("giao_ban", "so_ket", "tong_ket", "hoi_thi", "bieu_duong", "trien_khai", "other")


LEVELS = ("trung_uong", "tinh", "huyen", "xa")


# Cities directly under the centre: their "Thành ủy" is provincial level; any other city's is district level.
CENTRAL_CITIES = ("ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue")


SURNAMES = frozenset(
    fold(s)
    for s in (
        "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đinh Lâm Mai Trịnh Trương "
        "Hà Lương Tạ Cao Chu Thái Lưu Tô Triệu Quách Kiều Vương Đoàn Tăng Phùng Đàm La Lục Hứa Châu Giang Khúc "
        "Nông Sầm Lò Lầu Hầu Mạc Ninh Âu Doãn Khổng Tống Văn Bế Hoàng Lữ Đồng Nghiêm Thân Diệp Quan Lại Từ Kim Y "
        # Surnames of the Hmông, Thái and Dao peoples, common among officials of the northern mountain provinces
        # ("đồng chí Tráng Thị Xuân, … Phó Chủ tịch Thường trực UBND tỉnh", ingest13m).
        "Tráng Giàng Sùng Vàng Thào Mùa Cầm Quàng Lường Lù Điêu Chẩu Bàn Tòng "
        # "Tôn Nữ", "Tôn Thất": the royal clan's names, common in Huế and the central provinces (ingest13m).
        "Tôn"
    ).split()
)


# Surnames that do not start a second name inside a four-word name ("Tỉnh ủy Hà Giang Nguyễn Văn A").
_MAJOR_SURNAMES = frozenset(fold(s) for s in "Nguyễn Trần Lê Phạm Huỳnh Phan Đặng Bùi Đỗ Ngô".split())


# Heads of a title phrase ("Ủy viên BTV Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy").
TITLE_HEADS = (
    "uy vien",
    "bi thu",
    "pho bi thu",
    "truong ban",
    "pho truong ban",
    "chu tich",
    "pho chu tich",
    "giam doc",
    "pho giam doc",
    "thuong truc",
    "truong khoi",
    "to truong",
    "chanh van phong",
    "tong bi thu",
    "thu tuong",
    "bo truong",
    "thu truong",
    "truong phong",
    "chanh an",
    "vien truong",
    # Membership written before the post (ingest13l): "huyện ủy viên - Bí thư Đảng ủy xã", "UVBTV Huyện uỷ, Chủ tịch …".
    "huyen uy vien",
    "tinh uy vien",
    "thanh uy vien",
    "quan uy vien",
    "thi uy vien",
    "dang uy vien",
    "uvbtv",
    "uv btv",
    "uvtv",
    # "PBT. Đảng ủy - Chủ tịch UBND phường", "PCT UBMTTQVN huyện": the posts abbreviated (ingest13o).
    "pbt",
    "pct",
)


# Units of numeric facts, longest first when matched.
FIGURE_UNITS = sorted(
    (
        "mô hình",
        "điểm cầu",
        "đại biểu",
        "huyện",
        "xã",
        "phường",
        "thị trấn",
        "xã, phường, thị trấn",
        "cơ sở",
        "lượt",
        "lượt người",
        "người",
        "hộ",
        "hộ gia đình",
        "cuộc",
        "buổi",
        "hội nghị",
        "đơn",
        "đơn thư",
        "vụ việc",
        "vụ",
        "tỷ đồng",
        "triệu đồng",
        "nghìn đồng",
        "km",
        "ha",
        "tấn",
        "ngày công",
        "ngày đêm",
        "năm",
        "%",
        "phần trăm",
        "lớp",
        "đoàn viên",
        "hội viên",
        "cán bộ",
        "đảng viên",
        "tập thể",
        "cá nhân",
        "điển hình",
        "công trình",
        "nhà",
        "căn nhà",
        "nhà đại đoàn kết",
        "suất quà",
        "phần quà",
        "loại hình",
        "tổ chức",
        "đơn vị",
        "thôn",
        "bản",
        "tổ dân phố",
        "thôn, tổ dân phố",
        "lần",
        "tin",
        "bài",
        "tin, bài",
        "kiến nghị",
        "ý kiến",
        "trường hợp",
        "gương",
        "bằng khen",
        "giấy khen",
        "chi bộ",
        "đảng bộ",
        "văn bản",
        "kế hoạch",
        "đoàn",
        "câu lạc bộ",
        "tổ",
        "cơ quan",
        "doanh nghiệp",
        "học sinh",
        "m",
        "mét",
        "cây",
        "con",
        "ngày",
        # Contest units (the list) and the development part's ones (ingest13d).
        "đội",
        "đội thi",
        "phần thi",
        "giải",
        "câu hỏi",
        "thí sinh",
        "học viên",
        "chi hội",
        "nông dân",
        "tỉnh",
    ),
    key=len,
    reverse=True,
)


_WORD = re.compile(r"[^\W_]+", re.UNICODE)


# "thành phố trực thuộc trung ương" is what a centrally-run city is (Hà Nội, Hải Phòng, Đà Nẵng, …): a province's
# level, not the centre's (folded text).
CENTRALLY_RUN = re.compile(r"\b(?:(?:cac |\d+ )?(?:thanh pho|tp) )?truc thuoc trung uong\b")
