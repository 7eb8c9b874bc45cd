"""The situation digest panel of a meeting's page, so that the meetings app only includes one template."""

from django import template
from django.utils import timezone

from danvan.situation import forms, selectors
from danvan.situation import permissions as perms

register = template.Library()


@register.inclusion_tag("situation/_meeting_digest_panel.html", takes_context=True)
def meeting_digest_panel(context, meeting):
    user = context["request"].user
    shown = {"show": False}
    if meeting.kind not in perms.DIGEST_MEETING_KINDS:
        return shown
    area = selectors.digest_area_of_meeting(meeting)
    # Situation data is sensitive: whoever may not read the area's situation sees no trace of the panel.
    if area is None or not perms.can_view_unit(user, area):
        return shown
    can_attach = perms.can_attach_digest(user, meeting, area)
    day = timezone.localtime(meeting.starts_at).date()
    links = selectors.meeting_digests_for_user(user=user, meeting=meeting)
    attached = {link.digest_id for link in links}
    pick = make = None
    if can_attach:
        choices = [d for d in selectors.digests_to_attach(area=area, before=day) if d.pk not in attached]
        pick = forms.MeetingDigestPickForm(digests=choices) if choices else None
        if perms.can_generate_digest(user, area):
            make = forms.DigestForm(units=[area], initial={"unit": area.code, "kind": "weekly"})
    return {
        "show": bool(links) or can_attach,
        "meeting": meeting,
        "area": area,
        "links": links,
        "can_attach": can_attach,
        "pick": pick,
        "make": make,
    }
