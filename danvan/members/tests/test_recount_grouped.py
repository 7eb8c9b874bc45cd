"""The recount grouped in one statement per pass gives exactly what the earlier per-person recount gave."""

import datetime as dt
from collections import Counter

import pytest

from danvan.members.models import Membership, Organisation, Person
from danvan.members.tally import ALL_YEARS, CATEGORIES, NATION, category_value, tally_recount

pytestmark = pytest.mark.django_db


def _recount_per_person() -> Counter:
    """The recount as it was written before the grouped statements (a correlated subquery per person, one pass per
    category), kept here as the reference the faster one must equal."""
    from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
    from django.db.models.functions import ExtractYear

    from danvan.organisations.models import AdminUnit

    province_of = dict(AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE).values_list("code", "parent__code"))
    per_commune: Counter = Counter()
    org_count = (
        Membership.objects.filter(person=OuterRef("pk"), left_on__isnull=True)
        .order_by()
        .values("person")
        .annotate(n=Count("organisation", distinct=True))
        .values("n")
    )
    people = (
        Person.objects.annotate(n=Subquery(org_count, output_field=IntegerField()))
        .filter(n__gte=1)
        .annotate(year=ExtractYear("birth_date"))
        .values("commune__code", "sex", "year")
        .annotate(any=Count("pk"), multi=Count("pk", filter=Q(n__gte=2)))
        .order_by()
    )
    for row in people:
        key = (row["commune__code"], row["sex"], row["year"])
        per_commune[(key[0], "any", key[1], key[2])] += row["any"]
        if row["multi"]:
            per_commune[(key[0], "multi", key[1], key[2])] += row["multi"]
    for prefix, name in CATEGORIES:
        rows = (
            Person.objects.annotate(n=Subquery(org_count, output_field=IntegerField()))
            .filter(n__gte=1)
            .values("commune__code", "sex", name)
            .annotate(people=Count("pk"))
            .order_by()
        )
        for row in rows:
            per_commune[(row["commune__code"], f"{prefix}:{category_value(row[name])}", row["sex"], ALL_YEARS)] += row[
                "people"
            ]
    members = (
        Membership.objects.filter(left_on__isnull=True)
        .annotate(year=ExtractYear("person__birth_date"))
        .values("person__commune__code", "organisation__code", "person__sex", "year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in members:
        per_commune[
            (row["person__commune__code"], f"org:{row['organisation__code']}", row["person__sex"], row["year"])
        ] += row["n"]
    total: Counter = Counter()
    for (commune, measure, sex, year), n in per_commune.items():
        for scope in (commune, province_of.get(commune) or "", NATION):
            if scope:
                total[(scope, measure, sex, year)] += n
    return total


def test_the_grouped_recount_equals_the_per_person_recount(hnd_branch):
    from danvan.organisations.models import AdminUnit

    organisations = list(Organisation.objects.order_by("sort_order")[:3])
    communes = list(AdminUnit.objects.filter(generation="current", level="commune").order_by("code")[::900][:4])
    assert len(organisations) == 3 and len({c.parent_id for c in communes}) >= 2
    spellings = ["Kinh", "KINH", "kinh ", "Khmer", "", "Tày"]
    religions = ["", "Phật giáo", "phật  giáo", "Công giáo"]
    occupations = ["Làm ruộng", "", "làm ruộng", "Công nhân", "Buôn bán"]
    for i in range(60):
        person = Person.objects.create(
            full_name=f"Người {i}",
            name_folded=f"nguoi {i}",
            birth_date=dt.date(1950 + i % 7, 1 + i % 12, 1),
            sex="MF"[i % 2],
            ethnicity=spellings[i % len(spellings)],
            religion=religions[i % len(religions)],
            occupation=occupations[i % len(occupations)],
            commune=communes[i % len(communes)],
        )
        # 0, 1, 2 or 3 current organisations; some memberships ended (history, not counted).
        for k, organisation in enumerate(organisations[: i % 4]):
            Membership.objects.create(person=person, organisation=organisation, branch=hnd_branch)
            if (i + k) % 5 == 0:
                Membership.objects.create(
                    person=person, organisation=organisation, branch=hnd_branch, left_on=dt.date(2020, 1, 1)
                )
        if i % 7 == 3:
            Membership.objects.create(
                person=person, organisation=organisations[2], branch=hnd_branch, left_on=dt.date(2021, 6, 1)
            )
    expected = _recount_per_person()
    assert expected[(NATION, "multi", "F", 1951)] > 0 and expected[(NATION, "eth:Kinh", "M", ALL_YEARS)] > 0
    assert tally_recount() == expected
