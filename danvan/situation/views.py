from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.accounts.permissions import DATA_ENTRY_ROLES, has_any_role, scope_roots, units_in_scope
from danvan.core.errors import ApplicationError
from danvan.core.locking import show_conflict, version_of
from danvan.core.submissions import submit_once
from danvan.organisations.forms import unit_from_form
from danvan.organisations.models import OrgUnit
from danvan.situation import forms, selectors, services
from danvan.situation import permissions as perms
from danvan.situation.models import SituationReport


def _default_unit(request) -> str:
    root = scope_roots(request.user, DATA_ENTRY_ROLES).first()
    return root.code if root else ""


def _named(data) -> list:
    username = (data.get("named_person") or "").strip()
    return list(get_user_model().objects.filter(username=username, is_active=True)) if username else []


@login_required
def index(request):
    return render(
        request,
        "situation/index.html",
        {
            "can_enter": has_any_role(request.user, DATA_ENTRY_ROLES),
            "sees_areas": selectors.sees_province_or_centre(user=request.user),
            "alerts": list(selectors.alerts_awaiting_for_user(user=request.user)[:50]),
            "reports": selectors.report_list_for_user(user=request.user, limit=50),
            "hotspots": selectors.hotspot_list_for_user(
                user=request.user,
                active_only=True,
                province=request.GET.get("province", "")[:40],
                topic=request.GET.get("topic", "")[:40],
                limit=50,
            ),
            "filtered": bool(request.GET.get("province") or request.GET.get("topic")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def report_new(request):
    if request.method == "POST":
        form = forms.ReportForm(request.POST)
        if form.is_valid() and (unit := unit_from_form(form)) is not None:
            d = form.cleaned_data
            area = unit_from_form(form, "area") if d["area"] else None
            if not (d["area"] and area is None):
                try:
                    report = services.situation_report_save(
                        actor=request.user,
                        unit=unit,
                        kind=d["kind"],
                        period_month=forms.parse_month(d["period"]),
                        event_name=d["event_name"],
                        topics=list(d["topics"]),
                        area=area,
                        mood=d["mood"],
                        trend=d["trend"],
                        opinions=d["opinions"],
                        proposals=d["proposals"],
                        restricted=d["restricted"],
                        named_people=_named(d),
                        submit=request.POST.get("action") == "submit",
                    )
                except ApplicationError as e:
                    e.add_to_form(form)
                else:
                    if report.status == SituationReport.Status.SUBMITTED:
                        messages.success(request, _("Situation report %(code)s sent.") % {"code": report.code})
                    else:
                        messages.success(request, _("Draft %(code)s saved.") % {"code": report.code})
                    return redirect("situation:report_detail", code=report.code)
    else:
        form = forms.ReportForm(initial={"unit": _default_unit(request), "period": forms.month_choices()[0][0]})
    return render(request, "situation/report_form.html", {"form": form})


@login_required
def report_detail(request, code):
    report = selectors.report_get_for_user(user=request.user, code=code)
    if report.restricted:
        services.restricted_view_record(actor=request.user, record=report)
    can_submit = report.status == SituationReport.Status.DRAFT and perms.can_edit_record(request.user, report)
    return render(request, "situation/report_detail.html", {"report": report, "can_submit": can_submit})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def report_edit(request, code):
    report = selectors.report_get_for_user(user=request.user, code=code)
    if report.status != SituationReport.Status.DRAFT or not perms.can_edit_record(request.user, report):
        raise Http404("Không sửa được báo cáo này.")
    if request.method == "POST":
        form = forms.ReportEditForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            area = unit_from_form(form, "area") if d["area"] else None
            if not (d["area"] and area is None):
                try:
                    report = services.situation_report_update(
                        actor=request.user,
                        report=report,
                        period_month=forms.parse_month(d["period"]),
                        event_name=d["event_name"],
                        topics=list(d["topics"]),
                        area=area,
                        mood=d["mood"],
                        trend=d["trend"],
                        opinions=d["opinions"],
                        proposals=d["proposals"],
                        restricted=d["restricted"],
                        named_people=_named(d),
                        submit=request.POST.get("action") == "submit",
                        expected_version=d["expected_version"],
                    )
                except ApplicationError as e:
                    show_conflict(form, e)
                else:
                    messages.success(request, _("Situation report %(code)s saved.") % {"code": report.code})
                    return redirect("situation:report_detail", code=report.code)
    else:
        named = report.named_people.first()
        form = forms.ReportEditForm(
            initial={
                "period": f"{report.period_month:%Y-%m}",
                "event_name": report.event_name,
                "topics": list(report.topics.all()),
                "area": report.area.code if report.area else "",
                "mood": report.mood,
                "trend": report.trend,
                "opinions": report.opinions,
                "proposals": report.proposals,
                "restricted": report.restricted,
                "named_person": named.username if named else "",
                "expected_version": version_of(report),
            }
        )
    return render(request, "situation/report_form.html", {"form": form, "report": report})


@login_required
@require_POST
@submit_once
def report_submit(request, code):
    report = selectors.report_get_for_user(user=request.user, code=code)
    try:
        services.situation_report_submit(actor=request.user, report=report)
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("Situation report %(code)s sent.") % {"code": report.code})
    return redirect("situation:report_detail", code=code)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def hotspot_new(request):
    if request.method == "POST":
        form = forms.HotspotForm(request.POST)
        if form.is_valid() and (unit := unit_from_form(form)) is not None:
            place = unit_from_form(form, "place_unit")
            d = form.cleaned_data
            if place is not None:
                try:
                    hotspot = services.hotspot_raise(
                        actor=request.user,
                        unit=unit,
                        title=d["title"],
                        occurred_on=d["occurred_on"],
                        place_unit=place,
                        place_text=d["place_text"],
                        people_involved=d["people_involved"],
                        severity=d["severity"],
                        topics=list(d["topics"]),
                        description=d["description"],
                        handled_by=d["handled_by"],
                        restricted=d["restricted"],
                        named_people=_named(d),
                    )
                except ApplicationError as e:
                    e.add_to_form(form)
                else:
                    messages.success(request, _("Hotspot %(code)s recorded.") % {"code": hotspot.code})
                    return redirect("situation:hotspot_detail", code=hotspot.code)
    else:
        form = forms.HotspotForm(initial={"unit": _default_unit(request), "occurred_on": timezone.localdate()})
    return render(request, "situation/hotspot_form.html", {"form": form})


def _update_form(request, hotspot, data=None):
    return forms.HotspotUpdateForm(
        data,
        initial={
            "status": hotspot.status,
            "severity": hotspot.severity_id,
            "people_involved": hotspot.people_involved,
            "handled_by": hotspot.handled_by,
            "petitions": list(hotspot.petitions.all()),
            "dialogues": list(hotspot.dialogues.all()),
            "cases": list(hotspot.cases.all()),
            "expected_version": version_of(hotspot),
        },
        petitions=selectors.petitions_to_link(user=request.user, hotspot=hotspot),
        dialogues=selectors.dialogues_to_link(user=request.user, hotspot=hotspot),
        cases=selectors.cases_to_link(user=request.user, hotspot=hotspot),
    )


def _can_update(user, hotspot) -> bool:
    return perms.can_edit_record(user, hotspot) or perms.leads_above(user, hotspot.unit)


def _hotspot_page(request, hotspot, update_form=None):
    alerts = list(hotspot.alerts.select_related("unit", "acknowledged_by"))
    can_ack = any(perms.can_acknowledge_alert(request.user, a) for a in alerts if a.escalated_at is None)
    can_update = _can_update(request.user, hotspot)
    if can_update and update_form is None:
        update_form = _update_form(request, hotspot)
    return render(
        request,
        "situation/hotspot_detail.html",
        {
            "hotspot": hotspot,
            "alerts": alerts,
            "can_ack": can_ack,
            "update_form": update_form if can_update else None,
            "petitions": hotspot.petitions.select_related("unit"),
            "dialogues": hotspot.dialogues.select_related("unit"),
            "cases": hotspot.cases.select_related("unit"),
        },
    )


@login_required
def hotspot_detail(request, code):
    hotspot = selectors.hotspot_get_for_user(user=request.user, code=code)
    if hotspot.restricted:
        services.restricted_view_record(actor=request.user, record=hotspot)
    return _hotspot_page(request, hotspot)


@login_required
@require_POST
@submit_once
def hotspot_acknowledge(request, code):
    hotspot = selectors.hotspot_get_for_user(user=request.user, code=code)
    try:
        services.hotspot_acknowledge(actor=request.user, hotspot=hotspot)
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("Hotspot %(code)s acknowledged.") % {"code": hotspot.code})
    # From the inbox, back to the inbox; otherwise to the hotspot.
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("situation:hotspot_detail", code=code)


@login_required
@require_POST
@submit_once
def hotspot_update(request, code):
    hotspot = selectors.hotspot_get_for_user(user=request.user, code=code)
    form = _update_form(request, hotspot, request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            updated = services.hotspot_update(
                actor=request.user,
                hotspot=hotspot,
                status=d["status"],
                handled_by=d["handled_by"],
                severity=d["severity"],
                people_involved=d["people_involved"],
                petitions=list(d["petitions"]),
                dialogues=list(d["dialogues"]),
                cases=list(d["cases"]),
                expected_version=d["expected_version"],
            )
        except ApplicationError as e:
            show_conflict(form, e)
        else:
            messages.success(request, _("Hotspot %(code)s updated.") % {"code": hotspot.code})
            if updated.alerted_above:
                messages.warning(request, _("The severity rose to a level that alerts: the level above was alerted."))
            return redirect("situation:hotspot_detail", code=code)
    return _hotspot_page(request, hotspot, update_form=form)


def _years_before(month, years: int):
    return month.replace(year=month.year - years)


@login_required
def coverage(request):
    """Areas that did not report: for a month, or for a special round (an election, Tết, a storm) — the round is
    then the period, and a month sent with it is not applied (the page says so; decision 0054)."""
    provinces = list(
        units_in_scope(request.user)
        .filter(level=OrgUnit.Level.PROVINCE, kind=OrgUnit.Kind.PARTY_COMMITTEE)
        .order_by("name")
    )
    months = forms.month_choices()
    chosen = next((p for p in provinces if p.code == request.GET.get("province")), provinces[0] if provinces else None)
    asked_month = request.GET.get("month", "")
    month_key = asked_month if asked_month in dict(months) else months[0][0]
    month = forms.parse_month(month_key)
    # The special rounds reported in the province in the last two years.
    rounds = (
        selectors.event_rounds(province=chosen, since=_years_before(forms.parse_month(months[0][0]), 2))
        if chosen
        else []
    )
    asked_round = request.GET.get("round", "")
    chosen_round = next((r for r in rounds if r["key"] == asked_round), None)
    notices = []
    if chosen_round and asked_month:
        notices.append(
            _(
                "Month: not applied. The round “%(name)s” (%(year)s) is the period of its own reports; to see a month, "
                "choose “Monthly report” under Report."
            )
            % {"name": chosen_round["name"], "year": chosen_round["year"]}
        )
    elif asked_round and chosen_round is None:
        notices.append(
            _(
                "Report: no special round of that name was reported in %(province)s in the last two years; the monthly "
                "report of %(month)s is shown. Choose a round from the list."
            )
            % {"province": chosen.name if chosen else "", "month": f"{month:%m/%Y}"}
        )
    if asked_month and asked_month not in dict(months) and not chosen_round:
        notices.append(
            _("Month: “%(value)s” is not one of the last 24 months; %(month)s is shown. Choose from the list.")
            % {"value": asked_month[:20], "month": f"{month:%m/%Y}"}
        )
    missing = (
        selectors.communes_not_reported(
            province=chosen, month=month, round_key=chosen_round["key"] if chosen_round else ""
        )
        if chosen
        else []
    )
    return render(
        request,
        "situation/coverage.html",
        {
            "provinces": provinces,
            "province": chosen,
            "months": months,
            "month_key": month_key,
            "month": month,
            "rounds": rounds,
            "round": chosen_round,
            "notices": notices,
            "missing": missing,
        },
    )


@login_required
def hotspot_summary(request):
    """Active hotspots by province and topic, for the province or the centre."""
    return render(request, "situation/summary.html", {"rows": selectors.hotspot_counts_for_user(user=request.user)})
