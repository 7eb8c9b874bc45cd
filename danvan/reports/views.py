from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.accounts.permissions import can_enter_data, can_view_unit
from danvan.audit.models import AuditEvent
from danvan.core.errors import ApplicationError
from danvan.core.exporting import XLSX_TYPE, file_response
from danvan.core.numbers import format_vn
from danvan.core.submissions import submit_once
from danvan.organisations.forms import unit_from_form
from danvan.organisations.selectors import orgunit_get_for_user, orgunit_roots_for_user
from danvan.reports import exports, selectors, services
from danvan.reports.forms import ReportEntryForm, ReturnForm, UploadForm
from danvan.reports.models import Indicator, Submission
from danvan.reports.periods import (
    parse_period_key,
    period_containing,
    period_fits,
    period_key,
    periods_before,
    report_due_date,
)
from danvan.reports.permissions import can_decide_submission, form_applies_to
from danvan.reports.sources import computed_values
from danvan.reports.values import figure_formatter


@login_required
def index(request):
    rows = selectors.reports_due_for_user(user=request.user, today=timezone.localdate())
    return render(request, "reports/index.html", {"rows": rows})


def _entry_target(request, form_id, key, code):
    form = selectors.form_get(form_id=form_id)
    try:
        period = parse_period_key(key)
    except ApplicationError:
        raise Http404 from None
    unit = orgunit_get_for_user(user=request.user, code=code)
    if not form_applies_to(form, unit) or not period_fits(form, period):
        raise Http404
    submission = Submission.objects.filter(form=form, period=period, unit=unit).first()
    return form, period, unit, submission


def _entry_form(form, submission, unit, period, data=None):
    indicators = services.form_indicators(form)
    narratives = list(form.sections.filter(kind="narrative").order_by("order"))
    initial = {"version": submission.version if submission else 0}
    if submission:
        for code, value in submission.values.values_list("indicator__code", "value"):
            indicator = next(i for i in indicators if i.code == code)
            initial[f"v_{code}"] = _format(value, indicator)
        for key, text in submission.narratives.values_list("key", "text"):
            initial[f"n_{key}"] = text
    if submission is None or submission.is_editable:
        # What the system will fill in on saving, shown live while the report can still change.
        by_code = {i.code: i for i in indicators}
        for code, value in computed_values(indicators=indicators, unit=unit, period=period).items():
            initial[f"v_{code}"] = _format(value, by_code[code])
    return ReportEntryForm(data, initial=initial, indicators=indicators, narratives=narratives)


def _format(value, indicator: Indicator) -> str:
    """The saved figure as the officer would type it, with Vietnamese separators ("1.234", "12,5")."""
    return format_vn(value, indicator.decimal_places)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def entry(request, form_id, key, code):
    form, period, unit, submission = _entry_target(request, form_id, key, code)
    entry_form = _entry_form(form, submission, unit, period, request.POST or None)
    field_errors = {}
    if request.method == "POST":
        if not can_enter_data(request.user, unit):
            raise Http404
        if entry_form.is_valid():
            try:
                submission = services.report_save_draft(
                    actor=request.user,
                    form=form,
                    period=period,
                    unit=unit,
                    values=entry_form.values(),
                    narratives=entry_form.narratives(),
                    expected_version=entry_form.cleaned_data["version"],
                )
                if "submit" in request.POST:
                    services.report_submit(actor=request.user, submission=submission)
                    messages.success(request, _("Report submitted to the unit above."))
                else:
                    messages.success(request, _("Draft saved."))
                return redirect("reports:entry", form_id=form.pk, key=key, code=unit.code)
            except ApplicationError as exc:
                entry_form.add_error(None, exc.message)
                for code_, message in exc.extra.get("by_code", {}).items():
                    if f"v_{code_}" in entry_form.fields:
                        entry_form.add_error(f"v_{code_}", message)
                        field_errors[code_] = message
    history = (
        AuditEvent.objects.filter(target_type="reports.submission", target_id=str(submission.public_id)).order_by("at")
        if submission
        else []
    )
    return render(
        request,
        "reports/entry.html",
        {
            "form": form,
            "period": period,
            "unit": unit,
            "submission": submission,
            "due_date": submission.due_date if submission else report_due_date(period.end_date, form.due_working_days),
            "entry_form": entry_form,
            "key": key,
            "history": history,
            "can_edit": can_enter_data(request.user, unit) and (submission is None or submission.is_editable),
            "can_decide": submission is not None and can_decide_submission(request.user, submission),
            "return_form": ReturnForm(),
            "upload_form": UploadForm(),
        },
    )


@login_required
def template_download(request, form_id, key, code):
    form, period, unit, submission = _entry_target(request, form_id, key, code)
    indicators = services.form_indicators(form)
    values = {c: v for c, v in submission.values.values_list("indicator__code", "value")} if submission else {}
    texts = dict(submission.narratives.values_list("key", "text")) if submission else {}
    content = exports.template_workbook(
        form=form,
        period=period,
        unit=unit,
        indicators=indicators,
        narratives=list(form.sections.filter(kind="narrative").order_by("order")),
        values={k: float(v) for k, v in values.items()},
        texts=texts,
    )
    return file_response(content, filename=f"{form.code}-{key}-{unit.code}.xlsx", content_type=XLSX_TYPE)


@login_required
@require_POST
@submit_once
def template_upload(request, form_id, key, code):
    form, period, unit, submission = _entry_target(request, form_id, key, code)
    if not can_enter_data(request.user, unit):
        raise Http404
    upload = UploadForm(request.POST, request.FILES)
    target = reverse("reports:entry", kwargs={"form_id": form.pk, "key": key, "code": unit.code})
    if not upload.is_valid():
        messages.error(request, _("Choose the filled-in .xlsx template to upload."))
        return redirect(target)
    file = upload.cleaned_data["file"]
    try:
        if file.size > 5 * 1024 * 1024:
            raise ApplicationError("Tệp: lớn hơn 5 MB.", field="file")
        values, texts = exports.read_upload(content=file.read(), form=form, period=period, unit=unit)
        services.report_save_draft(
            actor=request.user,
            form=form,
            period=period,
            unit=unit,
            values=values,
            narratives=texts,
            expected_version=submission.version if submission else 0,
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        for line in exc.extra.get("errors", [])[:50]:
            messages.error(request, line)
    else:
        messages.success(request, _("The file was read and saved as a draft. Check it, then submit."))
    return redirect(target)


@login_required
@require_POST
@submit_once
def decide(request, public_id, decision):
    submission = selectors.submission_get_for_user(user=request.user, public_id=public_id)
    target = reverse(
        "reports:entry",
        kwargs={"form_id": submission.form_id, "key": period_key(submission.period), "code": submission.unit.code},
    )
    try:
        if decision == "submit":
            services.report_submit(actor=request.user, submission=submission)
            messages.success(request, _("Report submitted to the unit above."))
        elif decision == "approve":
            services.report_approve(actor=request.user, submission=submission)
            messages.success(request, _("Report approved."))
        elif decision == "return":
            form = ReturnForm(request.POST)
            services.report_return(actor=request.user, submission=submission, comment=form.data.get("comment", ""))
            messages.success(request, _("Report returned with your comment."))
        else:
            raise Http404
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect(target)


def _is_small_id(value: str | None) -> bool:
    # isdigit() lets "²" and 5,000-digit strings through to int() and the database: plain ASCII digits only.
    return bool(value) and value.isascii() and value.isdecimal() and len(value) <= 9


def _pick(request):
    """The form, period and unit a summary page shows, from the query string, defaulting sensibly."""
    forms = selectors.forms_for_user(user=request.user).distinct().order_by("name")
    form_id = request.GET.get("form")
    form = forms.filter(pk=int(form_id)).first() if _is_small_id(form_id) else forms.first()
    if form is None:
        raise Http404
    key = request.GET.get("period")
    try:
        period = parse_period_key(key) if key else None
    except ApplicationError:
        raise Http404 from None
    if period is None or not period_fits(form, period):
        period = period_containing(form.frequency, timezone.localdate(), form.cutoff_day)
    code = request.GET.get("unit")
    if code:
        unit = orgunit_get_for_user(user=request.user, code=code.strip().upper())
    else:
        roots = orgunit_roots_for_user(user=request.user)
        if not roots:
            raise Http404
        unit = roots[0]
    periods = [*periods_before(period, 7), period]
    return {
        "forms": forms,
        "form": form,
        "period": period,
        "unit": unit,
        "period_key": period_key(period),
        # The last eight periods, oldest first: the period menu, and the columns of the pivot.
        "periods": periods,
        "period_choices": [(period_key(p), p.label) for p in reversed(periods)],
    }


@login_required
def rollup(request):
    ctx = _pick(request)
    rows = selectors.rollup(unit=ctx["unit"], form=ctx["form"], period=ctx["period"])
    if request.GET.get("format") == "xlsx":
        return exports.rollup_xlsx(unit=ctx["unit"], form=ctx["form"], period=ctx["period"], rows=rows)
    ctx["rows"] = rows
    # Indicators × the units directly below, side by side.
    by_child = selectors.rollup_by_child(unit=ctx["unit"], form=ctx["form"], period=ctx["period"])
    summed = [r.indicator for r in rows if r.indicator.aggregation == Indicator.Aggregation.SUM]
    children = {u.pk: u for u in ctx["unit"].children.filter(pk__in=by_child).order_by("sort_order", "name")}
    ctx["by_child_indicators"] = summed
    # Shown as text here: a province's table is ~100 units × 40 indicators, too many cells for a template filter.
    show = figure_formatter()
    ctx["by_child"] = [(child, [show(by_child[pk].get(i.pk)) or "—" for i in summed]) for pk, child in children.items()]
    return render(request, "reports/rollup.html", ctx)


@login_required
def drilldown(request):
    ctx = _pick(request)
    indicator = Indicator.objects.filter(code=request.GET.get("indicator", "")).first()
    if indicator is None:
        raise Http404
    ctx["indicator"] = indicator
    ctx["rows"] = selectors.drilldown(unit=ctx["unit"], indicator=indicator, period=ctx["period"])
    return render(request, "reports/drilldown.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def completeness(request):
    ctx = _pick(request)
    unit, form, period = ctx["unit"], ctx["form"], ctx["period"]
    if request.method == "POST":
        from danvan.organisations.models import OrgUnit

        rows = selectors.completeness(unit=unit, form=form, period=period)
        missing_ids = [r.unit_id for r in rows if r.status in {"missing", "draft", "returned"}]
        missing = list(OrgUnit.objects.filter(pk__in=missing_ids))
        if not can_view_unit(request.user, unit) or not can_enter_data(request.user, unit):
            raise Http404
        count = services.report_remind(actor=request.user, form=form, period=period, units=missing)
        messages.success(request, _("%(n)s units reminded.") % {"n": count})
        return redirect(request.get_full_path())
    # The counts from the database, then one page of rows: the national table has thousands of units.
    per_page = selectors.COMPLETENESS_PAGE
    number = request.GET.get("page")
    number = int(number) if _is_small_id(number) and int(number) > 0 else 1
    summary, rows, number, pages = selectors.completeness_table(
        unit=unit, form=form, period=period, page=number, per_page=per_page
    )
    form_due = report_due_date(period.end_date, form.due_working_days)
    # Every unit that has not sent the report once its deadline has passed is overdue, not merely "missing".
    summary["overdue"] = (
        summary["missing"] + summary["draft"] + summary["returned"] if timezone.localdate() > form_due else 0
    )
    ctx.update(
        {
            "summary": summary,
            "rows": _completeness_cells(rows, form, period, form_due),
            "form_due": form_due,
            "with_province": unit.parent_id is None,
            "page_number": number,
            "pages": pages,
            "page_query": f"form={form.pk}&period={ctx['period_key']}&unit={quote(unit.code)}",
        }
    )
    return render(request, "reports/completeness.html", ctx)


def _completeness_cells(rows, form, period, form_due):
    """What each row of the completeness table shows, worked out here rather than by an include, a {% url %}
    and a date filter in each of up to 500 rows (they were most of the page's time)."""
    from django.utils import dateformat
    from django.utils.formats import get_format

    badges = {
        "approved": ("text-bg-success", _("Approved")),
        "submitted": ("text-bg-primary", _("Submitted")),
        "returned": ("text-bg-warning", _("Returned")),
        "draft": ("text-bg-secondary", _("Draft")),
        "missing": ("text-bg-light border", _("Not started")),
    }
    # The entry page's address differs by the unit code only: reverse it once.
    marker = "UNITCODE"
    base = reverse("reports:entry", kwargs={"form_id": form.pk, "key": period_key(period), "code": marker})
    prefix, suffix = base.split(marker)
    shown = get_format("SHORT_DATETIME_FORMAT")
    today = timezone.localdate()
    cells = []
    for row in rows:
        submitted = ""
        late = False
        if row.submitted_at is not None:
            local = timezone.localtime(row.submitted_at)
            submitted = dateformat.format(local, shown)
            late = row.due_date is not None and local.date() > row.due_date
        badge, label = badges.get(row.status, badges["missing"])
        overdue = 0
        if row.status in {"missing", "draft", "returned"}:
            overdue = max((today - (row.due_date or form_due)).days, 0)
        cells.append(
            {
                "row": row,
                "url": f"{prefix}{quote(row.code)}{suffix}",
                "badge": badge,
                "label": label,
                "late": late,
                "overdue": overdue,
                "submitted": submitted,
            }
        )
    return cells


@login_required
def pivot(request):
    ctx = _pick(request)
    indicators = services.form_indicators(ctx["form"])
    code = request.GET.get("indicator")
    indicator = next((i for i in indicators if i.code == code), indicators[0] if indicators else None)
    if indicator is None:
        raise Http404
    periods = ctx["periods"]
    last_year = selectors.same_period_last_year(ctx["period"])
    table = selectors.pivot(unit=ctx["unit"], indicator=indicator, periods=[*periods, last_year])
    rows = []
    for row in table:
        current, previous = row.values[-2], row.values[-1]
        rows.append(
            {
                "unit": row.unit,
                "values": row.values[:-1],
                "last_year": previous,
                "change": selectors.change_percent(current, previous),
            }
        )
    ctx.update(
        {"indicators": indicators, "indicator": indicator, "periods": periods, "last_year": last_year, "rows": rows}
    )
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "periods": [p.label for p in periods],
                "series": [
                    {"name": r["unit"].name, "data": [None if v is None else float(v) for v in r["values"]]}
                    for r in rows
                ],
                "indicator": indicator.name,
                "unit_label": indicator.unit_label,
            }
        )
    return render(request, "reports/pivot.html", ctx)


@login_required
def briefing_preview(request):
    """The briefing report without a number, to read before issuing it."""
    from danvan.reports.briefing import briefing_content

    ctx = _pick(request)
    try:
        _subject, content = briefing_content(
            unit=ctx["unit"],
            form=ctx["form"],
            period=ctx["period"],
            reference="Số      -BC/",
            today=timezone.localdate(),
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(
            reverse("reports:rollup") + f"?form={ctx['form'].pk}&period={ctx['period_key']}&unit={ctx['unit'].code}"
        )
    from danvan.documents.docxpage import draft_mark

    # Read offline before issuing: "DỰ THẢO" on every page, so it never passes for an issued report.
    return file_response(draft_mark(content), filename=f"du-thao-bao-cao-{ctx['period_key']}-{ctx['unit'].code}.docx")


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def documents(request):
    from danvan.documents.models import IssuedDocument
    from danvan.reports.briefing import briefing_draft

    if request.method == "POST":
        from danvan.documents.views import to_draft

        ctx = _pick(request)
        try:
            document = briefing_draft(
                actor=request.user, unit=ctx["unit"], form=ctx["form"], period=ctx["period"], today=timezone.localdate()
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect(reverse("reports:rollup") + "?" + request.GET.urlencode())
        return to_draft(request, document)
    from danvan.accounts.permissions import can_revoke_number, units_in_scope

    issued = list(
        IssuedDocument.objects.filter(register__issuer__in=units_in_scope(request.user))
        .select_related("register__issuer", "issued_by", "replaces", "replaced_by")
        .defer("content", "replaces__content", "replaced_by__content")[:200]
    )
    for document in issued:
        # Only a leader of the issuing body (or of its Party committee) is offered the revoke button.
        document.revocable = document.revoked_at is None and can_revoke_number(request.user, document.register.issuer)
    return render(request, "reports/documents.html", {"documents": issued})


@login_required
def document_download(request, public_id):
    from danvan.documents.models import IssuedDocument

    document = IssuedDocument.objects.select_related("register__issuer").filter(public_id=public_id).first()
    if document is None or not can_view_unit(request.user, document.register.issuer):
        raise Http404
    return file_response(
        bytes(document.content), filename=f"{document.reference.replace('Số ', '').replace('/', '_')}.docx"
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def document_revoke(request, public_id):
    """Revoke an issued number with the reason (a leader of the issuing body); the replacement is issued from the
    document's own page (the meeting, the briefing) and gets the next number."""
    from danvan.accounts.permissions import can_revoke_number
    from danvan.documents.models import IssuedDocument
    from danvan.documents.numbering import ONLY_ISSUER_REVOKES
    from danvan.documents.numbering import document_revoke as revoke
    from danvan.reports.forms import RevokeForm

    document = IssuedDocument.objects.select_related("register__issuer").filter(public_id=public_id).first()
    if document is None or not can_view_unit(request.user, document.register.issuer):
        raise Http404
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            revoke(actor=request.user, document=document, reason=form.cleaned_data["reason"])
        except ApplicationError as exc:
            exc.add_to_form(form)
        else:
            messages.success(
                request,
                _("Document %(ref)s revoked. Issue its replacement from its page: it gets the next number.")
                % {"ref": document.reference},
            )
            return redirect("reports:documents")
    # A reader who may not revoke is told who can, rather than shown a form they cannot submit.
    refusal = "" if can_revoke_number(request.user, document.register.issuer) else ONLY_ISSUER_REVOKES
    return render(request, "reports/document_revoke.html", {"document": document, "form": form, "refusal": refusal})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def definitions(request):
    """Indicators and forms: the lists, and the two forms to define new ones."""
    from danvan.reports import definitions as defs
    from danvan.reports.forms import IndicatorForm, ReportFormDefinitionForm

    which = request.POST.get("which")
    indicator_form = IndicatorForm(request.POST if which == "indicator" else None)
    report_form = ReportFormDefinitionForm(request.POST if which == "form" else None)
    # Only the national indicators and those of the person's own province (or above) can go into a form.
    usable = selectors.indicators_for_user(user=request.user)
    report_form.fields["indicators"].queryset = usable.filter(is_active=True).order_by("code")
    indicator_form.fields["weight"].queryset = usable.filter(is_active=True)
    if request.method == "POST":
        bound = indicator_form if which == "indicator" else report_form
        # The owner's scope is the service's to check (only a province it administers, or the centre).
        owner = unit_from_form(bound, "owner") if bound.is_valid() else None
        if owner is not None:
            data = {**bound.cleaned_data, "owner": owner}
            try:
                if which == "indicator":
                    created = defs.indicator_create(actor=request.user, **data)
                else:
                    data["indicators"] = list(data["indicators"])
                    created = defs.reportform_create(actor=request.user, **data)
            except ApplicationError as exc:
                exc.add_to_form(bound)
            else:
                messages.success(request, _("%(name)s saved.") % {"name": created.name})
                return redirect("reports:definitions")
    return render(
        request,
        "reports/definitions.html",
        {
            "indicator_form": indicator_form,
            "report_form": report_form,
            "indicators": usable.select_related("owner", "weight").order_by("code"),
            "forms": selectors.forms_for_user(user=request.user).distinct().select_related("owner").order_by("name"),
        },
    )
