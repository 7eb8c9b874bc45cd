"""The catalogue the app starts with: religions, recognised religious organisations, the 54 ethnic groups and the
holiday calendar. Used by migration 0002 (and safe to run again: it only adds what is missing).

Sources: Ban Tôn giáo Chính phủ — 43 organisations of 16 religions recognised or registered by 12/2021
(hoadatviet.phunuvietnam.vn 1/9/2022; dantoctongiao.vietnamnet.vn); the list of 54 groups: QĐ 121-TCTK/PPCĐ
(2/3/1979). Only the best-known organisations are seeded [the full list of 43 is unconfirmed here]: administrators
add the others in the admin. Holiday dates of lunar feasts are solar dates worked out from the Vietnamese lunar
calendar (UTC+7) and marked so; check them against the organisation's announcement each year.
"""

RELIGIONS = [
    ("phat-giao", "Phật giáo"),
    ("cong-giao", "Công giáo"),
    ("tin-lanh", "Tin lành"),
    ("cao-dai", "Cao Đài"),
    ("hoa-hao", "Phật giáo Hòa Hảo"),
    ("hoi-giao", "Hồi giáo (Islam)"),
    ("bahai", "Tôn giáo Baha'i"),
    ("tinh-do-cu-si", "Tịnh độ Cư sĩ Phật hội Việt Nam"),
    ("tu-an-hieu-nghia", "Phật giáo Tứ Ân Hiếu Nghĩa"),
    ("buu-son-ky-huong", "Bửu Sơn Kỳ Hương"),
    ("minh-su-dao", "Minh Sư đạo"),
    ("minh-ly-dao", "Minh Lý đạo – Tam Tông Miếu"),
    ("ba-la-mon", "Bà-la-môn giáo"),
    ("mormon", "Giáo hội Các Thánh hữu ngày sau của Chúa Giê-su Ky-tô"),
    ("hieu-nghia-ta-lon", "Phật giáo Hiếu Nghĩa Tà Lơn"),
    ("phuc-lam", "Cơ đốc Phục lâm"),
]

DENOMINATIONS = [
    ("phat-giao", "Giáo hội Phật giáo Việt Nam"),
    ("cong-giao", "Giáo hội Công giáo Việt Nam (Hội đồng Giám mục Việt Nam)"),
    ("tin-lanh", "Hội thánh Tin lành Việt Nam (miền Bắc)"),
    ("tin-lanh", "Hội thánh Tin lành Việt Nam (miền Nam)"),
    ("cao-dai", "Hội thánh Cao Đài Tây Ninh"),
    ("cao-dai", "Hội thánh Cao Đài Ban Chỉnh đạo"),
    ("cao-dai", "Hội thánh Cao Đài Tiên Thiên"),
    ("hoa-hao", "Giáo hội Phật giáo Hòa Hảo"),
    ("hoi-giao", "Ban Đại diện Cộng đồng Hồi giáo"),
    ("tinh-do-cu-si", "Tịnh độ Cư sĩ Phật hội Việt Nam"),
    ("bahai", "Cộng đồng Tôn giáo Baha'i Việt Nam"),
    ("phuc-lam", "Giáo hội Cơ đốc Phục lâm Việt Nam"),
]

# QĐ 121-TCTK/PPCĐ, in its order.
ETHNIC_GROUPS = [
    "Kinh", "Tày", "Thái", "Hoa", "Khơ-me", "Mường", "Nùng", "HMông", "Dao", "Gia-rai", "Ngái", "Ê-đê", "Ba-na",
    "Xơ-đăng", "Sán Chay", "Cơ-ho", "Chăm", "Sán Dìu", "Hrê", "Mnông", "Ra-glai", "Xtiêng", "Bru-Vân Kiều", "Thổ",
    "Giáy", "Cơ-tu", "Gié-Triêng", "Mạ", "Khơ-mú", "Co", "Tà-ôi", "Chơ-ro", "Kháng", "Xinh-mun", "Hà Nhì", "Chu-ru",
    "Lào", "La Chí", "La Ha", "Phù Lá", "La Hủ", "Lự", "Lô Lô", "Chứt", "Mảng", "Pà Thẻn", "Cơ Lao", "Cống", "Bố Y",
    "Si La", "Pu Péo", "Brâu", "Ơ-đu", "Rơ-măm",
]  # fmt: skip

LUNAR = "Âm lịch Việt Nam (UTC+7), quy đổi sang dương lịch; đối chiếu thông báo của tổ chức tôn giáo"
FIXED = "Ngày cố định theo dương lịch"
# slug, name, kind, religion slug, ethnic group name, rule, {year: (date, source)}
HOLIDAYS = [
    ("phat-dan", "Đại lễ Phật đản", "religious", "phat-giao", "", "Rằm tháng Tư âm lịch",
     {2026: ("2026-05-31", LUNAR)}),
    ("vu-lan", "Lễ Vu lan", "religious", "phat-giao", "", "Rằm tháng Bảy âm lịch", {2026: ("2026-08-27", LUNAR)}),
    ("giang-sinh", "Lễ Giáng sinh", "religious", "cong-giao", "", "25 tháng 12",
     {2026: ("2026-12-25", FIXED), 2027: ("2027-12-25", FIXED)}),
    ("phuc-sinh", "Lễ Phục sinh", "religious", "cong-giao", "", "Chủ nhật sau rằm đầu tiên kể từ xuân phân",
     {2026: ("2026-04-05", "Lịch phụng vụ Công giáo năm 2026"), 2027: ("2027-03-28", "Lịch phụng vụ Công giáo 2027")}),
    ("giang-sinh-tin-lanh", "Lễ Giáng sinh (Tin lành)", "religious", "tin-lanh", "", "25 tháng 12",
     {2026: ("2026-12-25", FIXED)}),
    ("khai-dao-cao-dai", "Lễ kỷ niệm khai đạo Cao Đài", "religious", "cao-dai", "", "Rằm tháng Mười âm lịch",
     {2026: ("2026-11-23", LUNAR)}),
    ("khai-dao-hoa-hao", "Đại lễ khai đạo Phật giáo Hòa Hảo", "religious", "hoa-hao", "", "18 tháng Năm âm lịch",
     {2026: ("2026-07-02", LUNAR)}),
    ("chol-chnam-thmay", "Tết Chôl Chnăm Thmây", "ethnic", "", "Khơ-me", "Giữa tháng Tư dương lịch (lịch Khmer)",
     {2026: ("2026-04-14", "Lịch Khmer; đối chiếu thông báo của tỉnh")}),
    ("kate", "Lễ hội Katê", "ethnic", "", "Chăm", "Tháng Bảy lịch Chăm",
     {2026: ("2026-10-10", "Lịch Chăm; đối chiếu thông báo của tỉnh [chưa xác nhận]")}),
]  # fmt: skip


def catalogue_seed(apps) -> None:
    """Add the catalogue rows that are missing (by slug or name); never changes what administrators edited."""
    import datetime as dt

    religion_model = apps.get_model("faiths", "Religion")
    denomination_model = apps.get_model("faiths", "Denomination")
    group_model = apps.get_model("faiths", "EthnicGroup")
    holiday_model = apps.get_model("faiths", "Holiday")
    date_model = apps.get_model("faiths", "HolidayDate")
    religions = {}
    for order, (slug, name) in enumerate(RELIGIONS, start=1):
        religions[slug], _c = religion_model.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})
    for order, (slug, name) in enumerate(DENOMINATIONS, start=1):
        denomination_model.objects.get_or_create(
            religion=religions[slug], name=name, defaults={"order": order, "note": "Ban Tôn giáo Chính phủ"}
        )
    groups = {}
    for number, name in enumerate(ETHNIC_GROUPS, start=1):
        groups[name], _c = group_model.objects.get_or_create(number=number, defaults={"name": name})
    for slug, name, kind, religion, group, rule, dates in HOLIDAYS:
        holiday, _c = holiday_model.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "religion": religions.get(religion),
                "ethnic_group": groups.get(group),
                "rule": rule,
            },
        )
        for year, (day, source) in dates.items():
            date_model.objects.get_or_create(
                holiday=holiday, year=year, defaults={"date": dt.date.fromisoformat(day), "source": source}
            )
