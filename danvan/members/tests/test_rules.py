import datetime as dt

import pytest

from danvan.members.rules import cccd_problem, eligibility_problem

pytestmark = pytest.mark.django_db


def test_a_cccd_must_be_twelve_digits():
    assert "12 chữ số" in cccd_problem("02418000123")
    assert "12 chữ số" in cccd_problem("02418000123x")
    assert "12 chữ số" in cccd_problem("０２４１８０００１２３４")  # full-width digits are not ASCII digits


def test_a_cccd_with_an_impossible_province_code_is_refused():
    # 003 was never a province code (Hà Giang is 002, Cao Bằng 004).
    assert "003" in cccd_problem("003180001234")
    assert cccd_problem("024180001234") is None


def test_a_cccd_must_agree_with_the_year_of_birth_and_sex():
    assert cccd_problem("024180001234", birth_date=dt.date(1980, 1, 1), sex="F") is None
    assert "năm sinh" in cccd_problem("024180001234", birth_date=dt.date(1981, 1, 1), sex="F")
    assert "giới tính" in cccd_problem("024180001234", birth_date=dt.date(1980, 1, 1), sex="M")
    assert cccd_problem("024205001234", birth_date=dt.date(2005, 1, 1), sex="M") is None


def test_the_age_limits_and_the_womens_union_come_from_data(org):
    farmers, women, youth = org("HND"), org("HPN"), org("DTN")
    today = dt.date(2026, 12, 5)
    assert "18" in eligibility_problem(farmers, birth_date=dt.date(2010, 1, 1), sex="M", on=today)
    assert eligibility_problem(farmers, birth_date=dt.date(2000, 1, 1), sex="M", on=today) is None
    assert "nữ" in eligibility_problem(women, birth_date=dt.date(1990, 1, 1), sex="M", on=today)
    assert "30" in eligibility_problem(youth, birth_date=dt.date(1980, 1, 1), sex="F", on=today)
    farmers.min_age = 16
    farmers.save()
    assert eligibility_problem(farmers, birth_date=dt.date(2010, 1, 1), sex="M", on=today) is None
