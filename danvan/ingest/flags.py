"""What the reader's warning flags say to the person checking a record: a sentence naming the field and what to
check, never the flag's key ("event_date_year_from_period")."""

from django.utils.translation import gettext_lazy as _

FLAG_LABELS = {
    "event_date_unresolved": _("Date: the reader found no date of the event; enter it."),
    "event_date_year_from_dateline": _("Date: the year was taken from the document's date line; check it."),
    "event_date_year_from_period": _("Date: the year was taken from the report period; check it."),
    "event_date_year_from_text": _("Date: the year was taken from elsewhere in the text; check it."),
    "period_missing": _("Period: the reader found no report period; choose it."),
    "period_year_unresolved": _("Period: the year of the period is unclear; choose it."),
    "period_year_from_context": _("Period: the year was guessed from the context; check it."),
    "province_from_district": _("Province: worked out from a former district's name; check it."),
    "organizer_missing": _("Organiser: the reader found no organising unit; choose it."),
    "organizer_uncertain": _("Organiser: the reader is not sure of the organising unit; check it."),
    "chair_missing": _("Chairs: the reader found no one chairing; add them."),
    "chair_from_conclusion": _("Chairs: taken from the conclusion's signature; check them."),
    "level_from_text": _("Level: worked out from the wording of the text; check it."),
}


def flag_label(flag: str) -> str:
    """The flag as a sentence; a flag this table does not know yet as a general request to check the record."""
    return str(FLAG_LABELS.get(flag, _("Check this record against the document.")))
