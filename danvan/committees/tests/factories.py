import datetime as dt

from danvan.committees import services
from danvan.committees.models import Position, Subject
from danvan.committees.services import Decision, MemberRow
from danvan.organisations.models import OrgUnit


def position(slug: str) -> Position:
    return Position.objects.get(slug=slug)


def rows(*spec) -> list[MemberRow]:
    """rows(("truong-ban", "P24-TU", "Nguyễn Văn An"), …); a user instead of a name links the account."""
    out = []
    for slug, body, who in spec:
        person = None if isinstance(who, str) else who
        out.append(
            MemberRow(
                position=position(slug),
                body=OrgUnit.objects.get(code=body),
                person=person,
                name=who if isinstance(who, str) else "",
            )
        )
    return out


def decision(number="125-QĐ/TU", date=dt.date(2026, 3, 2), signer="T/M Ban Thường vụ, Bí thư Nguyễn Văn A"):
    return Decision(number=number, date=date, signer=signer)


def qcdc(actor, unit_code="P24-TU", **kw):
    data = {
        "actor": actor,
        "unit": OrgUnit.objects.get(code=unit_code),
        "kind": "steering",
        "subject": Subject.objects.get(slug="qcdc"),
        "name": "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở tỉnh Bắc Ninh",
        "decision": decision(),
        "members": rows(
            ("truong-ban", "P24-TU", "Nguyễn Văn An"),
            ("pho-truong-ban", "P24-TGDV", "Trần Thị Bình"),
            ("thanh-vien", "P24-MTTQ", "Lê Văn Cường"),
        ),
    }
    data.update(kw)
    return services.committee_establish(**data)
