"""Reading a unit's Word report (.docx) into its report draft for the officer to correct (decision 0038).

The upload saves nothing: it reads the file (`danvan.ingest.wordreports`, through the bounded upload reader) and
shows the entry form filled with what it read, each proposed figure beside the sentence it came from. The
officer's "Save draft" posts that form to the entry page, so the draft is written by `report_save_draft` with the
entry page's optimistic lock, audit and one-time token, like any draft typed by hand.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from danvan.accounts.permissions import can_enter_data
from danvan.core.errors import ApplicationError
from danvan.core.numbers import format_vn
from danvan.core.submissions import submit_once
from danvan.ingest.wordreports import check_is_a_report, docx_blocks, read_report
from danvan.reports import services
from danvan.reports.views import _entry_form, _entry_target

MAX_BYTES = 5 * 1024 * 1024


class WordUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("The unit's report in Word (.docx)"))


def _read(upload, *, form, indicators):
    name = (upload.name or "").lower()
    if not name.endswith(".docx"):
        hint = " Tệp .doc cũ: hãy mở bằng Word và lưu lại thành .docx." if name.endswith(".doc") else ""
        raise ApplicationError(
            f"Tệp “{upload.name}”: chỉ nhận báo cáo Word dạng .docx.{hint}", field="file", code="type"
        )
    if upload.size > MAX_BYTES:
        raise ApplicationError(
            f"Tệp: lớn hơn 5 MB ({upload.size // 1024 // 1024} MB); hãy bỏ bớt ảnh trong báo cáo rồi tải lên lại.",
            field="file",
            code="too_large",
        )
    blocks = docx_blocks(upload.read())
    keys = set(form.sections.filter(kind="narrative").values_list("key", flat=True))
    reading = read_report(blocks, indicators=[i for i in indicators if not i.source])
    reading.sections = {k: v for k, v in reading.sections.items() if k in keys}
    check_is_a_report(reading, blocks)
    return reading


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def word_upload(request, form_id, key, code):
    form, period, unit, submission = _entry_target(request, form_id, key, code)
    if not can_enter_data(request.user, unit) or (submission is not None and not submission.is_editable):
        raise Http404
    entry_url = reverse("reports:entry", kwargs={"form_id": form.pk, "key": key, "code": unit.code})
    if request.method != "POST":
        return redirect(entry_url)
    upload = WordUploadForm(request.POST, request.FILES)
    if not upload.is_valid():
        messages.error(request, _("Choose the unit's report in Word (.docx) to read."))
        return redirect(entry_url)
    indicators = services.form_indicators(form)
    try:
        reading = _read(upload.cleaned_data["file"], form=form, indicators=indicators)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(entry_url)
    entry_form = _entry_form(form, submission, unit, period)
    saved = dict(entry_form.initial)
    for figure in reading.figures.values():
        indicator = next(i for i in indicators if i.code == figure.code)
        entry_form.initial[f"v_{figure.code}"] = format_vn(figure.value, indicator.decimal_places)
    for section_key, text in reading.sections.items():
        entry_form.initial[f"n_{section_key}"] = text
    rows = [
        (indicator, field, source_label, reading.figures.get(indicator.code), saved.get(f"v_{indicator.code}", ""))
        for indicator, field, source_label in entry_form.indicator_rows
    ]
    narratives = [
        (section, field, section.key in reading.sections, saved.get(f"n_{section.key}", ""))
        for section, field in entry_form.narrative_rows
    ]
    return render(
        request,
        "reports/word_preview.html",
        {
            "form": form,
            "period": period,
            "unit": unit,
            "key": key,
            "entry_form": entry_form,
            "rows": rows,
            "narratives": narratives,
            "filename": upload.cleaned_data["file"].name,
            "figures_found": len(reading.figures),
            "sections_found": len(reading.sections),
        },
    )
