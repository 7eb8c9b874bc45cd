import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.contests.models import Contest, Judge, Score, Team
from danvan.contests.tests.factories import ready, score_all
from danvan.organisations.models import OrgUnit

CREATE = {
    "unit": "C7288-DU",
    "name": "Hội thi Dân vận khéo xã Yên Thế năm 2026",
    "level_label": "cấp xã",
    "starts_on": "15/10/2026",
    "scoring_rule": "trimmed",
    "trim_min_judges": "5",
    "tie_break_1": "xu_ly_tinh_huong",
    "tie_break_2": "kien_thuc",
    "tie_break_3": "",
    "prize_first": "1",
    "prize_second": "2",
    "prize_third": "3",
    "prize_encouragement": "0",
}


def test_an_organiser_sets_up_a_contest_through_the_pages(client_for, commune_officer_a, officer_a):
    c = client_for(commune_officer_a)
    assert c.get(reverse("contests:create")).status_code == 200
    response = c.post(reverse("contests:create"), CREATE)
    contest = Contest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("contests:detail", args=[contest.code])
    assert contest.tie_break_order == ["xu_ly_tinh_huong", "kien_thuc"] and contest.starts_on.day == 15
    code = contest.code
    assert (
        c.post(reverse("contests:rounds", args=[code]), {"action": "round", "name": "Vòng chung kết"}).status_code
        == 302
    )
    round = contest.rounds.get()
    response = c.post(
        reverse("contests:rounds", args=[code]),
        {
            "action": "part",
            "round": round.pk,
            "kind": "kien_thuc",
            "title": "",
            "max_score": "30",
            "coefficient": "1,5",
        },
    )
    assert response.status_code == 302
    part = round.parts.get()
    assert part.title == "Kiến thức" and str(part.coefficient) == "1.50"
    response = c.post(
        reverse("contests:teams", args=[code]),
        {
            "action": "add",
            "unit": "C7288-HND",
            "name": "",
            "draw_number": "2",
            "contestants": "Đỗ Thị Hoa; Chủ tịch Hội; x\nNguyễn Văn An; Hội viên",
        },
    )
    assert response.status_code == 302
    team = Team.objects.get()
    assert [c.is_captain for c in team.contestants.all()] == [True, False]
    response = c.post(
        reverse("contests:judges", args=[code]),
        {"action": "add", "username": officer_a.username, "home_unit": "P24-TGDV", "is_chair": "on"},
    )
    assert response.status_code == 302 and Judge.objects.get().is_chair
    for name in ("detail", "rounds", "teams", "judges", "standings", "projector"):
        assert c.get(reverse(f"contests:{name}", args=[code])).status_code == 200, name
    assert "Kiến thức" in c.get(reverse("contests:detail", args=[code])).content.decode()


def test_bad_input_on_the_set_up_pages_is_shown_and_nothing_saved(client_for, commune_officer_a):
    c = client_for(commune_officer_a)
    response = c.post(reverse("contests:create"), {**CREATE, "unit": "P91-TU"})
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert not Contest.objects.exists()
    c.post(reverse("contests:create"), CREATE)
    code = Contest.objects.get().code
    c.post(reverse("contests:rounds", args=[code]), {"action": "round", "name": "Vòng 1"})
    round = Contest.objects.get().rounds.get()
    response = c.post(
        reverse("contests:rounds", args=[code]),
        {"action": "part", "round": round.pk, "kind": "kien_thuc", "max_score": "0", "coefficient": "1"},
    )
    assert (
        response.status_code == 200 and "“Điểm tối đa”: phải lớn hơn 0 và không quá 1000." in response.content.decode()
    )
    response = c.post(reverse("contests:teams", args=[code]), {"action": "add", "unit": "C30463-DU"})
    assert response.status_code == 200 and "không thuộc Đảng ủy xã Yên Thế" in response.content.decode()
    response = c.post(
        reverse("contests:judges", args=[code]), {"action": "add", "username": "khong.co", "home_unit": "P24-TGDV"}
    )
    assert response.status_code == 200 and "không có tài khoản đang hoạt động" in response.content.decode()
    assert not round.parts.exists() and not Team.objects.exists() and not Judge.objects.exists()


def test_another_province_gets_404_everywhere(client_for, commune_officer_a, officer_a, officer_b):
    contest, round, parts, teams, _ = ready(commune_officer_a, judges=[(officer_a, "P24-TGDV")])
    b = client_for(officer_b)
    for name in (
        "detail",
        "edit",
        "rounds",
        "teams",
        "judges",
        "score",
        "standings",
        "projector",
        "projector_table",
        "export",
        "decision",
    ):
        assert b.get(reverse(f"contests:{name}", args=[contest.code])).status_code == 404, name
    assert b.post(reverse("contests:award", args=[contest.code])).status_code == 404
    assert contest.code not in b.get(reverse("contests:index")).content.decode()


def test_a_team_below_sees_the_contest_but_cannot_organise_or_score(
    client_for, commune_officer_a, officer_a, reporter_a
):
    contest, round, parts, teams, _ = ready(commune_officer_a, judges=[(officer_a, "P24-TGDV")])
    r = client_for(reporter_a)
    assert contest.code in r.get(reverse("contests:index")).content.decode()
    assert r.get(reverse("contests:standings", args=[contest.code])).status_code == 200
    for name in ("rounds", "teams", "judges", "score"):
        assert r.get(reverse(f"contests:{name}", args=[contest.code])).status_code == 404, name


def test_a_judge_scores_on_the_page_with_errors_per_cell(client_for, commune_officer_a, officer_a):
    contest, round, parts, teams, _ = ready(commune_officer_a, judges=[(officer_a, "P24-TGDV")])
    c = client_for(officer_a)
    url = reverse("contests:score", args=[contest.code])
    page = c.get(url).content.decode()
    assert page.count('name="team"') == len(teams) and f'name="part_{parts[2].pk}"' in page
    response = c.post(
        url,
        {"team": teams[0].pk, f"part_{parts[0].pk}": "11", f"part_{parts[1].pk}": "abc", f"part_{parts[2].pk}": "25"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "“Chào hỏi”: điểm phải từ 0 đến 10 (đồng chí đã nhập 11)." in body
    assert "“Kiến thức”: hãy nhập một số, ví dụ 8 hoặc 8,5." in body
    assert body.count("is-invalid") == 2 and 'value="abc"' in body
    assert not Score.objects.exists()
    response = c.post(
        url, {"team": teams[0].pk, f"part_{parts[0].pk}": "9,5", f"part_{parts[1].pk}": "27", f"part_{parts[2].pk}": ""}
    )
    assert response.status_code == 302 and Score.objects.count() == 2


def test_the_score_page_marks_the_judges_own_unit_team(client_for, commune_officer_a, officer_a, reporter_a):
    contest, round, parts, teams, _ = ready(commune_officer_a, judges=[(reporter_a, "C7288-HND")])
    c = client_for(reporter_a)
    url = reverse("contests:score", args=[contest.code])
    body = c.get(url).content.decode()
    assert body.count('name="team"') == 2  # the MTTQ and the Hội Nông dân are off-limits
    hnd = next(t for t in teams if t.unit.code == "C7288-HND")
    response = c.post(url, {"team": hnd.pk, f"part_{parts[0].pk}": "9"})
    assert response.status_code == 200 and "Giám khảo không chấm đội của chính đơn vị mình" in response.content.decode()
    assert not Score.objects.exists()


def test_the_projector_page_polls_a_partial_that_returns_only_the_table(client_for, commune_officer_a, officer_a):
    contest, round, parts, teams, _ = ready(commune_officer_a, judges=[(officer_a, "P24-TGDV")])
    score_all(round, officer_a, teams[1], ["9", "27", "25"])
    c = client_for(officer_a)
    page = c.get(reverse("contests:projector", args=[contest.code])).content.decode()
    table_url = reverse("contests:projector_table", args=[contest.code])
    assert "htmx.min.js" in page and 'hx-trigger="every 5s"' in page and f'hx-get="{table_url}?vong=1"' in page
    assert "dv-navbar" not in page  # no staff navigation on the projector
    assert not re.search(r"<script>|style=", page)
    fragment = c.get(table_url, {"vong": 1}).content.decode().strip()
    assert fragment.startswith('<div id="projector-standings"') and fragment.endswith("</div>")
    assert "<html" not in fragment and "<body" not in fragment
    assert 'hx-trigger="every 5s"' in fragment and "86,00" in fragment  # 9 + 27 + 2 × 25


def _page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_and_standings_pages_do_not_grow_with_rows(client_for, officer_a):
    codes = list(
        OrgUnit.objects.filter(parent__code="P24-TU", kind=OrgUnit.Kind.PARTY_COMMITTEE)
        .order_by("code")
        .values_list("code", flat=True)[:15]
    )
    c = client_for(officer_a)
    small, round, parts, teams, _ = ready(
        officer_a, unit_code="P24-TU", team_units=codes[:3], judges=[(officer_a, "P24-TGDV")], name="Hội thi nhỏ"
    )
    for team in teams:
        score_all(round, officer_a, team, ["8", "20", "20"])
    one = _page_queries(c, reverse("contests:index"))
    few = _page_queries(c, reverse("contests:standings", args=[small.code]))
    big, round, parts, teams, _ = ready(
        officer_a, unit_code="P24-TU", team_units=codes[3:15], judges=[(officer_a, "P24-TGDV")], name="Hội thi lớn"
    )
    for team in teams:
        score_all(round, officer_a, team, ["8", "20", "20"])
    assert _page_queries(c, reverse("contests:index")) == one
    assert _page_queries(c, reverse("contests:standings", args=[big.code])) == few
    assert _page_queries(c, reverse("contests:projector_table", args=[big.code])) <= few


def test_odd_numbers_and_ids_get_a_message_or_404_never_a_server_error(client_for, commune_officer_a, officer_a):
    contest, round, parts, teams, _ = ready(commune_officer_a, judges=[(officer_a, "P24-TGDV")])
    organiser, judge = client_for(commune_officer_a), client_for(officer_a)
    assert judge.get(reverse("contests:standings", args=[contest.code]), {"vong": "²"}).status_code == 200
    rounds_url = reverse("contests:rounds", args=[contest.code])
    assert organiser.post(rounds_url, {"action": "remove_part", "part": "abc"}).status_code == 404
    assert organiser.post(rounds_url, {"action": "part", "round": "²"}).status_code == 404
    judges_url = reverse("contests:judges", args=[contest.code])
    assert organiser.post(judges_url, {"action": "remove", "judge": "abc"}).status_code in (302, 404)
    # A huge mark is refused in a short message (it used to be written out digit by digit: 30 MB).
    response = judge.post(
        reverse("contests:score", args=[contest.code]), {"team": teams[0].pk, f"part_{parts[0].pk}": "1e9999999"}
    )
    assert response.status_code == 200 and len(response.content) < 200_000
    assert "“Chào hỏi”: số quá lớn" in response.content.decode()
    assert not Score.objects.exists()


def test_a_maximum_that_rounds_to_zero_is_refused(commune_officer_a, officer_a):
    from danvan.contests import services
    from danvan.core.errors import ApplicationError

    contest, round, *_ = ready(commune_officer_a, judges=[(officer_a, "P24-TGDV")], start=False)
    with pytest.raises(ApplicationError) as error:
        services.part_create(
            actor=commune_officer_a, round=round, kind="khac", title="Phụ", max_score="0,001", coefficient="1"
        )
    assert error.value.field == "max_score"
