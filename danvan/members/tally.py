"""The maintained counts behind the counted-once statistics (MemberTally; docs/decisions/0022).

A person contributes, in their commune, their province and the nation, by sex and year of birth: one to each
organisation they currently belong to ("org:<code>"), one to "any" when they belong to at least one, one to
"multi" when they belong to two or more. A service that changes a person's current memberships (or their sex,
birth date or commune) takes the person's contribution before and after, and applies the difference in its own
transaction: `tally_apply(contribution(after) - contribution(before))`.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import F

from danvan.members.models import MemberTally

NATION = "VN"


@dataclass(frozen=True)
class Standing:
    """What of a person the counts depend on."""

    commune_code: str
    province_code: str
    sex: str
    birth_year: int
    organisations: frozenset[str]  # codes of the organisations they currently belong to
    ethnicity: str = ""
    religion: str = ""
    occupation: str = ""
    branches: frozenset[int] = frozenset()  # ids of the branches of their current memberships


# A branch's current members are counted on the branch itself (Branch.member_count), under keys (BRANCH, id, "", 0)
# of the same difference: every write that moves the statistics moves the branches' counts with them.
BRANCH = "branch"


# People (counted once) by ethnicity, religion and occupation: by sex only, all years of birth together (row year 0).
ALL_YEARS = 0
CATEGORIES = (("eth", "ethnicity"), ("rel", "religion"), ("occ", "occupation"))


def category_value(value: str) -> str:
    """One spelling per value ("KINH", "kinh " → "Kinh"), short enough for a measure."""
    value = " ".join((value or "").split())[:60]
    return value[:1].upper() + value[1:].lower()


def contribution(standing: Standing | None) -> Counter:
    counts: Counter = Counter()
    if standing is None or not standing.organisations:
        return counts
    for branch_id in standing.branches:
        counts[(BRANCH, branch_id, "", ALL_YEARS)] += 1
    measures = [f"org:{code}" for code in standing.organisations] + ["any"]
    if len(standing.organisations) >= 2:
        measures.append("multi")
    categories = [f"{prefix}:{category_value(getattr(standing, name))}" for prefix, name in CATEGORIES]
    for scope in (standing.commune_code, standing.province_code, NATION):
        if not scope:
            continue
        for measure in measures:
            counts[(scope, measure, standing.sex, standing.birth_year)] += 1
        for measure in categories:
            counts[(scope, measure, standing.sex, ALL_YEARS)] += 1
    return counts


def difference(before: Standing | None, after: Standing | None) -> Counter:
    delta = contribution(after)
    delta.subtract(contribution(before))
    return delta


def tally_apply(delta: Counter) -> None:
    """Add `delta` to the maintained counts. Call inside the service's transaction.

    Missing rows are inserted first (ignoring a concurrent insert of the same row), then every count moves by an
    UPDATE … SET count = count + d, which the database serialises per row: two imports at once never lose a count.
    """
    changes = {key: d for key, d in delta.items() if d and key[0] != BRANCH}
    if changes:
        _tally_move(changes)
    # After the counts table, as every writer does: a repair locks the two tables in that order (no deadlock).
    branch_counts_apply({key[1]: d for key, d in delta.items() if d and key[0] == BRANCH})


def _tally_move(changes: dict) -> None:
    if len(changes) > UPSERT_FROM:
        _tally_upsert(changes)
        return
    MemberTally.objects.bulk_create(
        [MemberTally(scope=s, measure=m, sex=x, birth_year=y, count=0) for (s, m, x, y) in changes],
        ignore_conflicts=True,
    )
    # Keys with the same difference move together: one UPDATE per (scope, measure, difference) instead of per row.
    groups: dict[tuple[str, str, int], list[tuple[str, int]]] = {}
    for (scope, measure, sex, year), d in changes.items():
        groups.setdefault((scope, measure, d), []).append((sex, year))
    for (scope, measure, d), keys in groups.items():
        for sex in {k[0] for k in keys}:
            years = [y for x, y in keys if x == sex]
            MemberTally.objects.filter(scope=scope, measure=measure, sex=sex, birth_year__in=years).update(
                count=F("count") + d
            )


def branch_counts_apply(delta: dict[int, int]) -> None:
    """Move the branches' counts of current members (Branch.member_count) by `delta` ({branch id: difference}), in
    the caller's transaction: one UPDATE … SET member_count = member_count + d per difference, branches in id order."""
    from danvan.members.models import Branch

    groups: dict[int, list[int]] = {}
    for branch_id, d in sorted(delta.items()):
        if d:
            groups.setdefault(d, []).append(branch_id)
    for d, ids in groups.items():
        Branch.objects.filter(pk__in=ids).update(member_count=F("member_count") + d)


def branch_recount() -> dict[int, int]:
    """{branch id: current members} from the memberships themselves (one grouped statement): what
    Branch.member_count must hold."""
    from django.db.models import Count

    from danvan.members.models import Membership

    return dict(
        Membership.objects.filter(left_on__isnull=True)
        .order_by()
        .values("branch")
        .annotate(n=Count("*"))
        .values_list("branch", "n")
    )


# Above this many keys (an import's batch: every commune, sex and year of birth), the counts move by one
# INSERT … ON CONFLICT DO UPDATE SET count = count + excluded.count per 500 keys instead of one UPDATE per group
# (decision 0058): the same per-row serialisation, a few statements instead of thousands.
UPSERT_FROM = 200


def _tally_upsert(changes: dict) -> None:
    from django.db import connection

    table = connection.ops.quote_name(MemberTally._meta.db_table)
    keys = sorted(changes)  # one order for every writer: two imports at once lock rows in the same order
    for start in range(0, len(keys), 500):
        part = keys[start : start + 500]
        values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(part))
        params = [v for key in part for v in (*key, changes[key])]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (scope, measure, sex, birth_year, count) VALUES {values} "  # noqa: S608
                f"ON CONFLICT (scope, measure, sex, birth_year) DO UPDATE SET count = {table}.count + excluded.count",
                params,  # the table's name from the model, placeholders only: nothing typed reaches the SQL
            )


def tally_recount() -> Counter:
    """The counts recomputed from the memberships themselves, grouped in the database: what MemberTally must hold.

    Two passes, each one grouped statement: the people with a current membership (their number of organisations
    from one GROUP BY over the memberships) grouped by commune, sex and year of birth and by each category
    (PostgreSQL: GROUPING SETS, one scan), and the current memberships per organisation. Communes and
    organisations are grouped by id and named here; communes are rolled up to provinces and the nation here.
    At 30 M people the earlier form (a correlated subquery per person, one pass per category) took most of an hour.
    """
    from django.db import connection

    from danvan.members.models import Membership, Organisation, Person
    from danvan.organisations.models import AdminUnit

    person, membership = Person._meta.db_table, Membership._meta.db_table
    code_of = dict(AdminUnit.objects.values_list("id", "code"))
    province_of = dict(AdminUnit.objects.filter(level=AdminUnit.Level.COMMUNE).values_list("code", "parent__code"))
    organisation_code = dict(Organisation.objects.values_list("id", "code"))
    if connection.vendor == "postgresql":
        year_sql = "EXTRACT(YEAR FROM p.birth_date)"
    else:  # SQLite (the tests): the date is stored as YYYY-MM-DD
        year_sql = "CAST(substr(p.birth_date, 1, 4) AS INTEGER)"
    current = (
        f"SELECT person_id, COUNT(DISTINCT organisation_id) AS n FROM {membership} "  # noqa: S608
        "WHERE left_on IS NULL GROUP BY person_id"
    )
    people = (
        f"SELECT p.commune_id AS commune_id, p.sex AS sex, {year_sql} AS born, p.ethnicity AS eth, "  # noqa: S608
        f"p.religion AS rel, p.occupation AS occ, c.n AS n FROM ({current}) c JOIN {person} p ON p.id = c.person_id"
    )
    # Table names from the models and no parameters: nothing typed reaches the SQL.
    sets = [("born", "born")] + [(prefix, prefix) for prefix, _name in CATEGORIES]
    if connection.vendor == "postgresql":
        grouped = (
            "SELECT commune_id, sex, born, eth, rel, occ, COUNT(*), COUNT(*) FILTER (WHERE n >= 2), "  # noqa: S608
            "GROUPING(born), GROUPING(eth), GROUPING(rel), GROUPING(occ) "
            f"FROM ({people}) x GROUP BY GROUPING SETS ((commune_id, sex, born), (commune_id, sex, eth), "
            "(commune_id, sex, rel), (commune_id, sex, occ))"
        )
    else:
        parts = []
        for _label, column in sets:
            columns = ", ".join(c if c == column else "NULL" for c in ("born", "eth", "rel", "occ"))
            flags = ", ".join("0" if c == column else "1" for c in ("born", "eth", "rel", "occ"))
            parts.append(
                f"SELECT commune_id, sex, {columns}, COUNT(*), SUM(CASE WHEN n >= 2 THEN 1 ELSE 0 END), {flags} "  # noqa: S608
                f"FROM ({people}) x GROUP BY commune_id, sex, {column}"
            )
        grouped = " UNION ALL ".join(parts)
    members = (
        f"SELECT p.commune_id, m.organisation_id, p.sex, {year_sql}, COUNT(*) FROM {membership} m "  # noqa: S608
        f"JOIN {person} p ON p.id = m.person_id WHERE m.left_on IS NULL "
        f"GROUP BY p.commune_id, m.organisation_id, p.sex, {year_sql}"
    )
    per_commune: Counter = Counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and connection.in_atomic_block:
            # Room for the grouping in memory instead of temporary files; this transaction only.
            cursor.execute("SET LOCAL work_mem = '256MB'")
        cursor.execute(grouped)
        for commune_id, sex, year, eth, rel, occ, people_n, multi_n, *flags in cursor.fetchall():
            commune = code_of.get(commune_id)
            if not flags[0]:  # by year of birth
                per_commune[(commune, "any", sex, int(year))] += people_n
                if multi_n:
                    per_commune[(commune, "multi", sex, int(year))] += multi_n
                continue
            for (prefix, _name), value, flag in zip(CATEGORIES, (eth, rel, occ), flags[1:], strict=True):
                if not flag:
                    per_commune[(commune, f"{prefix}:{category_value(value)}", sex, ALL_YEARS)] += people_n
        cursor.execute(members)
        for commune_id, organisation_id, sex, year, n in cursor.fetchall():
            per_commune[(code_of.get(commune_id), f"org:{organisation_code[organisation_id]}", sex, int(year))] += n
    total: Counter = Counter()
    for (commune, measure, sex, year), n in per_commune.items():
        for scope in (commune, province_of.get(commune) or "", NATION):
            if scope:
                total[(scope, measure, sex, year)] += n
    return total


def tally_verify(*, repair: bool = False) -> dict:
    """Compare MemberTally and the branches' counts of current members with a full recount. With `repair`, rewrite
    them to the recount (one transaction). Returns {"differences": [(key, kept, recounted)…], "rows": n,
    "branch_differences": [(branch id, kept, recounted)…]}.

    The recount and the kept counts are read from one state of the database, never across an import that commits
    between them: on PostgreSQL a check reads one snapshot (REPEATABLE READ) and a repair first takes the counts
    table in EXCLUSIVE mode, which waits for every transaction that has changed counts (an import, a correction) to
    commit and holds the next ones back until the rewrite commits; they then add their difference on top of it.
    Without that, a repair during an import rewrote the counts without the import's people."""
    from django.db import connection, transaction

    fresh = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                if repair:
                    from danvan.members.models import Branch

                    cursor.execute(f"LOCK TABLE {MemberTally._meta.db_table} IN EXCLUSIVE MODE")
                    # The branches' counts likewise (reads go on; a write of a branch waits for the repair).
                    cursor.execute(f"LOCK TABLE {Branch._meta.db_table} IN EXCLUSIVE MODE")
                elif fresh:  # only a transaction's first statement may set its isolation
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        return _verify(repair=repair)


def _verify(*, repair: bool) -> dict:
    from danvan.members.models import Branch

    expected = tally_recount()
    kept = Counter(
        {
            (s, m, x, y): c
            for s, m, x, y, c in MemberTally.objects.values_list("scope", "measure", "sex", "birth_year", "count")
            if c
        }
    )
    differences = [
        (key, kept.get(key, 0), expected.get(key, 0))
        for key in sorted(set(kept) | set(expected))
        if kept.get(key, 0) != expected.get(key, 0)
    ]
    # The branches' counts of current members, against a count of the memberships in the same snapshot.
    branch_expected = branch_recount()
    branch_differences = [
        (branch_id, kept_n, branch_expected.get(branch_id, 0))
        for branch_id, kept_n in Branch.objects.order_by("pk").values_list("pk", "member_count")
        if kept_n != branch_expected.get(branch_id, 0)
    ]
    if repair and (differences or branch_differences):
        from danvan.audit.models import Action
        from danvan.audit.services import audit_record

        audit_record(
            actor=None,
            action=Action.MEMBERS_RECOUNTED,
            system_label="members_recount",
            details={
                "differences": len(differences),
                "rows": len(expected),
                "branch_differences": len(branch_differences),
            },
        )
    if repair and differences:
        MemberTally.objects.all().delete()
        MemberTally.objects.bulk_create(
            [MemberTally(scope=s, measure=m, sex=x, birth_year=y, count=c) for (s, m, x, y), c in expected.items()],
            batch_size=5000,
        )
    if repair:
        for branch_id, _kept, recounted in branch_differences:
            Branch.objects.filter(pk=branch_id).update(member_count=recounted)
    # The memberships' copies of their person's folded name and date of birth (the branch page's order).
    stale = _stale_roster_keys()
    stale_n = stale.count()
    if repair and stale_n:
        stale.update(**roster_keys_from_person())
    return {
        "differences": differences,
        "rows": len(expected),
        "branch_differences": branch_differences,
        "roster_differences": stale_n,
    }


def roster_keys(person) -> dict:
    """What a membership copies from its person, for the branch page's order (membership_branch_roster_idx):
    every writer of a membership, and a correction of the person, sets these."""
    return {"person_name_folded": person.name_folded, "person_birth_date": person.birth_date}


def roster_keys_from_person() -> dict:
    """roster_keys as expressions over the membership's own person, for an UPDATE of many memberships."""
    from django.db.models import OuterRef, Subquery

    from danvan.members.models import Person

    person = Person.objects.filter(pk=OuterRef("person_id"))
    return {
        "person_name_folded": Subquery(person.values("name_folded")[:1]),
        "person_birth_date": Subquery(person.values("birth_date")[:1]),
    }


def _stale_roster_keys():
    """Memberships whose copies differ from their person's record."""
    from django.db.models import F, Q

    from danvan.members.models import Membership

    born_differs = (
        Q(person_birth_date__isnull=True, person__birth_date__isnull=False)
        | Q(person_birth_date__isnull=False, person__birth_date__isnull=True)
        | (
            Q(person_birth_date__isnull=False, person__birth_date__isnull=False)
            & ~Q(person_birth_date=F("person__birth_date"))
        )
    )
    return Membership.objects.filter(~Q(person_name_folded=F("person__name_folded")) | born_differs)
