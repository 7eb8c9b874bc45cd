import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.contests import services
from danvan.contests.models import Contest
from danvan.contests.tests.factories import DAY, contest, unit
from danvan.core.errors import ApplicationError


def test_an_officer_creates_a_contest_with_a_yearly_code_and_an_audit_event(commune_officer_a):
    c = contest(commune_officer_a)
    assert c.code == "HT-2026-000001" and c.status == Contest.Status.PREPARING
    assert c.tie_break_order == ["xu_ly_tinh_huong", "kien_thuc", "tieu_pham"]
    assert contest(commune_officer_a, name="Hội thi thứ hai").code == "HT-2026-000002"
    event = AuditEvent.objects.get(action=Action.CONTEST_CREATED, target_id=c.code)
    assert event.actor == commune_officer_a and event.after["name"] == c.name


def test_a_unit_outside_the_officers_subtree_is_refused(commune_officer_a, officer_b):
    with pytest.raises(ApplicationError) as e:
        contest(commune_officer_a, "P24-TU")
    assert e.value.code == "forbidden"
    with pytest.raises(ApplicationError):
        contest(officer_b, "C7288-DU")
    assert not Contest.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "  "}, "name", "Hãy nhập tên hội thi."),
        ({"ends_on": DAY.replace(day=1)}, "ends_on", "“Ngày kết thúc” phải cùng hoặc sau ngày bắt đầu."),
        ({"trim_min_judges": 2}, "trim_min_judges", None),
        ({"tie_break_order": ["kien_thuc", "kien_thuc"]}, "tie_break_order", None),
        ({"prize_first": 0, "prize_second": 0, "prize_third": 0}, "prize_first", None),
        ({"prize_third": 101}, "prize_third", "“Số giải Ba”: phải từ 0 đến 100."),
    ],
)
def test_bad_settings_name_the_field_and_write_nothing(commune_officer_a, changes, field, message):
    with pytest.raises(ApplicationError) as e:
        contest(commune_officer_a, **changes)
    assert e.value.field == field
    if message:
        assert e.value.message == message
    assert not Contest.objects.exists() and not AuditEvent.objects.filter(action=Action.CONTEST_CREATED).exists()


def test_an_update_records_before_and_after_and_a_finished_contest_is_locked(commune_officer_a, officer_a):
    c = contest(commune_officer_a)
    services.contest_update(actor=officer_a, contest=c, venue="Nhà văn hóa xã", prize_encouragement=2)
    event = AuditEvent.objects.get(action=Action.CONTEST_UPDATED)
    assert event.before["venue"] == "" and event.after["venue"] == "Nhà văn hóa xã"
    Contest.objects.filter(pk=c.pk).update(status=Contest.Status.FINISHED)
    with pytest.raises(ApplicationError) as e:
        services.contest_update(actor=officer_a, contest=c, venue="Khác")
    assert e.value.code == "locked"


def test_a_team_must_come_from_the_organising_units_subtree_once(commune_officer_a):
    c = contest(commune_officer_a)
    services.team_add(actor=commune_officer_a, contest=c, unit=unit("C7288-HND"), draw_number=1)
    for code, field in (("C30463-DU", "unit"), ("C7288-HND", "unit")):
        with pytest.raises(ApplicationError) as e:
            services.team_add(actor=commune_officer_a, contest=c, unit=unit(code))
        assert e.value.field == field
    with pytest.raises(ApplicationError) as e:
        services.team_add(actor=commune_officer_a, contest=c, unit=unit("C7288-HPN"), draw_number=1)
    assert e.value.message == "“Số bốc thăm”: số 1 đã thuộc đội khác."
    assert c.teams.count() == 1


def test_the_first_round_enters_every_team_and_later_rounds_are_chosen(commune_officer_a):
    c = contest(commune_officer_a)
    services.team_add(actor=commune_officer_a, contest=c, unit=unit("C7288-HND"))
    first = services.round_create(actor=commune_officer_a, contest=c, name="Vòng sơ khảo")
    services.team_add(actor=commune_officer_a, contest=c, unit=unit("C7288-HPN"))
    final = services.round_create(actor=commune_officer_a, contest=c, name="Vòng chung kết")
    assert first.entries.count() == 2 and final.entries.count() == 0 and final.order == 2
    services.round_teams_set(actor=commune_officer_a, round=final, teams=list(c.teams.filter(unit__code="C7288-HPN")))
    assert [e.team.unit.code for e in final.entries.all()] == ["C7288-HPN"]
