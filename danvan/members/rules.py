"""The rules a member's record is checked against, shared by the forms, the services and the import.

The figures behind them are data (Organisation.min_age/max_age/sex_only, CccdProvinceCode): DOMAIN.md marks the
charters' ages [unconfirmed], so a province corrects them without a release.
"""

import datetime as dt

from danvan.members.models import CccdProvinceCode, Organisation

# A retired branch (members/corrections.py) takes no new members.
RETIRED = "Chi hội: {name} đã giải thể ngày {on:%d/%m/%Y}; hãy thêm vào chi hội đã nhận hội viên của nó."


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def province_codes() -> frozenset[str]:
    return frozenset(CccdProvinceCode.objects.values_list("code", flat=True))


def cccd_problem(
    cccd: str, *, birth_date: dt.date | None = None, sex: str = "", codes: frozenset[str] | None = None
) -> str | None:
    """What is wrong with `cccd` (already stripped), in Vietnamese with the fix; None when it is plausible.

    Structure (Thông tư 07/2016/TT-BCA): 3 digits province of birth registration, 1 digit century and sex
    (0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s), 2 digits year of birth, 6 digits random."""
    if not (cccd.isascii() and cccd.isdecimal() and len(cccd) == 12):
        return "phải gồm đúng 12 chữ số (số căn cước in trên thẻ); bỏ trống nếu không có."
    codes = province_codes() if codes is None else codes
    if cccd[:3] not in codes:
        return f"ba số đầu “{cccd[:3]}” không phải mã tỉnh nơi đăng ký khai sinh; kiểm tra lại số căn cước trên thẻ."
    if birth_date is not None:
        century_sex = int(cccd[3])
        century = 1900 + 100 * (century_sex // 2)
        if century_sex > 5 or century + int(cccd[4:6]) != birth_date.year:
            return (
                f"số thứ 4–6 ({cccd[3:6]}) không khớp năm sinh {birth_date.year}; "
                "kiểm tra lại số căn cước hoặc ngày sinh."
            )
        if sex and sex != ("F" if century_sex % 2 else "M"):
            return "số thứ 4 không khớp giới tính; kiểm tra lại số căn cước hoặc giới tính."
    return None


def eligibility_problem(organisation: Organisation, *, birth_date: dt.date, sex: str, on: dt.date) -> str | None:
    """Why the person cannot be a member of `organisation` on `on` (age limits, one-sex organisations)."""
    age = age_on(birth_date, on)
    if organisation.min_age is not None and age < organisation.min_age:
        return (
            f"{age} tuổi, chưa đủ {organisation.min_age} tuổi để vào {organisation.short_name}; kiểm tra lại ngày sinh."
        )
    if organisation.max_age is not None and age > organisation.max_age:
        return f"{age} tuổi, quá {organisation.max_age} tuổi của {organisation.short_name}; kiểm tra lại ngày sinh."
    if organisation.sex_only and sex and sex != organisation.sex_only:
        only = "nữ" if organisation.sex_only == "F" else "nam"
        return f"{organisation.short_name} chỉ kết nạp {only}; kiểm tra lại giới tính."
    return None
