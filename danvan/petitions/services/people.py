"""Petitioners: citizen IDs, phone numbers, and the people on a petition."""

import re

from danvan.core.errors import ApplicationError
from danvan.core.text import fold
from danvan.petitions.models import (
    Petition,
)

Status = Petition.Status


# --- People -----------------------------------------------------------------------------------------

_PHONE_JUNK = re.compile(r"[\s.\-()]")
PERSON_KEYS = ("full_name", "cccd", "phone", "address", "is_representative")


def clean_cccd(value: str, *, field: str = "cccd") -> str:
    value = (value or "").strip()
    if value and not re.fullmatch(r"\d{12}", value):
        raise ApplicationError("Số CCCD: phải gồm đúng 12 chữ số, ví dụ 001203004567.", field=field)
    return value


def clean_phone(value: str, *, field: str = "phone") -> str:
    value = _PHONE_JUNK.sub("", value or "")
    if value.startswith("+84"):
        value = "0" + value[3:]
    elif value.startswith("84") and len(value) == 11:
        value = "0" + value[2:]
    if value and not re.fullmatch(r"0\d{9,10}", value):
        raise ApplicationError(
            "Số điện thoại: 10 chữ số bắt đầu bằng 0 (hoặc +84), ví dụ 0912 345 678.",
            field=field,
        )
    return value


def _clean_people(people: list[dict], *, anonymous: bool, group: bool) -> list[dict]:
    cleaned = []
    for i, person in enumerate(people):
        prefix = f"petitioners-{i}-"
        name = " ".join((person.get("full_name") or "").split())
        row = {
            "full_name": name,
            "name_folded": fold(name),
            "cccd": clean_cccd(person.get("cccd", ""), field=prefix + "cccd"),
            "phone": clean_phone(person.get("phone", ""), field=prefix + "phone"),
            "address": " ".join((person.get("address") or "").split())[:255],
            "is_representative": bool(person.get("is_representative")),
        }
        if not any(row[k] for k in ("full_name", "cccd", "phone", "address")):
            continue  # an empty form row
        if not name:
            raise ApplicationError(
                "Họ và tên người gửi đơn: bắt buộc khi đã nhập thông tin khác.", field=prefix + "full_name"
            )
        cleaned.append(row)
    if not anonymous and not cleaned:
        raise ApplicationError(
            "Người gửi đơn: hãy nhập ít nhất một người (hoặc đánh dấu đơn nặc danh).", field="petitioners"
        )
    if group and cleaned and not any(p["is_representative"] for p in cleaned):
        raise ApplicationError("Đơn tập thể: hãy đánh dấu ít nhất một người đại diện.", field="petitioners")
    return cleaned
