"""Counts typed into forms have an upper bound: 25 nines is a field error, not an OverflowError (a server error)."""

import pytest

from danvan.initiatives import forms as initiative_forms
from danvan.petitions import forms

TOO_MANY = "9" * 25


@pytest.mark.parametrize(
    ("form_class", "field"),
    [
        (forms.PetitionIntakeForm, "group_size"),
        (forms.ReceptionSessionForm, "citizen_count"),
        (forms.DialogueForm, "participant_count"),
        # Here because the initiatives tests are another engineer's files; the same kind of check.
        (initiative_forms.RegisterForm, "people_mobilised"),
        (initiative_forms.ReplicateForm, "people_mobilised"),
    ],
)
def test_a_huge_count_is_a_field_error(form_class, field):
    form = form_class({field: TOO_MANY})
    assert not form.is_valid() and field in form.errors
    assert form_class({field: "1000000"}).errors.get(field) is None
