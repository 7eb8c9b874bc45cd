"""`{% committees_linked case %}` / `{% committees_linked base %}`: the committees that point at a petitions case or
a democracy base, for those apps' pages (one line there; the links live in this app)."""

from django import template

register = template.Library()


@register.inclusion_tag("committees/_linked.html", takes_context=True)
def committees_linked(context, record):
    from danvan.committees import selectors

    user = context["request"].user
    if record._meta.label == "petitions.Case":
        committees = selectors.committees_for_case(user=user, case=record)
    else:
        committees = selectors.committees_for_base(user=user, base=record)
    return {"committees": committees}
