"""The QCDC indicators of the starter report form "Báo cáo thực hiện dân chủ ở cơ sở" fill themselves from the
democracy records (issue 10 "Reports"): set their source where nobody has set one. Indicators a province made
itself, and any source already chosen, are left alone. "qcdc_hop_ho_ngheo" (meetings on poor-household lists) has
no record here yet and stays typed."""

from django.db import migrations

SOURCES = {
    "qcdc_van_ban_cong_khai": "democracy.disclosures",
    "qcdc_hop_ha_tang": "democracy.infrastructure_meetings",
    "qcdc_hop_huong_uoc": "democracy.convention_meetings",
    "qcdc_cong_trinh_giam_sat": "democracy.works_supervised",
    "qcdc_kien_nghi_giam_sat": "democracy.recommendations",
    "qcdc_kien_nghi_giam_sat_gq": "democracy.recommendations_resolved",
    "qcdc_ban_ttnd_thanh_vien": "democracy.ttnd_members",
    "qcdc_ban_gsdtcd_thanh_vien": "democracy.gsdtcd_members",
}


def link(apps, schema_editor):
    Indicator = apps.get_model("reports", "Indicator")
    for code, source in SOURCES.items():
        Indicator.objects.filter(code=code, source="").update(source=source)


def unlink(apps, schema_editor):
    Indicator = apps.get_model("reports", "Indicator")
    for code, source in SOURCES.items():
        Indicator.objects.filter(code=code, source=source).update(source="")


class Migration(migrations.Migration):
    dependencies = [
        ("democracy", "0003_friendly_and_projects"),
        ("reports", "0007_indicator_source"),
    ]

    operations = [migrations.RunPython(link, unlink)]
