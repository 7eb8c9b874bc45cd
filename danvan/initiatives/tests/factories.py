import datetime

from danvan.initiatives import services
from danvan.organisations.models import OrgUnit

DAY = datetime.date(2026, 3, 2)


def register(actor, unit_code="C7288-DU", name="Dân vận khéo trong xây dựng đường giao thông nông thôn", **kw):
    data = {
        "actor": actor,
        "unit": OrgUnit.objects.get(code=unit_code),
        "year": 2026,
        "name": name,
        "field": "kinh_te",
        "goal": "Vận động nhân dân hiến đất, góp công làm đường",
        "start_date": DAY,
        "targets": [("Đường bê tông", "km", "5"), ("Hộ hiến đất", "hộ", "120")],
    }
    data.update(kw)
    return services.initiative_register(**data)


def approved(actor, approver, **kw):
    initiative = register(actor, **kw)
    return services.initiative_approve(actor=approver, initiative=initiative)


def full_scores(scheme, value=None):
    return {c.pk: (c.max_score if value is None else value) for c in scheme.criteria.all()}


def recognised(actor, approver, **kw):
    initiative = approved(actor, approver, **kw)
    scheme = services.evaluation_scheme_for(initiative)
    services.evaluation_submit(actor=approver, initiative=initiative, scores=full_scores(scheme), evaluated_on=DAY)
    services.initiative_recognise(
        actor=approver, initiative=initiative, level="province", status="outstanding", decided_on=DAY
    )
    initiative.refresh_from_db()
    return initiative
