"""The label of a field's choice (`get_FOO_display()`) read from a dict built once per field.

Django builds the dict of every choice of the field again on each call, and hashes each lazy label for it, which
translates it: ~35 µs a call on a field of ten choices. A list of 100 petitions shows two such labels a row, ~7 ms of
the page's CPU. Installed at start-up on danvan's own models (`install_choice_labels`, from CoreConfig.ready); the
label returned is the same: the choice's label in the active language, or the value itself when it is not a choice.
"""

from functools import partialmethod

from django.apps import apps
from django.utils.choices import BaseChoiceIterator
from django.utils.encoding import force_str


def _display(self, field, labels):
    value = getattr(self, field.attname)
    try:
        label = labels.get(value, value)
    except TypeError:  # an unhashable value (a list or dict): Django's own way
        return self._get_FIELD_display(field)
    return force_str(label, strings_only=True)


def install_choice_labels() -> int:
    """Give each danvan model field with flat, hashable choices a `get_FOO_display` that reads a dict made once.
    Returns how many methods were installed. A model that defines its own `get_FOO_display` keeps it."""
    installed = 0
    for model in apps.get_models():
        if not model.__module__.startswith("danvan."):
            continue
        for field in model._meta.concrete_fields:
            name = f"get_{field.name}_display"
            if not field.choices or not isinstance(model.__dict__.get(name), partialmethod):
                continue
            if isinstance(field.choices, BaseChoiceIterator):  # choices from a callable: may change, read each time
                continue
            try:
                labels = dict(field.flatchoices)
            except TypeError:
                continue
            setattr(model, name, partialmethod(_display, field=field, labels=labels))
            installed += 1
    return installed
