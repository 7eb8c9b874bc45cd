from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.accounts.permissions import EDIT_ROLES, scope_roots
from danvan.contests import forms, selectors, services
from danvan.contests import permissions as perms
from danvan.contests.exports import MARKS_HEADERS, marks_rows, standings_rows
from danvan.contests.models import Judge, Part, Round, Team
from danvan.core.errors import ApplicationError
from danvan.core.exporting import xlsx_response
from danvan.core.locking import show_conflict, version_of
from danvan.core.numbers import as_id
from danvan.core.submissions import submit_once
from danvan.organisations.forms import unit_from_form


def _base(request, contest, **extra) -> dict:
    """What the contest's tabs need: the contest, whether the user organises it, their seat on the panel."""
    return {
        "contest": contest,
        "can_organise": perms.can_organise(request.user, contest),
        "judge": perms.judge_for(request.user, contest),
        **extra,
    }


def _round_order(request):
    value = request.GET.get("vong", "")
    return as_id(value)


@login_required
def index(request):
    return render(
        request,
        "contests/index.html",
        {
            "contests": selectors.contest_list_for_user(user=request.user),
            "can_create": perms.can_create_contests(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def create(request):
    if not perms.can_create_contests(request.user):
        raise Http404
    if request.method == "POST":
        form = forms.ContestForm(request.POST)
        if form.is_valid() and (unit := unit_from_form(form)) is not None:
            try:
                contest = services.contest_create(actor=request.user, unit=unit, **form.settings())
            except ApplicationError as e:
                e.add_to_form(form)
            else:
                messages.success(request, _("Contest %(code)s created.") % {"code": contest.code})
                return redirect("contests:detail", code=contest.code)
    else:
        root = scope_roots(request.user, EDIT_ROLES).first()
        form = forms.ContestForm(initial=forms.ContestForm.initial_for(unit=root.code if root else ""))
    return render(request, "contests/form.html", {"form": form, "contest": None})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def edit(request, code):
    contest = selectors.contest_get_for_organiser(user=request.user, code=code)
    if request.method == "POST":
        form = forms.ContestForm(request.POST, editing=True)
        if form.is_valid():
            try:
                services.contest_update(
                    actor=request.user,
                    contest=contest,
                    expected_version=form.cleaned_data["expected_version"],
                    **form.settings(),
                )
            except ApplicationError as e:
                show_conflict(form, e)
            else:
                messages.success(request, _("Contest saved."))
                return redirect("contests:detail", code=contest.code)
    else:
        form = forms.ContestForm(
            initial={**forms.ContestForm.initial_for(contest), "expected_version": version_of(contest)}, editing=True
        )
    return render(request, "contests/form.html", {"form": form, "contest": contest})


@login_required
def detail(request, code):
    contest = selectors.contest_get_for_user(user=request.user, code=code)
    context = selectors.contest_overview(contest=contest)
    context.update(_base(request, contest))
    return render(request, "contests/detail.html", context)


@login_required
@require_POST
@submit_once
def status(request, code):
    contest = selectors.contest_get_for_organiser(user=request.user, code=code)
    try:
        if request.POST.get("action") == "finish":
            services.contest_finish(actor=request.user, contest=contest)
            messages.success(request, _("The contest is finished; its results are locked."))
        else:
            services.contest_start(actor=request.user, contest=contest)
            messages.success(request, _("The contest has started; judges can enter scores."))
    except ApplicationError as e:
        messages.error(request, e.message)
    return redirect("contests:detail", code=contest.code)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def rounds(request, code):
    contest = selectors.contest_get_for_organiser(user=request.user, code=code)
    round_form, part_form, part_round = forms.RoundForm(), forms.PartForm(initial={"coefficient": "1"}), None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "round":
                round_form = forms.RoundForm(request.POST)
                if round_form.is_valid():
                    services.round_create(actor=request.user, contest=contest, name=round_form.cleaned_data["name"])
                    messages.success(request, _("Round added."))
                    return redirect("contests:rounds", code=contest.code)
            elif request.POST.get("action") == "remove_part":
                part = Part.objects.filter(round__contest=contest, pk=as_id(request.POST.get("part")) or 0).first()
                if part is None:
                    raise Http404
                services.part_remove(actor=request.user, part=part)
                messages.success(request, _("Part removed."))
                return redirect("contests:rounds", code=contest.code)
            else:
                part_round = Round.objects.filter(contest=contest, pk=as_id(request.POST.get("round")) or 0).first()
                if part_round is None:
                    raise Http404
                part_form = forms.PartForm(request.POST)
                if part_form.is_valid():
                    services.part_create(actor=request.user, round=part_round, **part_form.cleaned_data)
                    messages.success(request, _("Part added."))
                    return redirect("contests:rounds", code=contest.code)
        except ApplicationError as e:
            if request.POST.get("action") == "round":
                e.add_to_form(round_form)
            elif request.POST.get("action") == "remove_part":
                messages.error(request, e.message)
                return redirect("contests:rounds", code=contest.code)
            else:
                e.add_to_form(part_form)
    context = selectors.contest_overview(contest=contest)
    context.update(_base(request, contest, round_form=round_form, part_form=part_form, part_round=part_round))
    return render(request, "contests/rounds.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def round_teams(request, code, order):
    contest = selectors.contest_get_for_organiser(user=request.user, code=code)
    round = selectors.round_get(contest=contest, order=order)
    advance_form = forms.AdvanceForm()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "advance":
                advance_form = forms.AdvanceForm(request.POST)
                if advance_form.is_valid():
                    services.round_advance(actor=request.user, round=round, count=advance_form.cleaned_data["count"])
                    messages.success(request, _("The teams of the round are set."))
                    return redirect("contests:detail", code=contest.code)
            else:
                ids = [i for i in map(as_id, request.POST.getlist("teams")) if i is not None]
                teams = list(contest.teams.filter(pk__in=ids))
                services.round_teams_set(actor=request.user, round=round, teams=teams)
                messages.success(request, _("The teams of the round are set."))
                return redirect("contests:detail", code=contest.code)
        except ApplicationError as e:
            messages.error(request, e.message)
    chosen = set(round.entries.values_list("team_id", flat=True))
    return render(
        request,
        "contests/round_teams.html",
        _base(
            request,
            contest,
            round=round,
            teams=contest.teams.select_related("unit"),
            chosen=chosen,
            advance_form=advance_form,
            has_previous=round.order > contest.rounds.order_by("order").values_list("order", flat=True).first(),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def teams(request, code):
    contest = selectors.contest_get_for_organiser(user=request.user, code=code)
    form, import_form, import_errors = forms.TeamForm(), forms.ImportForm(), []
    if request.method == "POST" and request.POST.get("action") == "import":
        import_form = forms.ImportForm(request.POST, request.FILES)
        if import_form.is_valid():
            upload = import_form.cleaned_data["file"]
            try:
                rows = forms.read_import(filename=upload.name, content=upload.read())
                created = services.teams_import(actor=request.user, contest=contest, rows=rows)
            except ApplicationError as e:
                import_errors = e.extra.get("errors") or [e.message]
            else:
                messages.success(request, _("%(count)s teams imported.") % {"count": len(created)})
                return redirect("contests:teams", code=contest.code)
    elif request.method == "POST":
        form = forms.TeamForm(request.POST)
        if form.is_valid() and (unit := unit_from_form(form)) is not None:
            d = form.cleaned_data
            try:
                services.team_add(
                    actor=request.user,
                    contest=contest,
                    unit=unit,
                    name=d["name"],
                    draw_number=d["draw_number"],
                    contestants=forms.parse_contestants(d["contestants"]),
                )
            except ApplicationError as e:
                e.add_to_form(form)
            else:
                messages.success(request, _("Team added."))
                return redirect("contests:teams", code=contest.code)
    context = selectors.contest_overview(contest=contest)
    context.update(_base(request, contest, form=form, import_form=import_form, import_errors=import_errors))
    return render(request, "contests/teams.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def team_edit(request, code, team_id):
    contest = selectors.contest_get_for_organiser(user=request.user, code=code)
    team = Team.objects.filter(contest=contest, pk=team_id).select_related("unit", "contest__unit").first()
    if team is None:
        raise Http404
    if request.method == "POST":
        form = forms.TeamForm(request.POST, editing=True)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.team_update(
                    actor=request.user,
                    team=team,
                    name=d["name"],
                    draw_number=d["draw_number"],
                    contestants=forms.parse_contestants(d["contestants"]),
                )
            except ApplicationError as e:
                e.add_to_form(form)
            else:
                messages.success(request, _("Team saved."))
                return redirect("contests:teams", code=contest.code)
    else:
        form = forms.TeamForm(
            initial={"name": team.name, "draw_number": team.draw_number, "contestants": forms.contestants_text(team)},
            editing=True,
        )
    return render(request, "contests/team_edit.html", _base(request, contest, team=team, form=form))


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def judges(request, code):
    contest = selectors.contest_get_for_organiser(user=request.user, code=code)
    form = forms.JudgeForm()
    if request.method == "POST" and request.POST.get("action") == "remove":
        judge = (
            Judge.objects.filter(contest=contest, pk=as_id(request.POST.get("judge")) or 0)
            .select_related("user")
            .first()
        )
        if judge is None:
            raise Http404
        try:
            services.judge_remove(actor=request.user, judge=judge)
            messages.success(request, _("Judge removed from the panel."))
        except ApplicationError as e:
            messages.error(request, e.message)
        return redirect("contests:judges", code=contest.code)
    if request.method == "POST":
        form = forms.JudgeForm(request.POST)
        if form.is_valid() and (unit := unit_from_form(form, "home_unit")) is not None:
            user = get_user_model().objects.filter(username=form.cleaned_data["username"].strip()).first()
            try:
                services.judge_add(
                    actor=request.user,
                    contest=contest,
                    user=user,
                    home_unit=unit,
                    is_chair=form.cleaned_data["is_chair"],
                )
            except ApplicationError as e:
                if e.field == "user":
                    form.add_error("username", e.message)
                else:
                    e.add_to_form(form)
            else:
                messages.success(request, _("Judge added to the panel."))
                return redirect("contests:judges", code=contest.code)
    context = selectors.contest_overview(contest=contest)
    context.update(_base(request, contest, form=form))
    return render(request, "contests/judges.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def score(request, code, order=None):
    contest = selectors.contest_get_for_user(user=request.user, code=code)
    judge = selectors.judge_get_for_user(user=request.user, contest=contest)
    round = selectors.round_get(contest=contest, order=order)
    parts, rows = selectors.judge_sheet(judge=judge, round=round)
    errors, posted_team, team_error = {}, None, ""
    if request.method == "POST":
        posted_team = next((r for r in rows if str(r["team"].pk) == request.POST.get("team")), None)
        if posted_team is None:
            raise Http404
        raw = {p.pk: request.POST.get(f"part_{p.pk}", "") for p in parts}
        for part in parts:
            if raw[part.pk].strip():
                try:
                    services.score_check(part, raw[part.pk])
                except ApplicationError as e:
                    errors[part.pk] = e.message
        if not errors:
            try:
                services.scores_enter(actor=request.user, round=round, team=posted_team["team"], values=raw)
            except ApplicationError as e:
                team_error = e.message
            else:
                messages.success(request, _("Scores of %(team)s saved.") % {"team": posted_team["team"].name})
                return redirect(f"{request.path}#team-{posted_team['team'].pk}")
        posted_team["values"] = raw
    for row in rows:
        row["cells"] = [
            {
                "part": p,
                "value": row["values"].get(p.pk),
                "error": errors.get(p.pk, "") if row is posted_team else "",
            }
            for p in parts
        ]
        row["error"] = team_error if row is posted_team else ""
    return render(
        request,
        "contests/score.html",
        _base(request, contest, round=round, parts=parts, rows=rows, rounds=contest.rounds.all()),
    )


def _standings_context(request, contest):
    round = selectors.round_get(contest=contest, order=_round_order(request))
    round.contest = contest
    return {
        "contest": contest,
        "round": round,
        "rounds": contest.rounds.all(),
        "standings": selectors.round_standings(round=round),
    }


@login_required
def standings(request, code):
    contest = selectors.contest_get_for_user(user=request.user, code=code)
    context = _standings_context(request, contest)
    context.update(_base(request, contest))
    return render(request, "contests/standings.html", context)


@login_required
def projector(request, code):
    contest = selectors.contest_get_for_user(user=request.user, code=code)
    return render(request, "contests/projector.html", _standings_context(request, contest))


@login_required
def projector_table(request, code):
    contest = selectors.contest_get_for_user(user=request.user, code=code)
    return render(request, "contests/projector.html#standings-table", _standings_context(request, contest))


@login_required
@require_POST
@submit_once
def award(request, code):
    contest = selectors.contest_get_for_organiser(user=request.user, code=code)
    try:
        prizes = services.contest_prizes_award(actor=request.user, contest=contest)
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("%(count)s prizes awarded.") % {"count": len(prizes)})
    return redirect("contests:detail", code=contest.code)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def decision(request, code):
    """POST: put the prize decision into its draft in the documents app, where the signer issues it with the next QĐ
    number. GET (an old link): to that draft, never a file."""
    from danvan.documents.views import draft_page_or_back, to_draft

    contest = selectors.contest_get_for_organiser(user=request.user, code=code)
    back = redirect("contests:detail", code=contest.code)
    if request.method != "POST":
        return draft_page_or_back(request, key=f"contest:{contest.code}", back=back)
    try:
        document = services.contest_decision_draft(actor=request.user, contest=contest, today=timezone.localdate())
    except ApplicationError as e:
        messages.error(request, e.message)
        return back
    return to_draft(request, document)


@login_required
def export(request, code):
    contest = selectors.contest_get_for_user(user=request.user, code=code)
    all_standings = []
    prize_labels = {p.team_id: p.label for p in contest.prizes.all()}
    rounds = list(contest.rounds.all())
    for round in rounds:
        round.contest = contest
        standings = selectors.round_standings(round=round)
        for row in standings.rows:
            row.prize_label = prize_labels.get(row.team.pk, "") if round is rounds[-1] else ""
        all_standings.append(standings)
    headers, rows = standings_rows(all_standings)
    sheets = [("Xếp hạng", headers, rows)]
    # Each judge's marks are for the organisers and the panel; teams and other viewers get the standings.
    if perms.can_organise(request.user, contest) or perms.judge_for(request.user, contest):
        sheets.append(("Điểm từng giám khảo", MARKS_HEADERS, marks_rows(selectors.all_scores(contest=contest))))
    return xlsx_response(
        filename=f"ket-qua-{contest.code}.xlsx",
        sheets=sheets,
    )
