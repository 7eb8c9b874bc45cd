from django import template

from danvan.organisations.widgets import UnitPicker

register = template.Library()


@register.simple_tag
def unit_picker(name: str, value: str = "", element_id: str = "", css: str = ""):
    """The unit picker outside a Django form (the GET filters of summary pages): {% unit_picker "unit" unit.code "pick-unit" %}."""
    attrs = {"id": element_id or f"id_{name}"}
    if css:
        attrs["class"] = css
    return UnitPicker().render(name, value or "", attrs=attrs)
