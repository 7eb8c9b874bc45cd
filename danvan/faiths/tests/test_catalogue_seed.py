import datetime as dt

import pytest

from danvan.faiths.models import Denomination, EthnicGroup, HolidayDate, Religion
from danvan.faiths.seed import catalogue_seed

pytestmark = pytest.mark.django_db


def test_the_catalogue_holds_the_54_ethnic_groups_and_the_16_religions():
    assert EthnicGroup.objects.count() == 54
    assert EthnicGroup.objects.get(number=1).name == "Kinh"
    assert EthnicGroup.objects.get(number=54).name == "Rơ-măm"
    assert Religion.objects.count() == 16
    assert Denomination.objects.filter(religion__slug="phat-giao", name="Giáo hội Phật giáo Việt Nam").exists()


def test_lunar_holidays_are_stored_as_the_solar_date_of_the_year_with_a_source():
    phat_dan = HolidayDate.objects.get(holiday__slug="phat-dan", year=2026)
    assert phat_dan.date == dt.date(2026, 5, 31)
    assert "Âm lịch" in phat_dan.source
    assert HolidayDate.objects.get(holiday__slug="giang-sinh", year=2026).date == dt.date(2026, 12, 25)


def test_seeding_again_adds_nothing_and_keeps_an_administrators_edit():
    from django.apps import apps

    Religion.objects.filter(slug="phat-giao").update(name="Phật giáo (sửa)")
    catalogue_seed(apps)
    assert EthnicGroup.objects.count() == 54 and Religion.objects.count() == 16
    assert Religion.objects.get(slug="phat-giao").name == "Phật giáo (sửa)"
