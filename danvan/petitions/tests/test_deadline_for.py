"""One case per seeded rule row (calendar vs working days, extensions, remote variant), and holiday spans.

Start date Monday 03/03/2025 unless the case is about a holiday. A calendar limit ending on a day off rolls
to the next working day (BLDS 2015 Điều 148.5).
"""

import datetime as dt

import pytest

from danvan.core.errors import ApplicationError
from danvan.petitions.deadlines import add_days, deadline_for
from danvan.petitions.models import DeadlineRule, Holiday

pytestmark = pytest.mark.django_db

D = dt.date
MON = D(2025, 3, 3)

CASES = [
    # (procedure, step, kwargs, expected due, days counted)
    ("khieu_nai", "thoi_hieu", {}, D(2025, 6, 2), 90),  # day 90 is Sunday 01/06
    ("khieu_nai", "thu_ly_lan_1", {}, D(2025, 3, 13), 10),
    ("khieu_nai", "giai_quyet_lan_1", {}, D(2025, 4, 2), 30),
    ("khieu_nai", "giai_quyet_lan_1", {"complex": True}, D(2025, 4, 17), 45),
    ("khieu_nai", "giai_quyet_lan_1", {"remote": True}, D(2025, 4, 17), 45),
    # 60 days end on 02/05/2025, a substitute day off, then a weekend.
    ("khieu_nai", "giai_quyet_lan_1", {"remote": True, "complex": True}, D(2025, 5, 5), 60),
    ("khieu_nai", "khieu_nai_lan_2", {}, D(2025, 4, 2), 30),
    ("khieu_nai", "khieu_nai_lan_2", {"remote": True}, D(2025, 4, 17), 45),
    ("khieu_nai", "thu_ly_lan_2", {}, D(2025, 3, 13), 10),
    ("khieu_nai", "giai_quyet_lan_2", {}, D(2025, 4, 17), 45),
    ("khieu_nai", "giai_quyet_lan_2", {"complex": True}, D(2025, 5, 5), 60),
    ("khieu_nai", "giai_quyet_lan_2", {"remote": True}, D(2025, 5, 5), 60),
    ("khieu_nai", "giai_quyet_lan_2", {"remote": True, "complex": True}, D(2025, 5, 12), 70),
    ("khieu_nai", "hieu_luc_qd_lan_1", {}, D(2025, 4, 2), 30),
    ("khieu_nai", "hieu_luc_qd_lan_1", {"remote": True}, D(2025, 4, 17), 45),
    ("khieu_nai", "hieu_luc_qd_lan_2", {}, D(2025, 4, 2), 30),
    ("khieu_nai", "hieu_luc_qd_lan_2", {"remote": True}, D(2025, 4, 17), 45),
    ("to_cao", "xu_ly_ban_dau", {}, D(2025, 3, 12), 7),  # working days
    ("to_cao", "xu_ly_ban_dau", {"complex": True}, D(2025, 3, 17), 10),
    ("to_cao", "giai_quyet", {}, D(2025, 4, 2), 30),
    ("to_cao", "giai_quyet", {"extensions": 1}, D(2025, 5, 5), 60),
    ("to_cao", "giai_quyet", {"extensions": 2}, D(2025, 6, 2), 90),
    ("xu_ly_don", "xu_ly", {}, D(2025, 3, 13), 10),
    ("tiep_cong_dan", "bao_tin_nhan_don_dang", {}, D(2025, 3, 17), 10),  # working days
]


@pytest.mark.parametrize(("procedure", "step", "kwargs", "expected", "days"), CASES)
def test_each_seeded_rule_gives_its_legal_deadline(procedure, step, kwargs, expected, days):
    deadline = deadline_for(procedure, step, MON, **kwargs)
    assert (deadline.due, deadline.days) == (expected, days)
    assert deadline.rule.legal_basis in deadline.basis


def test_every_seeded_rule_row_has_a_case():
    seeded = set(DeadlineRule.objects.values_list("procedure", "step"))
    assert seeded == {(c[0], c[1]) for c in CASES}
    assert DeadlineRule.objects.filter(effective_to__isnull=False).count() == 0


def test_the_denunciation_rule_allows_two_extensions_and_no_third():
    with pytest.raises(ApplicationError) as exc:
        deadline_for("to_cao", "giai_quyet", MON, extensions=3)
    assert exc.value.field == "extensions" and "tối đa 2" in exc.value.message


def test_a_step_without_extensions_keeps_its_limit_for_a_complex_case():
    assert deadline_for("khieu_nai", "thu_ly_lan_1", MON, complex=True).due == D(2025, 3, 13)


def test_the_initial_handling_rule_says_in_words_that_it_is_to_be_confirmed():
    basis = deadline_for("to_cao", "xu_ly_ban_dau", MON).rule.legal_basis
    assert "thời hạn cần được đối chiếu" in basis and "[unconfirmed]" not in basis


def test_a_calendar_limit_ending_in_tet_rolls_past_it():
    # 10/02/2026 + 10 days = 20/02, inside Tết Bính Ngọ (14–22/02): due Monday 23/02.
    assert deadline_for("xu_ly_don", "xu_ly", D(2026, 2, 10)).due == D(2026, 2, 23)


def test_working_days_skip_tet_and_weekends():
    # Thursday 12/02/2026: Friday 13 counts, Tết and the weekend do not, 6 more from Monday 23/02.
    assert deadline_for("to_cao", "xu_ly_ban_dau", D(2026, 2, 12)).due == D(2026, 3, 2)


def test_working_days_skip_hung_kings_substitute_day_and_30_4_1_5():
    # Monday 20/04/2026: 27/04 (nghỉ bù Giỗ Tổ), 30/04, 01/05 are off.
    assert deadline_for("tiep_cong_dan", "bao_tin_nhan_don_dang", D(2026, 4, 20)).due == D(2026, 5, 7)


def test_a_calendar_limit_ending_on_a_substitute_day_rolls_to_the_next_working_day():
    assert deadline_for("xu_ly_don", "xu_ly", D(2026, 4, 17)).due == D(2026, 4, 28)


def test_a_holiday_added_later_moves_the_deadline():
    assert deadline_for("xu_ly_don", "xu_ly", D(2026, 11, 13)).due == D(2026, 11, 23)
    Holiday.objects.create(date=D(2026, 11, 24), name="Ngày Văn hóa Việt Nam")
    Holiday.objects.create(date=D(2026, 11, 23), name="Ngày nghỉ thử")
    assert deadline_for("xu_ly_don", "xu_ly", D(2026, 11, 13)).due == D(2026, 11, 25)


def test_the_holiday_calendar_covers_tet_2024_to_2027():
    for year, first_day in [(2024, D(2024, 2, 8)), (2025, D(2025, 1, 25)), (2026, D(2026, 2, 14))]:
        assert Holiday.objects.filter(date=first_day, name__startswith="Tết Nguyên đán").exists(), year
    assert Holiday.objects.filter(date__year=2027, name__startswith="Tết", is_estimate=True).count() == 7


def test_add_days_is_pure_date_arithmetic():
    assert add_days(D(2025, 3, 7), 1, "working", set()) == D(2025, 3, 10)
    assert add_days(D(2025, 3, 7), 1, "calendar", set(), roll=False) == D(2025, 3, 8)
    assert add_days(D(2025, 3, 7), 1, "calendar", set()) == D(2025, 3, 10)


def test_a_step_with_no_rule_in_force_is_a_clear_error():
    with pytest.raises(ApplicationError) as exc:
        deadline_for("to_cao", "giai_quyet", D(2018, 6, 1))
    assert "01/06/2018" in exc.value.message and exc.value.code == "no_rule"
