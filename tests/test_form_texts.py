"""No form in danvan asks anyone to type a code, a period key, someone's username or an "a | b" line (issue 14):
every form class of every forms module, its declared fields and, where it can be made without arguments, the fields
its constructor adds, have labels, help texts and placeholders that ask for a choice, not a code."""

import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms
from django.utils import translation

import danvan
from danvan.core.text import fold

# Folded, so "Mã đơn vị" and "ma don vi" are caught alike, in both languages.
ASKS_FOR_A_CODE = re.compile(
    r"\b(ma don vi|unit code|ma ky|period key|ma xa|commune code|username|ten dang nhap|ma can bo)\b"
)
# Logging in, creating an account and importing new accounts name the account's own username: the thing itself,
# chosen for it, not a reference to someone else.
OWN_USERNAME = {
    ("danvan.accounts.forms", "LoginForm", "username"),
    ("danvan.accounts.forms", "UserCreateForm", "username"),
    ("danvan.accounts.forms", "AccountImportForm", "file"),
}


def forms_modules():
    for info in pkgutil.walk_packages(danvan.__path__, "danvan."):
        if ".tests" in info.name or ".migrations" in info.name:
            continue
        if info.name.rsplit(".", 1)[-1] == "forms" or ".forms." in info.name:
            yield importlib.import_module(info.name)


def form_classes():
    found = {}
    for module in forms_modules():
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                found[f"{module.__name__}.{name}"] = value
    return found


def fields_of(form_class):
    fields = dict(form_class.base_fields)
    try:
        fields |= form_class().fields
    except Exception:  # noqa: BLE001 - a form that needs arguments is checked by its declared fields
        pass
    return fields


def texts_of(field):
    attrs = getattr(field.widget, "attrs", {}) or {}
    return [str(field.label or ""), str(field.help_text or ""), str(attrs.get("placeholder", ""))]


def test_there_are_forms_to_check():
    assert len(form_classes()) > 50


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_form_field_asks_for_a_code_or_a_separator(language):
    problems = []
    with translation.override(language):
        for path, form_class in sorted(form_classes().items()):
            module, name = path.rsplit(".", 1)
            for field_name, field in fields_of(form_class).items():
                for text in texts_of(field):
                    if "|" in text:
                        problems.append(f"{path}.{field_name}: “{text}” asks for a “|” separator")
                    match = ASKS_FOR_A_CODE.search(fold(text))
                    if match and (module, name, field_name) not in OWN_USERNAME:
                        problems.append(f"{path}.{field_name}: “{text}” asks for {match.group(0)}")
    assert problems == []
