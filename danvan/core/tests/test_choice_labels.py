"""`get_FOO_display()` from the dict made once per field (core.choices) answers as Django's own method does."""

from django.apps import apps
from django.db.models import Model
from django.utils import translation

from danvan.petitions.models import Petition


def _fields_with_choices():
    for model in apps.get_models():
        if model.__module__.startswith("danvan."):
            for field in model._meta.concrete_fields:
                if field.choices:
                    yield model, field


def test_installed_on_danvan_models():
    assert Petition.get_status_display is not Model._get_FIELD_display
    assert "labels" in Petition.__dict__["get_status_display"].keywords


def test_every_choice_label_equals_djangos_in_both_languages():
    checked = 0
    for language in ("vi", "en"):
        with translation.override(language):
            for model, field in _fields_with_choices():
                for value, _label in field.flatchoices:
                    obj = model()
                    setattr(obj, field.attname, value)
                    ours = getattr(obj, f"get_{field.name}_display")()
                    assert ours == Model._get_FIELD_display(obj, field), (model, field.name, value)
                    assert type(ours) is type(Model._get_FIELD_display(obj, field))
                    checked += 1
    assert checked > 100


def test_a_value_that_is_not_a_choice_shows_itself():
    petition = Petition(status="khong-co")
    assert petition.get_status_display() == "khong-co"
    petition.status = None
    assert petition.get_status_display() is None


def test_labels_follow_the_active_language():
    petition = Petition(status=Petition.Status.RECEIVED)
    with translation.override("en"):
        english = petition.get_status_display()
    with translation.override("vi"):
        vietnamese = petition.get_status_display()
    assert english != vietnamese
