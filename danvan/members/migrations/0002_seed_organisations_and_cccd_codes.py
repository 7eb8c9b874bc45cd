"""The five socio-political organisations and the CCCD province codes, as data.

Age limits follow the organisations' charters as commonly quoted; DOMAIN.md has not confirmed them, so they are
rows a province administrator can correct, not constants in code. CCCD codes: Thông tư 07/2016/TT-BCA, Phụ lục 1
(the 63 provinces of before 2025; a CCCD keeps its number when provinces merge).
"""

from django.db import migrations

ORGANISATIONS = [
    # code, name, short name, unit kind, min age, max age, sex only, branch word, order
    ("CD", "Công đoàn Việt Nam", "Công đoàn", "trade_union", 15, None, "", "công đoàn cơ sở", 10),
    ("HND", "Hội Nông dân Việt Nam", "Hội Nông dân", "farmers_union", 18, None, "", "chi hội", 20),
    ("HPN", "Hội Liên hiệp Phụ nữ Việt Nam", "Hội Phụ nữ", "womens_union", 18, None, "F", "chi hội", 30),
    ("DTN", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Đoàn Thanh niên", "youth_union", 16, 30, "", "chi đoàn", 40),
    ("CCB", "Hội Cựu chiến binh Việt Nam", "Hội Cựu chiến binh", "veterans", None, None, "", "chi hội", 50),
]

CCCD_PROVINCES = [
    ("001", "Hà Nội"), ("002", "Hà Giang"), ("004", "Cao Bằng"), ("006", "Bắc Kạn"), ("008", "Tuyên Quang"),
    ("010", "Lào Cai"), ("011", "Điện Biên"), ("012", "Lai Châu"), ("014", "Sơn La"), ("015", "Yên Bái"),
    ("017", "Hòa Bình"), ("019", "Thái Nguyên"), ("020", "Lạng Sơn"), ("022", "Quảng Ninh"), ("024", "Bắc Giang"),
    ("025", "Phú Thọ"), ("026", "Vĩnh Phúc"), ("027", "Bắc Ninh"), ("030", "Hải Dương"), ("031", "Hải Phòng"),
    ("033", "Hưng Yên"), ("034", "Thái Bình"), ("035", "Hà Nam"), ("036", "Nam Định"), ("037", "Ninh Bình"),
    ("038", "Thanh Hóa"), ("040", "Nghệ An"), ("042", "Hà Tĩnh"), ("044", "Quảng Bình"), ("045", "Quảng Trị"),
    ("046", "Thừa Thiên Huế"), ("048", "Đà Nẵng"), ("049", "Quảng Nam"), ("051", "Quảng Ngãi"), ("052", "Bình Định"),
    ("054", "Phú Yên"), ("056", "Khánh Hòa"), ("058", "Ninh Thuận"), ("060", "Bình Thuận"), ("062", "Kon Tum"),
    ("064", "Gia Lai"), ("066", "Đắk Lắk"), ("067", "Đắk Nông"), ("068", "Lâm Đồng"), ("070", "Bình Phước"),
    ("072", "Tây Ninh"), ("074", "Bình Dương"), ("075", "Đồng Nai"), ("077", "Bà Rịa - Vũng Tàu"),
    ("079", "Hồ Chí Minh"), ("080", "Long An"), ("082", "Tiền Giang"), ("083", "Bến Tre"), ("084", "Trà Vinh"),
    ("086", "Vĩnh Long"), ("087", "Đồng Tháp"), ("089", "An Giang"), ("091", "Kiên Giang"), ("092", "Cần Thơ"),
    ("093", "Hậu Giang"), ("094", "Sóc Trăng"), ("095", "Bạc Liêu"), ("096", "Cà Mau"),
]  # fmt: skip


def seed(apps, schema_editor):
    Organisation = apps.get_model("members", "Organisation")
    CccdProvinceCode = apps.get_model("members", "CccdProvinceCode")
    for code, name, short, kind, low, high, sex, word, order in ORGANISATIONS:
        Organisation.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "unit_kind": kind,
                "is_socio_political": True,
                "min_age": low,
                "max_age": high,
                "sex_only": sex,
                "branch_word": word,
                "sort_order": order,
            },
        )
    for code, name in CCCD_PROVINCES:
        CccdProvinceCode.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
