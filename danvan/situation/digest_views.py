"""Pages of the digests (bản tin tình hình) and of the map."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.errors import ApplicationError
from danvan.core.exporting import file_response
from danvan.core.submissions import submit_once
from danvan.situation import digests, forms, mapgrid, selectors, services
from danvan.situation import permissions as perms
from danvan.situation.exports import period_label
from danvan.situation.models import Hotspot


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def digest_list(request):
    units = selectors.digest_units_to_generate_for_user(user=request.user)
    form = forms.DigestForm(request.POST or None, units=units)
    if form.ignored:
        # A week sent with a monthly digest (or a month with a weekly one) is not applied, and the page says so.
        messages.info(request, form.ignored_notice())
    if request.method == "POST" and form.is_valid():
        unit = next(u for u in units if u.code == form.cleaned_data["unit"])
        # One area's digest takes well under a second (docs/performance.md), so a request makes it at once; the
        # whole country's digests are made by the scheduled job.
        try:
            digest = services.digest_generate(
                actor=request.user, unit=unit, kind=form.cleaned_data["kind"], start=form.start()
            )
        except ApplicationError as e:
            e.add_to_form(form)
        else:
            messages.success(request, _("Digest %(code)s made.") % {"code": digest.code})
            return redirect("situation:digest_detail", code=digest.code)
    return render(
        request,
        "situation/digest_list.html",
        {
            "digests": selectors.digest_list_for_user(user=request.user),
            "form": form if units else None,
            "sees_areas": selectors.sees_province_or_centre(user=request.user),
        },
    )


@login_required
def digest_detail(request, code):
    digest = selectors.digest_get_for_user(user=request.user, code=code)
    data = digest.data
    listed = data.get("new_hotspots", [])
    restricted_ids = [h["id"] for h in listed if h["restricted"]]
    visible = selectors.hotspot_ids_visible(user=request.user, ids=restricted_ids)
    # Restricted hotspots the reader may open are shown with today's details (and the view audited); the others
    # only as a count.
    opened = {
        h.pk: h
        for h in Hotspot.objects.filter(pk__in=visible).select_related("severity", "place_unit", "unit", "province")
    }
    services.restricted_views_record(actor=request.user, records=list(opened.values()))
    rows = []
    for entry in listed:
        if not entry["restricted"]:
            rows.append(entry)
        elif entry["id"] in opened:
            h = opened[entry["id"]]
            rows.append(
                {
                    **entry,
                    "code": h.code,
                    "title": h.title,
                    "place": ", ".join(x for x in (h.place_text, h.place_unit.name) if x),
                    "people": h.people_involved,
                    "severity": h.severity.name,
                    "status": h.get_status_display(),
                    "topics": [],
                }
            )
    hidden = len(restricted_ids) - len(opened)
    missing = data.get("not_reported", [])
    by_province: dict[str, int] = {}
    for m in missing:
        by_province[m["province"]] = by_province.get(m["province"], 0) + 1
    return render(
        request,
        "situation/digest_detail.html",
        {
            "digest": digest,
            "data": data,
            "label": period_label(data),
            "rows": rows,
            "hidden": hidden,
            "missing": missing,
            "missing_by_province": sorted(by_province.items()),
            "reporting_month": dt.date.fromisoformat(data["reporting_month"]),
            "versions": selectors.digest_versions(digest=digest),
        },
    )


@login_required
def digest_download(request, code):
    digest = selectors.digest_get_for_user(user=request.user, code=code)
    return file_response(bytes(digest.document), filename=f"{digest.code}.docx")


@login_required
def situation_map(request):
    """Hotspots and reporting coverage for a month: by province for the centre, by commune for one province."""
    national, provinces = selectors.map_areas_for_user(user=request.user)
    if not national and not provinces:
        raise Http404("Không có tỉnh nào trong phạm vi của bạn.")
    months = forms.month_choices(count=24)
    month_key = request.GET.get("month") if request.GET.get("month") in dict(months) else months[0][0]
    month = forms.parse_month(month_key)
    chosen = next((p for p in provinces if p.code == request.GET.get("province")), None)
    if chosen is None and not national:
        chosen = provinces[0]
    if chosen is None:
        area = digests.Area(unit=None, province=None)
        data = digests.map_data(area=area, month=month)
        tiles, width, height = mapgrid.province_layout(data["cells"])
    else:
        area = digests.Area(unit=None, province=chosen)
        data = digests.map_data(area=area, month=month)
        tiles, width, height = mapgrid.commune_layout(data["cells"])
    return render(
        request,
        "situation/map.html",
        {
            "national": national,
            "provinces": provinces,
            "province": chosen,
            "months": months,
            "month_key": month_key,
            "month": month,
            "tiles": tiles,
            "width": width,
            "height": height,
            "elsewhere": data.get("elsewhere", 0),
            "hotspots": sum(t["hotspots"] for t in tiles) + data.get("elsewhere", 0),
            "reported": sum(int(t["reported"]) for t in tiles),
            "communes": sum(t.get("communes", 1) for t in tiles),
        },
    )


def _first_error(form) -> str:
    """“Field: what to do”, for a message above the meeting's page."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        return f"{label}: {errors[0]}" if label else errors[0]
    return ""


def _meeting_page(meeting):
    return redirect(reverse("meetings:detail", args=[meeting.public_id]) + "#situation-digest")


@login_required
@require_POST
@submit_once
def meeting_digest_attach(request, public_id):
    from danvan.meetings.selectors import meeting_get_for_user

    meeting = meeting_get_for_user(user=request.user, public_id=public_id)
    area = selectors.digest_area_of_meeting(meeting)
    if not perms.can_attach_digest(request.user, meeting, area):
        raise Http404("Không tìm thấy hội nghị.")
    try:
        if request.POST.get("action") == "make":
            form = forms.DigestForm(request.POST, units=[area])
            if not form.is_valid():
                raise ApplicationError(_first_error(form), field="kind")
            link = services.meeting_digest_attach(
                actor=request.user, meeting=meeting, kind=form.cleaned_data["kind"], start=form.start()
            )
        else:
            day = timezone.localtime(meeting.starts_at).date()
            choices = selectors.digests_to_attach(area=area, before=day)
            form = forms.MeetingDigestPickForm(request.POST, digests=choices)
            if not form.is_valid():
                raise ApplicationError(_first_error(form), field="digest")
            digest = next(d for d in choices if d.code == form.cleaned_data["digest"])
            link = services.meeting_digest_attach(actor=request.user, meeting=meeting, digest=digest)
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("Digest %(code)s attached to the meeting.") % {"code": link.digest.code})
    return _meeting_page(meeting)


@login_required
@require_POST
@submit_once
def meeting_digest_detach(request, public_id, code):
    from danvan.meetings.selectors import meeting_get_for_user
    from danvan.situation.models import MeetingDigest

    meeting = meeting_get_for_user(user=request.user, public_id=public_id)
    link = (
        MeetingDigest.objects.select_related("meeting__unit", "digest")
        .filter(meeting=meeting, digest__code=code, detached_at=None)
        .first()
    )
    if link is None or not perms.can_attach_digest(request.user, meeting, selectors.digest_area_of_meeting(meeting)):
        raise Http404("Không tìm thấy bản tin trong hội nghị.")
    try:
        services.meeting_digest_detach(actor=request.user, link=link)
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, _("Digest %(code)s taken off the meeting.") % {"code": code})
    return _meeting_page(meeting)


@login_required
@require_POST
@submit_once
def meeting_digest_update(request, public_id, code):
    """Put the newer version of an attached digest on the meeting in place of the superseded one."""
    from danvan.meetings.selectors import meeting_get_for_user
    from danvan.situation.models import MeetingDigest

    meeting = meeting_get_for_user(user=request.user, public_id=public_id)
    link = (
        MeetingDigest.objects.select_related("meeting__unit", "digest")
        .filter(meeting=meeting, digest__code=code, detached_at=None)
        .first()
    )
    if link is None or not perms.can_attach_digest(request.user, meeting, selectors.digest_area_of_meeting(meeting)):
        raise Http404("Không tìm thấy bản tin trong hội nghị.")
    try:
        new_link = services.meeting_digest_update(actor=request.user, link=link)
    except ApplicationError as e:
        messages.error(request, e.message)
    else:
        messages.success(
            request,
            _("Digest %(old)s replaced on the meeting by its newer version %(new)s.")
            % {"old": code, "new": new_link.digest.code},
        )
    return _meeting_page(meeting)
