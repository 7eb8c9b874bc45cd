"""Small helpers for the petitions tests."""

import datetime as dt

from danvan.organisations.models import OrgUnit
from danvan.petitions.models import PetitionField
from danvan.petitions.services import petition_receive

TODAY = dt.date(2026, 3, 2)  # a Monday, away from holidays


def receive(actor, *, unit_code="P24-TU", category="khieu_nai", people=None, today=TODAY, **kwargs):
    data = dict(
        unit=OrgUnit.objects.get(code=unit_code),
        source="buu_chinh",
        category=category,
        field=PetitionField.objects.get(code="dat-dai"),
        content="Tranh chấp đất đai với hộ liền kề tại thôn Đông, đề nghị xem xét lại quyết định thu hồi đất.",
        received_on=today,
        petitioners=people
        if people is not None
        else [{"full_name": "Nguyễn Văn An", "cccd": "024123456789", "phone": "0912 345 678"}],
        respondent="UBND xã Yên Thế",
        today=today,
    )
    data.update(kwargs)
    return petition_receive(actor=actor, **data)
