from decimal import Decimal

import pytest

from conftest import make_user
from danvan.audit.models import Action, AuditEvent
from danvan.contests import services
from danvan.contests.models import Contest, Score
from danvan.contests.tests.factories import ready, score_all
from danvan.core.errors import ApplicationError


@pytest.fixture
def setup(commune_officer_a, officer_a, reporter_a):
    # officer_a comes from the province, commune_officer_a from the organising unit, reporter_a from the Hội Nông dân.
    return ready(
        commune_officer_a, judges=[(officer_a, "P24-TGDV"), (commune_officer_a, "C7288-DU"), (reporter_a, "C7288-HND")]
    )


def test_a_judge_enters_and_corrects_scores_each_change_audited(setup, officer_a):
    c, round, parts, teams, _ = setup
    score_all(round, officer_a, teams[0], ["9,5", "27", ""])
    assert sorted(Score.objects.values_list("value", flat=True)) == [Decimal("9.5"), Decimal("27")]
    score_all(round, officer_a, teams[0], ["9", "27", "25"])
    values = {s.part.title: s.value for s in Score.objects.select_related("part")}
    assert values == {"Chào hỏi": Decimal("9"), "Kiến thức": Decimal("27"), "Xử lý tình huống": Decimal("25")}
    events = list(AuditEvent.objects.filter(action=Action.CONTEST_SCORES_ENTERED).order_by("id"))
    assert len(events) == 2
    # The correction lists only what changed, with before and after.
    assert events[1].before == {"Chào hỏi": "9.50", "Xử lý tình huống": None}
    assert events[1].after == {"Chào hỏi": "9", "Xử lý tình huống": "25"}
    # Clearing a cell removes the mark.
    score_all(round, officer_a, teams[0], ["9", "27", ""])
    assert Score.objects.count() == 2


def test_a_score_outside_the_parts_range_is_refused_with_the_part_and_its_range(setup, officer_a):
    c, round, parts, teams, _ = setup
    for raw, typed in (("31", "31"), ("-1", "-1"), ("30,5", "30,5")):
        with pytest.raises(ApplicationError) as e:
            score_all(round, officer_a, teams[0], ["9", raw, "20"])
        assert e.value.message == f"“Kiến thức”: điểm phải từ 0 đến 30 (đồng chí đã nhập {typed})."
        assert e.value.field == f"part_{parts[1].pk}"
    with pytest.raises(ApplicationError) as e:
        score_all(round, officer_a, teams[0], ["mười", "", ""])
    assert e.value.message == "“Chào hỏi”: hãy nhập một số, ví dụ 8 hoặc 8,5."
    assert not Score.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.CONTEST_SCORES_ENTERED).exists()


def test_a_judge_may_not_score_their_own_units_team(setup, reporter_a):
    c, round, parts, teams, _ = setup
    hnd = next(t for t in teams if t.unit.code == "C7288-HND")
    with pytest.raises(ApplicationError) as e:
        score_all(round, reporter_a, hnd, ["9", "27", "25"])
    assert e.value.code == "forbidden"
    assert e.value.message == (
        "Giám khảo không chấm đội của chính đơn vị mình: đồng chí thuộc Hội Nông dân xã Yên Thế, "
        "đội “Đội Hội Nông dân xã Yên Thế” thuộc Hội Nông dân xã Yên Thế."
    )
    assert not Score.objects.exists()
    # Nor the MTTQ's (the Hội Nông dân sits under it), but the Women's Union's, yes.
    with pytest.raises(ApplicationError):
        score_all(round, reporter_a, teams[0], ["9", "27", "25"])
    score_all(round, reporter_a, teams[2], ["9", "27", "25"])
    assert Score.objects.count() == 3


def test_a_user_not_on_the_panel_is_refused(setup, leader_a):
    c, round, parts, teams, _ = setup
    with pytest.raises(ApplicationError) as e:
        score_all(round, leader_a, teams[0], ["9", "27", "25"])
    assert e.value.message == "Đồng chí không có trong Ban Giám khảo của hội thi này." and e.value.code == "forbidden"
    assert not Score.objects.exists()


def test_a_team_not_in_the_round_is_refused(setup, commune_officer_a, officer_a):
    c, round, parts, teams, _ = setup
    services.round_teams_set(actor=commune_officer_a, round=round, teams=teams[1:])
    with pytest.raises(ApplicationError) as e:
        score_all(round, officer_a, teams[0], ["9", "27", "25"])
    assert e.value.field == "team" and "không thi ở Vòng chung kết" in e.value.message
    assert not Score.objects.exists()


def test_a_finished_contest_is_locked_for_scores_and_set_up(setup, commune_officer_a, officer_a):
    c, round, parts, teams, _ = setup
    score_all(round, officer_a, teams[0], ["9", "27", "25"])
    services.contest_finish(actor=commune_officer_a, contest=c)
    with pytest.raises(ApplicationError) as e:
        score_all(round, officer_a, teams[0], ["10", "27", "25"])
    assert e.value.message == "Hội thi đã kết thúc: kết quả đã khóa, không thay đổi được nữa."
    assert Score.objects.get(part=parts[0]).value == Decimal("9")
    for call in (
        lambda: services.part_create(actor=commune_officer_a, round=round, kind="khac", title="Thêm", max_score="5"),
        lambda: services.round_create(actor=commune_officer_a, contest=c, name="Vòng phụ"),
    ):
        with pytest.raises(ApplicationError) as e:
            call()
        assert e.value.code == "locked"


def test_scores_wait_until_the_contest_has_started(commune_officer_a, officer_a):
    c, round, parts, teams, _ = ready(commune_officer_a, judges=[(officer_a, "P24-TGDV")], start=False)
    assert c.status == Contest.Status.PREPARING
    with pytest.raises(ApplicationError) as e:
        score_all(round, officer_a, teams[0], ["9", "27", "25"])
    assert e.value.code == "state"


def test_only_organisers_set_up_the_contest(setup, reporter_a, officer_b):
    c, round, parts, teams, _ = setup
    for user in (reporter_a, officer_b):
        with pytest.raises(ApplicationError) as e:
            services.part_create(actor=user, round=round, kind="khac", title="Thêm", max_score="5")
        assert e.value.code == "forbidden"


def test_a_part_with_scores_cannot_be_removed_and_a_judge_who_scored_stays(setup, commune_officer_a, officer_a):
    c, round, parts, teams, judges = setup
    score_all(round, officer_a, teams[0], ["9", "27", "25"])
    with pytest.raises(ApplicationError):
        services.part_remove(actor=commune_officer_a, part=parts[0])
    with pytest.raises(ApplicationError):
        services.judge_remove(actor=commune_officer_a, judge=judges[0])
    services.judge_remove(actor=commune_officer_a, judge=judges[2])
    assert c.judges.count() == 2


def test_judges_of_a_village_and_its_commune_conflict_both_ways(commune_officer_a):
    """The own-unit rule covers the subtree in both directions, and the organisers score everyone."""
    from danvan.contests.permissions import judge_conflict
    from danvan.contests.tests.factories import unit

    c, round, parts, teams, _ = ready(commune_officer_a, judges=[], start=False, team_units=("C7288-MTTQ", "C7288-HND"))
    mttq, hnd = teams
    judge_mttq = services.judge_add(
        actor=commune_officer_a, contest=c, user=make_user("j.mttq", None, None), home_unit=unit("C7288-MTTQ")
    )
    judge_hnd = services.judge_add(
        actor=commune_officer_a, contest=c, user=make_user("j.hnd", None, None), home_unit=unit("C7288-HND")
    )
    judge_org = services.judge_add(
        actor=commune_officer_a, contest=c, user=make_user("j.org", None, None), home_unit=unit("C7288-DU")
    )
    judge_prov = services.judge_add(
        actor=commune_officer_a, contest=c, user=make_user("j.tinh", None, None), home_unit=unit("P24-TU")
    )
    organiser = unit("C7288-DU")
    assert judge_conflict(judge=judge_mttq, team=mttq, organiser=organiser)
    assert judge_conflict(judge=judge_mttq, team=hnd, organiser=organiser)  # the Hội Nông dân sits under the MTTQ
    assert judge_conflict(judge=judge_hnd, team=mttq, organiser=organiser)
    assert not judge_conflict(judge=judge_org, team=hnd, organiser=organiser)
    assert not judge_conflict(judge=judge_prov, team=hnd, organiser=organiser)
