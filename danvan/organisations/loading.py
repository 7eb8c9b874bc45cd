"""What the national data says: administrative units from `vietnam-provinces`, and the political-system
bodies danvan creates for every province and commune. Pure functions; services.py writes the rows."""

import datetime as dt
from dataclasses import dataclass

from danvan.core.text import fold

PROVINCES_FROM = dt.date(2025, 6, 12)  # NQ 202/2025/QH15: 34 provincial units
COMMUNES_FROM = dt.date(2025, 7, 1)  # two-level local government
LEGACY_PROVINCES_TO = dt.date(2025, 6, 11)
LEGACY_COMMUNES_TO = dt.date(2025, 6, 30)


@dataclass(frozen=True)
class AdminUnitRow:
    code: str
    generation: str
    level: str
    gso_code: int
    division_type: str
    name: str
    codename: str
    parent_code: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None

    @property
    def name_folded(self) -> str:
        return fold(self.name)


def admin_unit_rows() -> list[AdminUnitRow]:
    """Every unit in the package, parents before children."""
    from vietnam_provinces import Province, Ward
    from vietnam_provinces.legacy import District as LegacyDistrict
    from vietnam_provinces.legacy import Province as LegacyProvince
    from vietnam_provinces.legacy import Ward as LegacyWard

    rows: list[AdminUnitRow] = []
    for p in Province.iter_all():
        rows.append(
            AdminUnitRow(
                f"P{p.code.value}",
                "current",
                "province",
                p.code.value,
                p.division_type.value,
                p.name,
                p.codename,
                None,
                PROVINCES_FROM,
                None,
            )
        )
    for w in Ward.iter_all():
        rows.append(
            AdminUnitRow(
                f"C{w.code.value}",
                "current",
                "commune",
                w.code.value,
                w.division_type.value,
                w.name,
                w.codename,
                f"P{w.province_code.value}",
                COMMUNES_FROM,
                None,
            )
        )
    for p in LegacyProvince.iter_all():
        rows.append(
            AdminUnitRow(
                f"LP{p.code.value}",
                "legacy",
                "province",
                p.code.value,
                p.division_type.value,
                p.name,
                p.codename,
                None,
                None,
                LEGACY_PROVINCES_TO,
            )
        )
    for d in LegacyDistrict.iter_all():
        rows.append(
            AdminUnitRow(
                f"LD{d.code.value}",
                "legacy",
                "district",
                d.code.value,
                d.division_type.value,
                d.name,
                d.codename,
                f"LP{d.province_code.value}",
                None,
                LEGACY_COMMUNES_TO,
            )
        )
    for w in LegacyWard.iter_all():
        rows.append(
            AdminUnitRow(
                f"LC{w.code.value}",
                "legacy",
                "commune",
                w.code.value,
                w.division_type.value,
                w.name,
                w.codename,
                f"LD{w.district_code.value}",
                None,
                LEGACY_COMMUNES_TO,
            )
        )
    return rows


def succession_rows() -> list[tuple[str, str, bool, dt.date]]:
    """(legacy code, current code, partial?, effective date) for provinces and communes."""
    from vietnam_provinces._province_conversion_2025 import OLD_TO_NEW as PROVINCES
    from vietnam_provinces._ward_conversion_2025 import OLD_TO_NEW as WARDS

    rows = []
    for old_code, entry in PROVINCES.items():
        partial = len(entry.new_provinces) > 1
        for new in entry.new_provinces:
            rows.append((f"LP{old_code}", f"P{new.code}", partial, PROVINCES_FROM))
    for old_code, entry in WARDS.items():
        for new in entry.new_wards:
            rows.append((f"LC{old_code}", f"C{new.code}", entry.old_ward.is_partly_merged, COMMUNES_FROM))
    return rows


# --- The political-system bodies -------------------------------------------------------------


@dataclass(frozen=True)
class OrgUnitRow:
    code: str
    name: str
    kind: str
    level: str
    admin_code: str | None
    parent_code: str | None
    has_danvan_function: bool
    sort_order: int


def strip_type(name: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if name.startswith(prefix + " "):
            return name[len(prefix) + 1 :]
    return name


PROVINCE_PREFIXES = ("Thành phố", "Tỉnh")
COMMUNE_PREFIXES = ("Xã", "Phường", "Đặc khu")

CENTRAL_BODIES = (
    # code suffix, name, kind, danvan?, parent suffix
    ("TGDV", "Ban Tuyên giáo và Dân vận Trung ương", "tgdv_board", True, None),
    ("MTTQ", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "fatherland_front", False, None),
    ("HND", "Trung ương Hội Nông dân Việt Nam", "farmers_union", False, "MTTQ"),
    ("HPN", "Trung ương Hội Liên hiệp Phụ nữ Việt Nam", "womens_union", False, "MTTQ"),
    ("DTN", "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh", "youth_union", False, "MTTQ"),
    ("CCB", "Trung ương Hội Cựu chiến binh Việt Nam", "veterans", False, "MTTQ"),
    ("CD", "Tổng Liên đoàn Lao động Việt Nam", "trade_union", False, "MTTQ"),
    ("QH", "Quốc hội", "legislature", False, None),
    ("CP", "Chính phủ", "government", False, None),
    ("BCA", "Bộ Công an", "police", False, None),
    ("BQP", "Bộ Quốc phòng", "military", False, None),
)


def province_bodies(kind_word: str, place: str, is_city: bool):
    """(suffix, name, kind, danvan?, parent suffix) for the bodies of one province."""
    committee = "Thành ủy" if is_city else "Tỉnh ủy"
    return (
        ("TU", f"{committee} {place}", "party_committee", False, None),
        ("TGDV", f"Ban Tuyên giáo và Dân vận {committee} {place}", "tgdv_board", True, "TU"),
        ("MTTQ", f"Ủy ban MTTQ Việt Nam {kind_word} {place}", "fatherland_front", False, "TU"),
        ("HND", f"Hội Nông dân {kind_word} {place}", "farmers_union", False, "MTTQ"),
        ("HPN", f"Hội Liên hiệp Phụ nữ {kind_word} {place}", "womens_union", False, "MTTQ"),
        ("DTN", f"Đoàn TNCS Hồ Chí Minh {kind_word} {place}", "youth_union", False, "MTTQ"),
        ("CCB", f"Hội Cựu chiến binh {kind_word} {place}", "veterans", False, "MTTQ"),
        ("CD", f"Liên đoàn Lao động {kind_word} {place}", "trade_union", False, "MTTQ"),
        ("HDND", f"HĐND {kind_word} {place}", "peoples_council", False, "TU"),
        ("UBND", f"UBND {kind_word} {place}", "peoples_committee", False, "TU"),
        ("CA", f"Công an {kind_word} {place}", "police", False, "TU"),
        ("QS", f"Bộ Chỉ huy Quân sự {kind_word} {place}", "military", False, "TU"),
    )


def commune_bodies(kind_word: str, place: str):
    return (
        ("DU", f"Đảng ủy {kind_word} {place}", "party_committee", False, None),
        ("KDV", f"Khối dân vận {kind_word} {place}", "danvan_bloc", True, "DU"),
        ("MTTQ", f"Ủy ban MTTQ Việt Nam {kind_word} {place}", "fatherland_front", False, "DU"),
        ("HND", f"Hội Nông dân {kind_word} {place}", "farmers_union", False, "MTTQ"),
        ("HPN", f"Hội Liên hiệp Phụ nữ {kind_word} {place}", "womens_union", False, "MTTQ"),
        ("DTN", f"Đoàn Thanh niên {kind_word} {place}", "youth_union", False, "MTTQ"),
        ("CCB", f"Hội Cựu chiến binh {kind_word} {place}", "veterans", False, "MTTQ"),
        ("HDND", f"HĐND {kind_word} {place}", "peoples_council", False, "DU"),
        ("UBND", f"UBND {kind_word} {place}", "peoples_committee", False, "DU"),
        ("CA", f"Công an {kind_word} {place}", "police", False, "DU"),
        ("QS", f"Ban Chỉ huy Quân sự {kind_word} {place}", "military", False, "DU"),
    )


def org_unit_rows(provinces, communes_by_province) -> list[OrgUnitRow]:
    """The national tree, parents before children.

    `provinces`: current province AdminUnits; `communes_by_province`: {province code: [commune AdminUnits]}.
    """
    rows = [
        OrgUnitRow(
            "TW", "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam", "party_committee", "central", None, None, False, 0
        )
    ]
    for i, (suffix, name, kind, danvan, parent) in enumerate(CENTRAL_BODIES, start=1):
        rows.append(
            OrgUnitRow(f"TW-{suffix}", name, kind, "central", None, f"TW-{parent}" if parent else "TW", danvan, i)
        )
    for p_index, province in enumerate(sorted(provinces, key=lambda p: p.gso_code), start=100):
        is_city = province.division_type.startswith("thành phố")
        place = strip_type(province.name, PROVINCE_PREFIXES)
        kind_word = "thành phố" if is_city else "tỉnh"
        prefix = f"P{province.gso_code}"
        for i, (suffix, name, kind, danvan, parent) in enumerate(province_bodies(kind_word, place, is_city)):
            parent_code = f"{prefix}-{parent}" if parent else "TW"
            rows.append(
                OrgUnitRow(
                    f"{prefix}-{suffix}",
                    name,
                    kind,
                    "province",
                    province.code,
                    parent_code,
                    danvan,
                    p_index if suffix == "TU" else i,
                )
            )
        for c_index, commune in enumerate(communes_by_province.get(province.code, ()), start=100):
            kind_word = commune.division_type
            place_c = strip_type(commune.name, COMMUNE_PREFIXES)
            cprefix = f"C{commune.gso_code}"
            for i, (suffix, name, kind, danvan, parent) in enumerate(commune_bodies(kind_word, place_c)):
                parent_code = f"{cprefix}-{parent}" if parent else f"{prefix}-TU"
                rows.append(
                    OrgUnitRow(
                        f"{cprefix}-{suffix}",
                        name,
                        kind,
                        "commune",
                        commune.code,
                        parent_code,
                        danvan,
                        c_index if suffix == "DU" else i,
                    )
                )
    return rows
