"""Records for the faiths tests, made through the services as a real officer would."""

from danvan.faiths import services
from danvan.faiths.models import Establishment, HolidayDate, Religion
from danvan.organisations.models import OrgUnit

COMMUNE = "C7288-DU"


def pagoda(actor, *, unit: str = COMMUNE, name: str = "Chùa Thử", dignitaries=None):
    return services.establishment_register(
        actor=actor,
        unit=OrgUnit.objects.get(code=unit),
        religion=Religion.objects.get(slug="phat-giao"),
        kind=Establishment.Kind.PAGODA,
        name=name,
        dignitaries=dignitaries
        if dignitaries is not None
        else [{"full_name": "Thích Thanh Tâm", "position": "Trụ trì", "birth_year": 1970}],
        followers_year=2026,
        followers=300,
    )


def holiday(slug: str, year: int = 2026) -> HolidayDate:
    return HolidayDate.objects.get(holiday__slug=slug, year=year)
