"""The hotspots linked to a prolonged complex case, on the case's page (petitions app): one include there."""

from django import template

from danvan.situation import selectors, services

register = template.Library()


@register.inclusion_tag("situation/_case_hotspots.html", takes_context=True)
def case_hotspots(context, case):
    user = context["request"].user
    # Situation data is sensitive: whoever may not read a hotspot sees no trace of it (not even a count).
    hotspots = selectors.hotspots_of_case_for_user(user=user, case=case)
    if any(h.restricted for h in hotspots):
        services.restricted_views_record(actor=user, records=hotspots)
    return {"hotspots": hotspots}
