"""Every read of the members app, through the rules of permissions.py (missing and forbidden are both 404)."""

import datetime as dt

from django.db.models import Count, Q
from django.http import Http404

from danvan.accounts.models import RoleAssignment
from danvan.accounts.permissions import DATA_ENTRY_ROLES, READ_ROLES
from danvan.members.models import Branch, CommunePopulation, Membership, MemberTally, Organisation, Person
from danvan.members.permissions import can_see_members, can_view_counts, own_line
from danvan.members.tally import NATION
from danvan.organisations.models import AdminUnit, OrgUnit

# Age groups of the statistics page (a display choice, not a rule): (label, youngest, oldest or None).
AGE_GROUPS = (
    ("Dưới 18", 0, 17),
    ("18–30", 18, 30),
    ("31–45", 31, 45),
    ("46–60", 46, 60),
    ("Trên 60", 61, None),
)


def branches_for_user(*, user):
    """Branches whose member lists `user` may see: permissions.own_line, the one scope rule (their organisation's
    own, in their scope), as plain conditions after one read of the person's roles."""
    condition = own_line(user, READ_ROLES)
    if condition is None:
        return Branch.objects.none()
    return (
        Branch.objects.filter(condition)
        .select_related("organisation", "owner", "place", "commune")
        .order_by("organisation__sort_order", "name", "id")
    )


def branch_get_for_user(*, user, code: str) -> Branch:
    branch = Branch.objects.select_related("organisation", "owner", "place", "commune").filter(code=code).first()
    if branch is None or not can_see_members(user, branch):
        raise Http404
    return branch


def branch_members(*, branch: Branch):
    return (
        Membership.objects.filter(branch=branch, left_on__isnull=True)
        .select_related("person")
        .order_by("person__name_folded", "person__birth_date")
    )


def branch_members_page(*, branch: Branch, number, per_page: int = 100):
    """One page of the branch's current members, by name and date of birth (the copies on each membership), with
    their people: the page's ids read from `membership_branch_roster_idx` (ORDER BY … LIMIT/OFFSET walks the index,
    nothing is sorted), then those rows with their people — not all the branch's members sorted to show 100 (320 ms
    for a branch of 7,259 at 30 M people). The number of pages comes from the branch's maintained count."""
    from django.core.paginator import Paginator

    ids = Membership.objects.filter(branch=branch, left_on__isnull=True).order_by(
        "person_name_folded", "person_birth_date", "id"
    )
    paginator = Paginator(ids.values_list("pk", flat=True), per_page)
    paginator.count = branch.member_count  # a cached property: no count(*) of the branch
    page = paginator.get_page(number)
    rows = {m.pk: m for m in Membership.objects.filter(pk__in=list(page.object_list)).select_related("person")}
    page.object_list = [rows[pk] for pk in page.object_list if pk in rows]
    return page


def person_get_for_user(*, user, public_id) -> tuple[Person, list[Membership]]:
    """The person and all their memberships, if `user` may see the members of one of their branches."""
    person = Person.objects.select_related("commune").filter(public_id=public_id).first()
    if person is None:
        raise Http404
    memberships = list(
        Membership.objects.filter(person=person).select_related(
            "organisation", "branch__owner", "branch__organisation", "branch__commune"
        )
    )
    if not any(can_see_members(user, m.branch) for m in memberships):
        raise Http404
    return person, memberships


def organisations_active():
    return Organisation.objects.filter(is_active=True)


def statistics_areas_for_user(*, user) -> list[tuple[str, str]]:
    """(scope code, name) of the areas whose counts `user` may see: the nation, provinces, communes their roles
    are on (the top of each of their scopes)."""
    areas: list[tuple[str, str]] = []
    units = OrgUnit.objects.filter(role_assignments__user=user).select_related("admin_unit").distinct()
    for unit in units:
        if unit.level == OrgUnit.Level.CENTRAL:
            areas.append((NATION, "Toàn quốc"))
        elif unit.admin_unit and unit.admin_unit.is_current:
            areas.append((unit.admin_unit.code, unit.admin_unit.name))
    # Below each top: the provinces of the nation, the communes of a province (a province has ~100 communes).
    below: list[tuple[str, str]] = []
    if any(code == NATION for code, _name in areas):
        below += AdminUnit.objects.filter(
            generation=AdminUnit.Generation.CURRENT, level=AdminUnit.Level.PROVINCE
        ).values_list("code", "name")
    provinces = [code for code, _name in areas if code.startswith("P")]
    if provinces:
        below += AdminUnit.objects.filter(
            generation=AdminUnit.Generation.CURRENT, level=AdminUnit.Level.COMMUNE, parent__code__in=provinces
        ).values_list("code", "name")
    tops = sorted(set(areas), key=lambda a: (a[0] != NATION, len(a[0]), a[1]))
    seen = {code for code, _name in tops}
    return tops + sorted((a for a in set(below) if a[0] not in seen), key=lambda a: (len(a[0]), a[1]))


def statistics_area_get_for_user(*, user, scope: str) -> tuple[str, str]:
    """(scope, name) when `user` may see the counts of `scope` (the nation, a province or a commune), else 404."""
    if scope == NATION:
        # As statistics_areas_for_user offers it: a role on a central body (the Central Committee's Ban, or an
        # organisation's central body such as the central Hội Nông dân), or one that sees the root of the tree.
        unit = OrgUnit.objects.filter(level=OrgUnit.Level.CENTRAL, parent__isnull=True).first()
        central = RoleAssignment.objects.filter(
            user=user, role__in=READ_ROLES, unit__level=OrgUnit.Level.CENTRAL
        ).exists()
        if unit is None or not (central or can_view_counts(user, unit)):
            raise Http404
        return NATION, "Toàn quốc"
    area = AdminUnit.objects.filter(code=scope, generation=AdminUnit.Generation.CURRENT).first()
    if area is None:
        raise Http404
    # A role on the area's Party committee or above it (the Ban), or on any body of the area (the Front, an
    # organisation): counts carry no personal data.
    unit = OrgUnit.objects.filter(admin_unit=area, kind=OrgUnit.Kind.PARTY_COMMITTEE).first()
    on_area = RoleAssignment.objects.filter(user=user, role__in=READ_ROLES, unit__admin_unit=area).exists()
    if not on_area and (unit is None or not can_view_counts(user, unit)):
        raise Http404
    return area.code, area.name


def member_statistics(*, scope: str, today: dt.date) -> dict:
    """Counted-once figures for one area from the maintained counts: one indexed read of at most a few thousand
    rows, whatever the number of members. Ages are counted by year of birth (age = this year − year of birth)."""
    rows = MemberTally.objects.filter(scope=scope, count__gt=0).values_list("measure", "sex", "birth_year", "count")
    measures: dict[str, dict] = {}
    categories: dict[str, dict[str, dict]] = {"eth": {}, "rel": {}, "occ": {}}
    for measure, sex, year, count in rows:
        prefix, _sep, value = measure.partition(":")
        if prefix in categories:
            figures = categories[prefix].setdefault(value, {"value": value, "total": 0, "M": 0, "F": 0})
            figures["total"] += count
            figures[sex] = figures.get(sex, 0) + count
            continue
        figures = measures.setdefault(measure, {"total": 0, "M": 0, "F": 0, "ages": [0] * len(AGE_GROUPS)})
        figures["total"] += count
        figures[sex] = figures.get(sex, 0) + count
        age = today.year - year
        for i, (_label, low, high) in enumerate(AGE_GROUPS):
            if age >= low and (high is None or age <= high):
                figures["ages"][i] += count
                break
    empty = {"total": 0, "M": 0, "F": 0, "ages": [0] * len(AGE_GROUPS)}
    # The national organisations always; a province's own associations where they have members.
    organisations = [
        {"organisation": org, **measures.get(f"org:{org.code}", empty)}
        for org in Organisation.objects.all()
        if org.province_id is None or f"org:{org.code}" in measures
    ]
    memberships = sum(o["total"] for o in organisations)
    return {
        "organisations": organisations,
        "any": measures.get("any", empty),
        "multi": measures.get("multi", empty),
        "memberships": memberships,
        "age_groups": [g[0] for g in AGE_GROUPS],
        # Largest first; an empty value is "not recorded".
        "ethnicity": sorted(categories["eth"].values(), key=lambda f: (-f["total"], f["value"])),
        "religion": sorted(categories["rel"].values(), key=lambda f: (-f["total"], f["value"])),
        "occupation": sorted(categories["occ"].values(), key=lambda f: (-f["total"], f["value"]))[:30],
    }


def population_share(*, scope: str, members: dict) -> dict:
    """The population of age of an area (each commune's latest figure, summed) and the share of it who are members
    (people in at least one organisation), in all and by sex. A share is taken over the communes that entered a
    figure, the members counted in those same communes, so a part of an area never reads as the whole; by sex,
    over the communes that gave men and women. `members` is member_statistics()["any"] for the area, used when
    every commune entered its figure. At most three queries, whatever the number of communes."""
    from django.db.models import Max, Min, OuterRef, Subquery, Sum

    communes = AdminUnit.objects.filter(generation=AdminUnit.Generation.CURRENT, level=AdminUnit.Level.COMMUNE)
    if scope.startswith("C"):
        communes = communes.filter(code=scope)
    elif scope.startswith("P"):
        communes = communes.filter(parent__code=scope)
    latest_year = CommunePopulation.objects.filter(commune=OuterRef("commune")).order_by("-year").values("year")[:1]
    latest = CommunePopulation.objects.filter(commune__in=communes, year=Subquery(latest_year))
    figures = latest.aggregate(
        people=Sum("people_of_age"),
        men=Sum("male"),
        women=Sum("female"),
        entered=Count("pk"),
        by_sex=Count("male"),
        first_year=Min("year"),
        last_year=Max("year"),
    )
    total = communes.count()
    entered, by_sex = figures["entered"] or 0, figures["by_sex"] or 0
    if entered and entered == total and by_sex == entered:
        counted = {"total": members["total"], "M": members["M"], "F": members["F"]}
    elif entered:
        # Members of the communes that entered a figure only: one sum over their maintained counts.
        with_sex = latest.filter(male__isnull=False).values("commune__code")
        counted = MemberTally.objects.filter(measure="any", scope__in=latest.values("commune__code")).aggregate(
            total=Sum("count"),
            M=Sum("count", filter=Q(sex="M", scope__in=with_sex)),
            F=Sum("count", filter=Q(sex="F", scope__in=with_sex)),
        )
    else:
        counted = {"total": 0, "M": 0, "F": 0}

    def share(part, whole):
        return round(100 * (part or 0) / whole, 1) if whole else None

    return {
        "people_of_age": figures["people"] or 0,
        "male": figures["men"] or 0,
        "female": figures["women"] or 0,
        "communes_entered": entered,
        "communes_by_sex": by_sex,
        "communes": total,
        "first_year": figures["first_year"],
        "last_year": figures["last_year"],
        "members": counted["total"] or 0,
        "members_male": counted["M"] or 0,
        "members_female": counted["F"] or 0,
        "share": share(counted["total"], figures["people"]),
        "share_male": share(counted["M"], figures["men"]) if by_sex else None,
        "share_female": share(counted["F"], figures["women"]) if by_sex else None,
    }


def likely_same_people(*, full_name: str, birth_date: dt.date, commune, exclude_organisation=None) -> list[Person]:
    """People without a different CCCD who have the same folded name, date of birth and commune (the duplicate
    check for one new person: one indexed query), leaving out the current members of `exclude_organisation`."""
    from danvan.core.text import fold

    people = Person.objects.filter(name_folded=fold(full_name), birth_date=birth_date, commune=commune)
    if exclude_organisation is not None:
        people = people.exclude(memberships__organisation=exclude_organisation, memberships__left_on__isnull=True)
    return list(people.order_by("pk")[:5])


def import_bodies_for(user):
    """The organisations' bodies (Hội Nông dân xã …, Hội Phụ nữ tỉnh …) on which `user` holds a data-entry role:
    the bodies whose lists they import."""
    kinds = Organisation.objects.filter(province__isnull=True, is_active=True).exclude(unit_kind="")
    return (
        OrgUnit.objects.filter(
            role_assignments__user=user,
            role_assignments__role__in=DATA_ENTRY_ROLES,
            kind__in=kinds.values("unit_kind"),
        )
        .distinct()
        .order_by("name")
    )
