"""The quarterly dân vận report counts hotspots and the Front's supervisions and critiques from their records
(issue 11, decision 0054).

New databases get the indicators and their places from the starter set (migration 0002 reads `starter.py`). Here,
for databases made before: the seven indicators are created where missing, their sources set where nobody set one,
and the starter quarterly form (`dan-van-quy`, version 1) gains the two hotspot figures at the end of its “Nắm tình
hình nhân dân” section and a section for supervision and critique after its last figures section. A form that
already holds them is left alone, so running it again changes nothing.
"""

from django.db import migrations


def quarterly_form_extend(apps, schema_editor=None):
    from danvan.reports.starter import INDICATORS, OVERSIGHT_SECTION, SITUATION_ITEMS, SOURCES

    Indicator = apps.get_model("reports", "Indicator")
    ReportForm = apps.get_model("reports", "ReportForm")
    FormSection = apps.get_model("reports", "FormSection")
    FormItem = apps.get_model("reports", "FormItem")

    new_codes = [*SITUATION_ITEMS[1], *OVERSIGHT_SECTION[1]]
    specs = {spec[0]: spec for spec in INDICATORS}
    indicators = {}
    for code in new_codes:
        _code, name, unit_label, aggregation, _weight, is_pct, decimals = specs[code]
        indicators[code], _ = Indicator.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "unit_label": unit_label,
                "aggregation": aggregation,
                "is_percentage": is_pct,
                "decimal_places": decimals,
            },
        )
    for code in new_codes:
        Indicator.objects.filter(code=code, source="").update(source=SOURCES[code])

    form = ReportForm.objects.filter(code="dan-van-quy", version=1).first()
    if form is None:
        return
    on_form = set(FormItem.objects.filter(section__form=form).values_list("indicator__code", flat=True))

    # The hotspot figures join the situation section (found by its report figure, else by its title).
    situation = (
        FormSection.objects.filter(form=form, items__indicator__code="nam_tinh_hinh_bao_cao").first()
        or FormSection.objects.filter(form=form, kind="figures", title=SITUATION_ITEMS[0]).first()
    )
    if situation is not None:
        last = max(situation.items.values_list("order", flat=True), default=0)
        for code in SITUATION_ITEMS[1]:
            if code not in on_form:
                last += 1
                FormItem.objects.create(section=situation, indicator=indicators[code], order=last)

    # Supervision and critique: a section of its own after the last figures section, the narrative parts after it.
    missing = [code for code in OVERSIGHT_SECTION[1] if code not in on_form]
    if len(missing) < len(OVERSIGHT_SECTION[1]):
        return
    after = max(FormSection.objects.filter(form=form, kind="figures").values_list("order", flat=True), default=0)
    for section in FormSection.objects.filter(form=form, order__gt=after).order_by("-order"):
        section.order += 1
        section.save(update_fields=["order"])
    section = FormSection.objects.create(form=form, order=after + 1, title=OVERSIGHT_SECTION[0], kind="figures")
    for i, code in enumerate(OVERSIGHT_SECTION[1], start=1):
        FormItem.objects.create(section=section, indicator=indicators[code], order=i)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0012_submission_completeness_cover"),
    ]

    operations = [migrations.RunPython(quarterly_form_extend, migrations.RunPython.noop)]
