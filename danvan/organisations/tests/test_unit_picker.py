"""Choosing a unit instead of typing its code: the picker's search, the forms that use it, and what they ask."""

import importlib
import inspect
import re

import pytest
from django import forms as django_forms
from django.urls import reverse

from conftest import PASSWORD
from danvan.organisations.widgets import UnitPicker

APPS = [
    "accounts",
    "audit",
    "contests",
    "democracy",
    "ingest",
    "initiatives",
    "meetings",
    "members",
    "movements",
    "organisations",
    "petitions",
    "portal",
    "reports",
    "situation",
    "workplans",
]


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_the_picker_finds_units_in_scope_by_name_without_diacritics(client, officer_a):
    _login(client, officer_a)
    data = client.get(reverse("organisations:pick"), {"q": "khoi dan van yen the"}).json()
    codes = [row["code"] for row in data["results"]]
    assert "C7288-KDV" in codes
    row = next(r for r in data["results"] if r["code"] == "C7288-KDV")
    assert row["name"] == "Khối dân vận xã Yên Thế"
    assert row["path"] == "Đảng ủy xã Yên Thế"


def test_the_picker_finds_units_by_their_names_before_the_merger(client, officer_a):
    _login(client, officer_a)
    # Bắc Giang merged into Bắc Ninh in 2025: its old name still finds today's bodies.
    data = client.get(reverse("organisations:pick"), {"q": "dan van bac giang"}).json()
    assert "P24-TGDV" in [row["code"] for row in data["results"]]


def test_the_picker_never_offers_units_outside_the_scope(client, officer_b):
    _login(client, officer_b)  # An Giang
    data = client.get(reverse("organisations:pick"), {"q": "yen the"}).json()
    assert data["results"] == []
    assert data["empty"]


def test_the_picker_can_be_limited_to_kinds_and_needs_a_login(client, officer_a):
    assert client.get(reverse("organisations:pick"), {"q": "yen the"}).status_code == 302
    _login(client, officer_a)
    data = client.get(reverse("organisations:pick"), {"q": "yen the", "kinds": "party_committee"}).json()
    assert data["results"] and all(row["code"].endswith("-DU") for row in data["results"])
    # One letter, or a thousand, asks nothing of the database and breaks nothing.
    assert client.get(reverse("organisations:pick"), {"q": "y"}).json()["results"] == []
    assert client.get(reverse("organisations:pick"), {"q": "y" * 5000}).status_code == 200


def test_the_task_form_shows_a_picker_with_the_chosen_units_name_not_a_code_box(client, officer_a):
    _login(client, officer_a)
    page = client.get(reverse("workplans:task_new"), {"assigned_by": "P24-TU"}).content.decode()
    assert "data-dv-picker" in page
    assert "(code)" not in page and "(mã)" not in page
    html = UnitPicker().render("assignee", "C7288-KDV", attrs={"id": "id_assignee"})
    assert 'value="C7288-KDV"' in html and 'type="hidden"' in html
    assert 'value="Khối dân vận xã Yên Thế"' in html


def test_a_multiple_picker_posts_every_chosen_unit(rf, db):
    widget = UnitPicker(multiple=True)
    request = rf.post("/", {"coordinating": ["C7288-MTTQ", "C7288-HND"]})
    assert widget.value_from_datadict(request.POST, {}, "coordinating") == "C7288-MTTQ, C7288-HND"
    html = widget.render("coordinating", "C7288-MTTQ, C7288-HND", attrs={"id": "id_coordinating"})
    assert html.count('type="hidden"') == 2


def _form_classes():
    for app in APPS:
        module = importlib.import_module(f"danvan.{app}.forms")
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, django_forms.BaseForm) and cls.__module__ == module.__name__:
                yield app, cls


@pytest.mark.parametrize("app,form_class", list(_form_classes()), ids=lambda v: getattr(v, "__name__", v))
def test_no_form_asks_for_a_unit_code_or_a_separated_line(app, form_class):
    for name, field in form_class.base_fields.items():
        text = f"{field.label} {field.help_text}"
        assert not re.search(
            r"\((code|codes|mã)\)|unit codes?\b|mã đơn vị|e\.g\. [CP]\d+-|quarter-\d|\d{4}-Q\d",
            str(text),
            re.I,
        ), f"{form_class.__name__}.{name} asks for a code: {text}"
        # A line typed with separators ("name | title", "indicator; unit; value") is a row editor's job.
        typed_lines = isinstance(field.widget, django_forms.Textarea) and re.search(
            r" \| |; ", f"{field.label}{field.help_text}"
        )
        assert not typed_lines and " | " not in str(text), (
            f"{form_class.__name__}.{name} asks for a separated line: {text}"
        )
