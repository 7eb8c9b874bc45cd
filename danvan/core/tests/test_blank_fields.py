"""Blank forms' fields rendered once per process (core.forms.blank_fields_html) are the HTML the shared templates
render for them every time, in both languages; a bound form is rendered with its values and errors each time."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from danvan.core import forms as core_forms
from danvan.core.forms import blank_fields_html
from danvan.petitions import forms

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 12, 7)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_blank_form_renders_as_the_shared_template_does(language):
    cases = [
        (forms.ActionForm(initial={"on": ON}, prefix="process"), "_fields.html"),
        (forms.CloseForm(initial={"on": ON}, prefix="close"), "_fields.html"),
        (forms.DecideForm(initial={"on": ON}, prefix="decide"), "_fields.html"),
        (forms.TransferForm(initial={"on": ON}, prefix="transfer"), "_fields.html"),
        (forms.AssignForm(), "_form.html"),
    ]
    core_forms._BLANK_FIELDS.clear()
    with translation.override(language):
        for form, template in cases:
            expected = render_to_string(template, {"form": form})
            assert blank_fields_html(form, template) == expected
            assert blank_fields_html(form, template) == expected  # from the process's copy
    with translation.override("en" if language == "vi" else "vi"):
        other = blank_fields_html(forms.ActionForm(initial={"on": ON}, prefix="process"))
    with translation.override(language):
        assert other != blank_fields_html(forms.ActionForm(initial={"on": ON}, prefix="process"))


def test_the_day_and_the_prefix_are_part_of_the_copy():
    first = blank_fields_html(forms.ActionForm(initial={"on": ON}, prefix="process"))
    assert "07/12/2026" in first
    assert "08/12/2026" in blank_fields_html(
        forms.ActionForm(initial={"on": ON + dt.timedelta(days=1)}, prefix="process")
    )
    assert 'name="accept-on"' in blank_fields_html(forms.ActionForm(initial={"on": ON}, prefix="accept"))


def test_a_bound_form_is_rendered_with_its_values_and_errors_every_time():
    blank_fields_html(forms.ActionForm(initial={"on": ON}, prefix="process"))
    bound = forms.ActionForm({"process-on": "31/02/2026", "process-note": "ghi chú"}, prefix="process")
    assert not bound.is_valid()
    html = blank_fields_html(bound)
    assert "ghi chú" in html and "is-invalid" in html
    assert html == render_to_string("_fields.html", {"form": bound})
