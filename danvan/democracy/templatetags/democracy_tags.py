"""`{% projects_linked petition %}` / `{% projects_linked_dialogues dialogues %}`: the mobilisation projects a
petition or the dialogues shown are linked to, for the petitions app's pages (one line there; the links live in
this app, as `committees_linked` does)."""

from django import template

register = template.Library()


@register.inclusion_tag("democracy/_projects_linked.html", takes_context=True)
def projects_linked(context, petition):
    from danvan.democracy import selectors

    households = selectors.projects_for_petition(user=context["request"].user, petition=petition)
    return {"households": households}


@register.inclusion_tag("democracy/_dialogues_linked.html", takes_context=True)
def projects_linked_dialogues(context, dialogues):
    from danvan.democracy import selectors

    return {"pairs": selectors.projects_for_dialogues(user=context["request"].user, dialogues=dialogues)}
