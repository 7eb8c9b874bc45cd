"""Districts merged away between 2019 and 2025, before the gazetteer's last legacy map, that articles of their time
still name ("Đại hội Đoàn … huyện Mỹ Lộc", 2022): each with the province it belonged to (ingest13r).

Only names no district on the legacy map shares, so that adding them makes no name ambiguous (Kỳ Sơn of Hòa Bình,
merged in 2020, is left out: Nghệ An has one).
"""

from __future__ import annotations

MERGED_DISTRICTS = (
    ("Hoành Bồ", "Quảng Ninh"),  # into Hạ Long, 2019
    ("Thông Nông", "Cao Bằng"),  # into Hà Quảng, 2020
    ("Trà Lĩnh", "Cao Bằng"),  # into Trùng Khánh, 2020
    ("Quảng Uyên", "Cao Bằng"),  # with Phục Hòa into Quảng Hòa, 2020
    ("Phục Hòa", "Cao Bằng"),
    ("Mỹ Lộc", "Nam Định"),  # into the city of Nam Định, 2025
    ("Yên Dũng", "Bắc Giang"),  # into Bắc Giang and Việt Yên, 2025
)
