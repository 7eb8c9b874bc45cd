from danvan.accounts.demo import demo_data_load
from danvan.situation.demo import HOTSPOT_TITLE, demo_situation_load
from danvan.situation.models import Digest, Hotspot, HotspotAlert, SituationReport


def test_the_demo_loader_makes_reports_a_hotspot_with_its_alert_and_this_weeks_digests_once(db):
    demo_data_load()
    created = demo_situation_load()
    assert len(created) == 7 and demo_situation_load() == []
    assert SituationReport.objects.filter(status="submitted").count() == 3
    assert SituationReport.objects.filter(kind="event", event_name__startswith="Bầu cử").exists()
    hotspot = Hotspot.objects.get(title=HOTSPOT_TITLE)
    assert HotspotAlert.objects.get(hotspot=hotspot).unit.code.startswith("P24")
    province = Digest.objects.get(unit__code="P24-TU", kind="weekly")
    assert [h["code"] for h in province.data["new_hotspots"]] == [hotspot.code]
