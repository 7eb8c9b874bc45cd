import pytest

from conftest import make_user
from danvan.audit.models import Action, AuditEvent
from danvan.contests import services
from danvan.contests.models import Contest, Prize
from danvan.contests.tests.factories import ready, score_all
from danvan.contests.tests.test_round_standings import MARKS, scored  # noqa: F401  (fixture)
from danvan.core.errors import ApplicationError


def test_a_tie_across_a_prize_boundary_is_refused_and_nothing_is_awarded(scored, commune_officer_a):  # noqa: F811
    c, round, teams = scored
    with pytest.raises(ApplicationError) as e:
        services.contest_prizes_award(actor=commune_officer_a, contest=c)
    assert e.value.code == "tie" and e.value.field == "tie_break_order"
    assert e.value.message == (
        "Đội “Đội Ủy ban MTTQ Việt Nam xã Yên Thế” và đội “Đội Đoàn Thanh niên xã Yên Thế” bằng điểm (49) ở ranh "
        "giới của Giải Ba: hãy bổ sung thứ tự xét khi bằng điểm (hoặc đổi số giải) rồi trao giải lại."
    )
    assert not Prize.objects.exists() and not AuditEvent.objects.filter(action=Action.CONTEST_PRIZES_AWARDED).exists()


def test_with_room_for_both_tied_teams_the_prizes_follow_the_ranking(scored, commune_officer_a):  # noqa: F811
    c, round, teams = scored
    services.contest_update(actor=commune_officer_a, contest=c, prize_third=2)
    prizes = services.contest_prizes_award(actor=commune_officer_a, contest=c)
    assert [(p.team, p.label, p.rank) for p in prizes] == [
        (teams[2], "Giải Nhất", 1),
        (teams[1], "Giải Nhì", 2),
        (teams[0], "Giải Ba", 3),
        (teams[3], "Giải Ba", 3),
    ]
    # Awarding again replaces the awards, audited with before and after.
    services.contest_update(actor=commune_officer_a, contest=c, prize_third=0, prize_encouragement=2)
    services.contest_prizes_award(actor=commune_officer_a, contest=c)
    assert list(Prize.objects.values_list("label", flat=True)) == [
        "Giải Nhất",
        "Giải Nhì",
        "Giải Khuyến khích",
        "Giải Khuyến khích",
    ]
    event = AuditEvent.objects.filter(action=Action.CONTEST_PRIZES_AWARDED).latest("id")
    assert len(event.before["prizes"]) == 4 and "Giải Khuyến khích" in event.after["prizes"][2]


def test_prizes_wait_for_every_part_to_be_scored(commune_officer_a, officer_a):
    c, round, parts, teams, _ = ready(commune_officer_a, judges=[(officer_a, "P24-TGDV")])
    for team in teams[:3]:
        score_all(round, officer_a, team, ["8", "20", "20"])
    with pytest.raises(ApplicationError) as e:
        services.contest_prizes_award(actor=commune_officer_a, contest=c)
    assert e.value.field == "scores" and "Đội Đoàn Thanh niên xã Yên Thế — Chào hỏi" in e.value.message
    assert not Prize.objects.exists()


def test_only_the_organisers_award_prizes(scored, reporter_a, officer_b):  # noqa: F811
    c, round, teams = scored
    for user in (reporter_a, officer_b, make_user("gk.khac", None, None)):
        with pytest.raises(ApplicationError) as e:
            services.contest_prizes_award(actor=user, contest=c)
        assert e.value.code == "forbidden"


def test_the_hong_linh_format_one_first_two_second_three_third(commune_officer_a, officer_a):
    units = ("C7288-MTTQ", "C7288-HND", "C7288-HPN", "C7288-DTN", "C7288-CCB", "C7288-CA")
    c, round, parts, teams, _ = ready(commune_officer_a, judges=[(officer_a, "P24-TGDV")], team_units=units)
    for n, team in enumerate(teams):
        score_all(round, officer_a, team, [str(10 - n), "20", "20"])
    services.contest_finish(actor=commune_officer_a, contest=c)
    prizes = services.contest_prizes_award(actor=commune_officer_a, contest=Contest.objects.get(pk=c.pk))
    assert [p.label for p in prizes] == ["Giải Nhất", "Giải Nhì", "Giải Nhì", "Giải Ba", "Giải Ba", "Giải Ba"]
