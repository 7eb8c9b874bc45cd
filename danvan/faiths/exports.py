"""The religious register as rows (data first); danvan.core.exporting writes the XLSX."""

from django.utils.translation import gettext as _

from danvan.faiths.models import Establishment


def register_sheets(establishments: list[Establishment]) -> list[tuple[str, list[str], list[list]]]:
    """Two sheets: the establishments with their latest follower figure, and their dignitaries and officials."""
    places = []
    people = []
    for e in establishments:
        figure = next(iter(e.followers.all()), None)
        places.append(
            [
                e.code,
                e.unit.name,
                e.village.name if e.village else "",
                e.religion.name,
                e.denomination.name if e.denomination else "",
                e.get_kind_display(),
                e.name,
                e.address,
                figure.year if figure else "",
                figure.followers if figure else "",
            ]
        )
        for d in e.dignitaries.all():
            people.append([e.code, e.name, d.get_kind_display(), d.position, d.full_name, d.birth_year or ""])
    return [
        (
            _("Establishments"),
            [
                _("Code"),
                _("Unit"),
                _("Village"),
                _("Religion"),
                _("Religious organisation"),
                _("Kind"),
                _("Name"),
                _("Address"),
                _("Year"),
                _("Followers"),
            ],
            places,
        ),
        (
            _("Dignitaries"),
            [_("Code"), _("Establishment"), _("Kind"), _("Position"), _("Full name"), _("Year of birth")],
            people,
        ),
    ]
