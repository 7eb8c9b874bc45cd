"""The quarterly dân vận report counts the ethnic and religious work from its records (issue 11, decision 0054):
visits and greetings made on religious holidays and ethnic festivals (`faiths.visits_done`) and commendations of
dignitaries, followers and religious organisations (`faiths.commendations`).

New databases get the indicators and their section from the starter set (migration 0002 reads `starter.py`). Here,
for databases made before: the two indicators are created where missing, their sources set where nobody set one,
and the starter quarterly form (`dan-van-quy`, version 1) gains a section “Công tác dân tộc, tôn giáo” after its
last figures section (the narrative parts move down one place). A form that already holds either figure is left
alone, so running it again changes nothing.
"""

from django.db import migrations


def quarterly_form_add_faiths(apps, schema_editor=None):
    from danvan.reports.starter import FAITHS_SECTION, INDICATORS, SOURCES

    Indicator = apps.get_model("reports", "Indicator")
    ReportForm = apps.get_model("reports", "ReportForm")
    FormSection = apps.get_model("reports", "FormSection")
    FormItem = apps.get_model("reports", "FormItem")

    title, codes = FAITHS_SECTION
    specs = {spec[0]: spec for spec in INDICATORS}
    indicators = {}
    for code in codes:
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
        Indicator.objects.filter(code=code, source="").update(source=SOURCES[code])

    form = ReportForm.objects.filter(code="dan-van-quy", version=1).first()
    if form is None:
        return
    if FormItem.objects.filter(section__form=form, indicator__code__in=codes).exists():
        return
    after = max(FormSection.objects.filter(form=form, kind="figures").values_list("order", flat=True), default=0)
    for section in FormSection.objects.filter(form=form, order__gt=after).order_by("-order"):
        section.order += 1
        section.save(update_fields=["order"])
    section = FormSection.objects.create(form=form, order=after + 1, title=title, kind="figures")
    for i, code in enumerate(codes, start=1):
        FormItem.objects.create(section=section, indicator=indicators[code], order=i)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0013_situation_and_oversight_sources"),
    ]

    operations = [migrations.RunPython(quarterly_form_add_faiths, migrations.RunPython.noop)]
