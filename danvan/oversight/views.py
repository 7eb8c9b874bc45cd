from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core.errors import ApplicationError
from danvan.core.locking import show_conflict, version_of
from danvan.core.submissions import submit_once
from danvan.organisations.forms import unit_from_form
from danvan.oversight import forms, selectors, services
from danvan.oversight import permissions as perms
from danvan.oversight.models import Implementation, Response


def _unit(form, name):
    """The unit chosen in `form[name]`, or None (with a field error if something was typed but not found)."""
    if not form.cleaned_data.get(name):
        return None
    return unit_from_form(form, name)


def _default_body(user) -> str:
    body = perms.bodies_for(user).order_by("depth", "sort_order").first()
    return body.code if body else ""


@login_required
def index(request):
    today = timezone.localdate()
    rows, total = selectors.followup_for_user(user=request.user, today=today, overdue_only=True, limit=10)
    return render(
        request,
        "oversight/index.html",
        {
            "can_record": perms.bodies_for(request.user).exists(),
            "programmes": selectors.programme_list_for_user(user=request.user, limit=20),
            "supervisions": selectors.supervision_list_for_user(user=request.user, limit=30),
            "critiques": selectors.critique_list_for_user(user=request.user, limit=20),
            "overdue": rows,
            "overdue_total": total,
        },
    )


@login_required
def pick(request):
    """The area picker's answers (forms.AreaPicker): units in the Front's area matching the typed words."""
    query = (request.GET.get("q") or "")[:100]
    units = selectors.units_to_pick(user=request.user, query=query) if len(query.strip()) >= 2 else []
    results = [{"code": u.code, "name": u.name, "path": u.parent.name if u.parent else ""} for u in units]
    return JsonResponse({"results": results, "empty": _("No unit in your area matches these words.")})


# Programmes ---------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def programme_new(request):
    if request.method == "POST":
        form = forms.ProgrammeForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            unit = _unit(form, "unit")
            if unit is not None:
                try:
                    programme = services.programme_create(
                        actor=request.user, unit=unit, year=d["year"], title=d["title"], content=d["content"]
                    )
                except ApplicationError as e:
                    e.add_to_form(form)
                else:
                    messages.success(request, _("Programme %(code)s recorded.") % {"code": programme.code})
                    return redirect("oversight:programme_detail", code=programme.code)
    else:
        form = forms.ProgrammeForm(initial={"unit": _default_body(request.user), "year": timezone.localdate().year})
    return render(request, "oversight/form.html", {"form": form, "heading": _("New supervision programme")})


@login_required
def programme_detail(request, code):
    programme = selectors.programme_get_for_user(user=request.user, code=code)
    return render(
        request,
        "oversight/programme_detail.html",
        {
            "programme": programme,
            "supervisions": selectors.supervision_list_for_user(user=request.user, programme=programme),
            "can_edit": perms.can_record_for(request.user, programme.unit),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def programme_edit(request, code):
    programme = selectors.programme_get_for_user(user=request.user, code=code)
    if not perms.can_record_for(request.user, programme.unit):
        raise Http404
    if request.method == "POST":
        form = forms.ProgrammeEditForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.programme_update(
                    actor=request.user,
                    programme=programme,
                    title=d["title"],
                    content=d["content"],
                    expected_version=d["expected_version"],
                )
            except ApplicationError as e:
                show_conflict(form, e)
            else:
                messages.success(request, _("Programme %(code)s saved.") % {"code": programme.code})
                return redirect("oversight:programme_detail", code=programme.code)
    else:
        form = forms.ProgrammeEditForm(
            initial={"title": programme.title, "content": programme.content, "expected_version": version_of(programme)}
        )
    heading = _("Correct programme %(code)s") % {"code": programme.code}
    return render(request, "oversight/form.html", {"form": form, "heading": heading, "edit": True})


# Supervisions -------------------------------------------------------------------------------------------------


def _supervision_form(request, cls, data=None, initial=None):
    return cls(
        data,
        initial=initial,
        programmes=selectors.programmes_to_choose(user=request.user),
        boards=selectors.boards_to_choose(user=request.user),
    )


def _supervision_args(form) -> dict | None:
    d = form.cleaned_data
    supervised = _unit(form, "supervised_unit")
    if supervised is None:
        return None
    return {
        "programme": d["programme"],
        "subject_kind": d["subject_kind"],
        "subject": d["subject"],
        "method": d["method"],
        "board": d["board"],
        "supervised_unit": supervised,
        "start_date": d["start_date"],
        "end_date": d["end_date"],
        "findings": d["findings"],
    }


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def supervision_new(request):
    if request.method == "POST":
        form = _supervision_form(request, forms.SupervisionForm, request.POST)
        if form.is_valid():
            unit = _unit(form, "unit")
            args = _supervision_args(form)
            if unit is not None and args is not None:
                try:
                    supervision = services.supervision_create(actor=request.user, unit=unit, **args)
                except ApplicationError as e:
                    e.add_to_form(form)
                else:
                    messages.success(
                        request,
                        _("Supervision %(code)s recorded. Add its recommendations below.") % {"code": supervision.code},
                    )
                    return redirect("oversight:supervision_detail", code=supervision.code)
    else:
        initial = {"unit": _default_body(request.user), "start_date": timezone.localdate()}
        if (programme := request.GET.get("programme")) and (
            chosen := selectors.programmes_to_choose(user=request.user).filter(code=programme).first()
        ):
            initial.update(programme=chosen, unit=chosen.unit.code)
        form = _supervision_form(request, forms.SupervisionForm, initial=initial)
    return render(request, "oversight/form.html", {"form": form, "heading": _("Record a supervision")})


@login_required
def supervision_detail(request, code):
    supervision = selectors.supervision_get_for_user(user=request.user, code=code)
    can_edit = perms.can_edit_supervision(request.user, supervision)
    recs = selectors.recommendations_of(supervision=supervision)
    for rec in recs:
        rec.can_answer = perms.can_answer(request.user, rec)
    return render(
        request,
        "oversight/supervision_detail.html",
        {
            "supervision": supervision,
            "recommendations": recs,
            "can_edit": can_edit,
            "rec_form": forms.RecommendationForm(initial={"responsible_unit": supervision.supervised_unit.code})
            if can_edit
            else None,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def supervision_edit(request, code):
    supervision = selectors.supervision_get_for_user(user=request.user, code=code)
    if not perms.can_edit_supervision(request.user, supervision):
        raise Http404
    if request.method == "POST":
        form = _supervision_form(request, forms.SupervisionEditForm, request.POST)
        if form.is_valid() and (args := _supervision_args(form)) is not None:
            try:
                services.supervision_update(
                    actor=request.user,
                    supervision=supervision,
                    expected_version=form.cleaned_data["expected_version"],
                    **args,
                )
            except ApplicationError as e:
                show_conflict(form, e)
            else:
                messages.success(request, _("Supervision %(code)s saved.") % {"code": supervision.code})
                return redirect("oversight:supervision_detail", code=supervision.code)
    else:
        s = supervision
        form = _supervision_form(
            request,
            forms.SupervisionEditForm,
            initial={
                "programme": s.programme,
                "subject_kind": s.subject_kind,
                "subject": s.subject,
                "method": s.method,
                "board": s.board,
                "supervised_unit": s.supervised_unit.code,
                "start_date": s.start_date,
                "end_date": s.end_date,
                "findings": s.findings,
                "expected_version": version_of(s),
            },
        )
    heading = _("Correct supervision %(code)s") % {"code": supervision.code}
    return render(request, "oversight/form.html", {"form": form, "heading": heading, "edit": True})


# Recommendations ----------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def recommendation_new(request, code):
    supervision = selectors.supervision_get_for_user(user=request.user, code=code)
    if not perms.can_edit_supervision(request.user, supervision):
        raise Http404
    if request.method == "POST":
        form = forms.RecommendationForm(request.POST)
        if form.is_valid() and (unit := _unit(form, "responsible_unit")) is not None:
            d = form.cleaned_data
            try:
                rec = services.recommendation_add(
                    actor=request.user,
                    supervision=supervision,
                    content=d["content"],
                    responsible_unit=unit,
                    deadline=d["deadline"],
                )
            except ApplicationError as e:
                e.add_to_form(form)
            else:
                messages.success(request, _("Recommendation %(code)s recorded.") % {"code": rec.code})
                return redirect("oversight:supervision_detail", code=supervision.code)
    else:
        form = forms.RecommendationForm(initial={"responsible_unit": supervision.supervised_unit.code})
    heading = _("Add a recommendation to %(code)s") % {"code": supervision.code}
    return render(request, "oversight/form.html", {"form": form, "heading": heading})


def _answer_form(rec, data=None):
    return forms.AnswerForm(
        data,
        initial={
            "answer": rec.answer,
            "answered_by": rec.answered_by_unit.code if rec.answered_by_unit_id else rec.responsible_unit.code,
            "answered_on": rec.answered_on or timezone.localdate(),
            "implementation": rec.implementation or Implementation.PENDING,
            "expected_version": version_of(rec),
        },
    )


def _recommendation_page(request, rec, answer_form=None):
    can_answer = perms.can_answer(request.user, rec)
    if can_answer and answer_form is None:
        answer_form = _answer_form(rec)
    return render(
        request,
        "oversight/recommendation_detail.html",
        {
            "rec": rec,
            "answer_form": answer_form if can_answer else None,
            "can_edit": perms.can_edit_supervision(request.user, rec.supervision),
            "today": timezone.localdate(),
        },
    )


@login_required
def recommendation_detail(request, code):
    rec = selectors.recommendation_get_for_user(user=request.user, code=code)
    return _recommendation_page(request, rec)


@login_required
@require_http_methods(["POST"])
@submit_once
def recommendation_answer(request, code):
    rec = selectors.recommendation_get_for_user(user=request.user, code=code)
    if not perms.can_answer(request.user, rec):
        raise Http404
    form = _answer_form(rec, request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.recommendation_answer(
                actor=request.user,
                recommendation=rec,
                answer=d["answer"],
                answered_by=_unit(form, "answered_by"),
                answered_on=d["answered_on"],
                implementation=d["implementation"],
                expected_version=d["expected_version"],
            )
        except ApplicationError as e:
            show_conflict(form, e)
        else:
            messages.success(request, _("The answer to %(code)s is recorded.") % {"code": rec.code})
            return redirect("oversight:recommendation_detail", code=rec.code)
    return _recommendation_page(request, rec, answer_form=form)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def recommendation_edit(request, code):
    rec = selectors.recommendation_get_for_user(user=request.user, code=code)
    if not perms.can_edit_supervision(request.user, rec.supervision):
        raise Http404
    if request.method == "POST":
        form = forms.RecommendationEditForm(request.POST)
        if form.is_valid() and (unit := _unit(form, "responsible_unit")) is not None:
            d = form.cleaned_data
            try:
                services.recommendation_update(
                    actor=request.user,
                    recommendation=rec,
                    content=d["content"],
                    responsible_unit=unit,
                    deadline=d["deadline"],
                    expected_version=d["expected_version"],
                )
            except ApplicationError as e:
                show_conflict(form, e)
            else:
                messages.success(request, _("Recommendation %(code)s saved.") % {"code": rec.code})
                return redirect("oversight:recommendation_detail", code=rec.code)
    else:
        form = forms.RecommendationEditForm(
            initial={
                "content": rec.content,
                "responsible_unit": rec.responsible_unit.code,
                "deadline": rec.deadline,
                "expected_version": version_of(rec),
            }
        )
    heading = _("Correct recommendation %(code)s") % {"code": rec.code}
    return render(request, "oversight/form.html", {"form": form, "heading": heading, "edit": True})


@login_required
def followup(request):
    """Recommendations not answered yet, the most overdue first, per level."""
    today = timezone.localdate()
    level = request.GET.get("level", "")
    level = level if level in selectors.LEVELS else ""
    overdue_only = request.GET.get("overdue") == "1"
    rows, total = selectors.followup_for_user(user=request.user, today=today, level=level, overdue_only=overdue_only)
    return render(
        request,
        "oversight/followup.html",
        {"rows": rows, "total": total, "level": level, "overdue_only": overdue_only, "today": today},
    )


# Critiques ----------------------------------------------------------------------------------------------------


def _critique_args(form) -> dict | None:
    d = form.cleaned_data
    drafting = _unit(form, "drafting_unit")
    if drafting is None:
        return None
    return {
        "title": d["title"],
        "drafting_unit": drafting,
        "received_on": d["received_on"],
        "conference_on": d["conference_on"],
        "conference_place": d["conference_place"],
        "conference_summary": d["conference_summary"],
    }


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def critique_new(request):
    if request.method == "POST":
        form = forms.CritiqueForm(request.POST)
        if form.is_valid():
            unit = _unit(form, "unit")
            args = _critique_args(form)
            if unit is not None and args is not None:
                try:
                    critique = services.critique_create(actor=request.user, unit=unit, **args)
                except ApplicationError as e:
                    e.add_to_form(form)
                else:
                    messages.success(request, _("Critique %(code)s recorded.") % {"code": critique.code})
                    return redirect("oversight:critique_detail", code=critique.code)
    else:
        form = forms.CritiqueForm(initial={"unit": _default_body(request.user), "received_on": timezone.localdate()})
    return render(request, "oversight/form.html", {"form": form, "heading": _("Record a draft sent for critique")})


@login_required
def critique_detail(request, code):
    critique = selectors.critique_get_for_user(user=request.user, code=code)
    can_edit = perms.can_edit_critique(request.user, critique)
    return render(
        request,
        "oversight/critique_detail.html",
        {
            "critique": critique,
            "opinions": list(critique.opinions.all()),
            "can_edit": can_edit,
            "can_respond": perms.can_respond(request.user, critique),
            "opinion_form": forms.OpinionForm() if can_edit else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def critique_edit(request, code):
    critique = selectors.critique_get_for_user(user=request.user, code=code)
    if not perms.can_edit_critique(request.user, critique):
        raise Http404
    if request.method == "POST":
        form = forms.CritiqueEditForm(request.POST)
        if form.is_valid() and (args := _critique_args(form)) is not None:
            try:
                services.critique_update(
                    actor=request.user,
                    critique=critique,
                    expected_version=form.cleaned_data["expected_version"],
                    **args,
                )
            except ApplicationError as e:
                show_conflict(form, e)
            else:
                messages.success(request, _("Critique %(code)s saved.") % {"code": critique.code})
                return redirect("oversight:critique_detail", code=critique.code)
    else:
        c = critique
        form = forms.CritiqueEditForm(
            initial={
                "title": c.title,
                "drafting_unit": c.drafting_unit.code,
                "received_on": c.received_on,
                "conference_on": c.conference_on,
                "conference_place": c.conference_place,
                "conference_summary": c.conference_summary,
                "expected_version": version_of(c),
            }
        )
    heading = _("Correct critique %(code)s") % {"code": critique.code}
    return render(request, "oversight/form.html", {"form": form, "heading": heading, "edit": True})


@login_required
@require_http_methods(["POST"])
@submit_once
def opinion_new(request, code):
    critique = selectors.critique_get_for_user(user=request.user, code=code)
    form = forms.OpinionForm(request.POST)
    if form.is_valid():
        try:
            services.opinion_add(actor=request.user, critique=critique, content=form.cleaned_data["content"])
        except ApplicationError as e:
            e.add_to_form(form)
        else:
            messages.success(request, _("Opinion recorded."))
            return redirect("oversight:critique_detail", code=critique.code)
    heading = _("Add an opinion to %(code)s") % {"code": critique.code}
    return render(request, "oversight/form.html", {"form": form, "heading": heading})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def opinion_edit(request, code):
    opinion = selectors.opinion_get_for_user(user=request.user, code=code)
    if not perms.can_respond(request.user, opinion.critique):
        raise Http404
    if request.method == "POST":
        form = forms.OpinionEditForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.opinion_update(
                    actor=request.user,
                    opinion=opinion,
                    content=d["content"],
                    response=d["response"],
                    response_note=d["response_note"],
                    responded_on=d["responded_on"],
                    expected_version=d["expected_version"],
                )
            except ApplicationError as e:
                show_conflict(form, e)
            else:
                messages.success(request, _("Opinion %(code)s saved.") % {"code": opinion.code})
                return redirect("oversight:critique_detail", code=opinion.critique.code)
    else:
        form = forms.OpinionEditForm(
            initial={
                "content": opinion.content,
                "response": opinion.response or Response.PENDING,
                "response_note": opinion.response_note,
                "responded_on": opinion.responded_on or timezone.localdate(),
                "expected_version": version_of(opinion),
            }
        )
    heading = _("Opinion %(code)s and the drafting body's response") % {"code": opinion.code}
    return render(request, "oversight/form.html", {"form": form, "heading": heading, "edit": True})
