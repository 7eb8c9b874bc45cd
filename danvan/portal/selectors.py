"""Public reads: only what officials published. No login, no scope: what is not public is 404."""

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone

from danvan.core.text import fold_tokens
from danvan.democracy.models import (
    Base,
    BaseKind,
    Board,
    BoardMember,
    Comment,
    Consultation,
    ConsultationFile,
    Finding,
    Matter,
)
from danvan.democracy.selectors import published_disclosures
from danvan.organisations.models import AdminUnit, AdminUnitSuccession, OrgUnit

CURRENT = AdminUnit.Generation.CURRENT
LEGACY = AdminUnit.Generation.LEGACY


# Matches read before ranking: enough for any one name in the country, bounded for a one-letter query.
CANDIDATES = 200


def commune_search(*, query: str, limit: int = 20) -> list[AdminUnit]:
    """Today's communes whose name (or province's name) holds every word of `query`, diacritics ignored; when
    none does, the communes that took over legacy communes or districts of that name (`.legacy_names`)."""
    tokens = fold_tokens(query)[:8]
    if not tokens:
        return []

    def matching(generation, levels):
        qs = AdminUnit.objects.filter(generation=generation, level__in=levels).select_related("parent")
        for token in tokens:
            qs = qs.filter(
                Q(name_folded__contains=token)
                | Q(parent__name_folded__contains=token)
                | Q(parent__parent__name_folded__contains=token)
            )
        return qs

    def best_first(units):
        # The commune whose own name holds the most words typed first ("xa Yen The huyen Yen The": Xã Yên Thế
        # before the other communes of the old district), then by name; only then cut to the limit.
        words = set(tokens)
        return sorted(units, key=lambda u: (-len(words & set(u.name_folded.split())), u.name))[:limit]

    found = best_first(matching(CURRENT, [AdminUnit.Level.COMMUNE]).order_by("name")[:CANDIDATES])
    if found:
        return found
    legacy = list(matching(LEGACY, [AdminUnit.Level.COMMUNE]).select_related("parent__parent")[:200])
    successors = (
        AdminUnit.objects.filter(predecessor_links__predecessor__in=legacy, generation=CURRENT)
        .select_related("parent")
        .distinct()
        .order_by("name")[:CANDIDATES]
    )
    result = best_first(successors)
    names = {}
    for link in AdminUnitSuccession.objects.filter(predecessor__in=legacy, successor__in=result).select_related(
        "predecessor"
    ):
        names.setdefault(link.successor_id, []).append(link.predecessor.name)
    for unit in result:
        unit.legacy_names = names.get(unit.pk, [])
    return result


def commune_get(*, code: str) -> AdminUnit:
    unit = (
        AdminUnit.objects.filter(code=code, generation=CURRENT, level=AdminUnit.Level.COMMUNE)
        .select_related("parent")
        .first()
    )
    if unit is None:
        raise Http404
    return unit


def commune_base(*, commune: AdminUnit) -> Base | None:
    return Base.objects.filter(kind=BaseKind.COMMUNE, admin_unit=commune).first()


def commune_with_base(*, code: str) -> tuple[AdminUnit, Base | None]:
    """Today's commune of that code and its democracy base, in one query when it has one (most do)."""
    base = (
        Base.objects.filter(
            kind=BaseKind.COMMUNE,
            admin_unit__code=code,
            admin_unit__generation=CURRENT,
            admin_unit__level=AdminUnit.Level.COMMUNE,
        )
        .select_related("admin_unit__parent")
        .first()
    )
    if base is not None:
        return base.admin_unit, base
    return commune_get(code=code), None


# The commune page shows the newest few of each section, each with a link to all of them a page at a time: on a
# phone the page stays short, and its cost stays that of ~60 items whatever ten years of records hold.
FIRST = 10
SECTION_PAGE = 30


def _first(qs) -> tuple[list, bool]:
    """The newest FIRST rows, and whether there are more (one query: one row past the limit)."""
    rows = list(qs[: FIRST + 1])
    return rows[:FIRST], len(rows) > FIRST


def _shown():
    return Q(is_published=True) | ~Q(withdrawn_note="")


def section_rows(*, section: str, commune: AdminUnit, base: Base | None):
    """The queryset of one section of the commune's public page, newest first (None for an unknown section)."""
    if section == "cam-ket":
        return commitments_published_qs(commune=commune)
    if base is None or section not in SECTIONS:
        return [] if section in SECTIONS else None
    today = timezone.localdate()
    if section == "cong-khai":
        return published_disclosures(base=base)
    if section == "lay-y-kien":
        return Consultation.objects.filter(_shown(), base=base, opens_on__lte=today).order_by("-opens_on", "-id")
    if section == "bieu-quyet":
        return Matter.objects.filter(_shown(), base=base).select_related("village").order_by("-voted_on", "-id")
    if section == "giam-sat":
        return (
            Finding.objects.filter(board__base=base, is_published=True)
            .select_related("board")
            .order_by("-found_on", "-id")
        )
    return projects_published_qs(base=base)


# Section slug -> its heading on the section's own page.
SECTIONS = {
    "cong-khai": "Dân biết: thông tin công khai",
    "lay-y-kien": "Dân bàn: các dự thảo lấy ý kiến",
    "bieu-quyet": "Kết quả nhân dân bàn và quyết định",
    "giam-sat": "Kết quả giám sát và trả lời của chính quyền",
    "du-an": "Tiến độ công trình, dự án",
    "cam-ket": "Kết quả đối thoại và cam kết của lãnh đạo",
}


def commune_page(*, commune: AdminUnit, base: Base | None = ...) -> dict:
    """What the commune's public page shows: the newest FIRST of each section and whether it has more, whatever
    the years of records: a fixed number of queries (eleven with a base)."""
    if base is ...:
        base = commune_base(commune=commune)
    commitments, more_commitments = _first(commitments_published_qs(commune=commune))
    if base is None:
        return {
            "disclosures": [],
            "open_consultations": [],
            "closed_consultations": [],
            "matters": [],
            "boards": [],
            "findings": [],
            "projects": [],
            "commitments": commitments,
            "more": {"cam_ket": more_commitments},
        }
    today = timezone.localdate()
    rows = {
        name: _first(section_rows(section=name, commune=commune, base=base)) for name in SECTIONS if name != "cam-ket"
    }
    consultations = rows["lay-y-kien"][0]
    # Keyed for the template ("cong_khai"): whether the section has more than the page shows.
    more = {name.replace("-", "_"): has_more for name, (_rows, has_more) in rows.items()}
    more["cam_ket"] = more_commitments
    return {
        "disclosures": rows["cong-khai"][0],
        "open_consultations": [c for c in consultations if c.closes_on >= today],
        "closed_consultations": [c for c in consultations if c.closes_on < today],
        "matters": rows["bieu-quyet"][0],
        "boards": boards_published(base=base),
        "findings": rows["giam-sat"][0],
        "projects": rows["du-an"][0],
        "commitments": commitments,
        "more": more,
    }


def consultation_get_public(*, public_id) -> Consultation:
    row = (
        Consultation.objects.filter(public_id=public_id, is_published=True)
        .select_related("base__admin_unit")
        .prefetch_related(
            Prefetch("files", queryset=ConsultationFile.objects.select_related("file").defer("file__content"))
        )
        .first()
    )
    if row is None or row.base.admin_unit is None:
        raise Http404
    return row


# Published comments shown per page of a consultation: a commune's draft plan can draw thousands.
COMMENTS_PER_PAGE = 50


def public_comments(*, consultation: Consultation, page=None):
    """One page of the consultation's approved comments, oldest first (two queries: the count and the page).
    A page number that is not one gives the first page, past the end the last."""
    from django.core.paginator import Paginator

    approved = consultation.comments.filter(moderation=Comment.Moderation.APPROVED).order_by("created_at", "id")
    return Paginator(approved, COMMENTS_PER_PAGE).get_page(page)


def public_file(*, public_id):
    """A file of a published disclosure or consultation; 404 for anything else."""
    from danvan.core.models import StoredFile

    stored = StoredFile.objects.filter(public_id=public_id).first()
    if stored is None:
        raise Http404
    public = (
        StoredFile.objects.filter(pk=stored.pk)
        .filter(
            Q(democracy_disclosure_links__disclosure__is_published=True)
            | Q(democracy_consultation_links__consultation__is_published=True)
        )
        .exists()
    )
    if not public:
        raise Http404
    return stored


def receiving_unit(*, commune: AdminUnit) -> OrgUnit | None:
    """The commune's People's Committee receives citizens' recommendations (its Đảng ủy if it has none)."""
    units = OrgUnit.objects.filter(admin_unit=commune, level=OrgUnit.Level.COMMUNE, is_active=True)
    return units.filter(kind=OrgUnit.Kind.PEOPLES_COMMITTEE).first() or units.order_by("depth").first()


def tracking_get(*, code: str):
    from danvan.portal.models import Tracking

    code = (code or "").strip().upper()
    if not code or len(code) > 16:
        return None
    return Tracking.objects.filter(code=code).select_related("petition").first()


def reception_schedule(*, commune: AdminUnit) -> list:
    """The commune's leaders who receive citizens, with how often the law asks them to (petitions' duty rules)."""
    from danvan.petitions.models import ReceptionDuty, ReceptionDutyRule

    today = timezone.localdate()
    duties = list(
        ReceptionDuty.objects.filter(
            unit__admin_unit=commune, unit__level=OrgUnit.Level.COMMUNE, is_active=True
        ).order_by("position", "holder_name")
    )
    rules = {
        r.position: r
        for r in ReceptionDutyRule.objects.filter(
            position__in={d.position for d in duties}, effective_from__lte=today
        ).filter(Q(effective_to__isnull=True) | Q(effective_to__gte=today))
    }
    for duty in duties:
        duty.rule = rules.get(duty.position)
    return duties


def boards_published(*, base: Base) -> list[Board]:
    """The commune's published boards with their current members (two queries)."""
    return list(
        Board.objects.filter(base=base, is_published=True).prefetch_related(
            Prefetch(
                "members",
                queryset=BoardMember.objects.filter(end_date__isnull=True).select_related("village"),
                to_attr="current_members",
            )
        )
    )


def projects_published_qs(*, base: Base):
    """Dân thụ hưởng: the projects touching the commune whose progress is published (or withdrawn with a public
    note), newest first, each with how many of the commune's affected households have agreed (counts only, never
    names). One query: the counts are subqueries of the project's row."""
    from django.db.models import Count, IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from danvan.democracy.models import Agreement, Household, Project

    def households(**extra):
        counted = (
            Household.objects.filter(project=OuterRef("pk"), base=base, **extra)
            .order_by()
            .values("project")
            .annotate(n=Count("id"))
            .values("n")
        )
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    return (
        Project.objects.filter(bases=base)
        .filter(Q(is_published=True) | ~Q(withdrawn_note=""))
        .annotate(households_total=households(), households_agreed=households(agreement=Agreement.AGREED))
        .order_by("-starts_on", "-id")
    )


def commitments_published_qs(*, commune: AdminUnit):
    """Dân thụ hưởng: the commitments leaders made at dialogues held by the commune's bodies, as published by
    petitions (read-only here: petitions owns them)."""
    from danvan.petitions.models import Commitment

    return (
        Commitment.objects.filter(
            is_published=True, dialogue__unit__admin_unit=commune, dialogue__unit__level=OrgUnit.Level.COMMUNE
        )
        .select_related("dialogue")
        .order_by("-dialogue__held_on", "due_on", "id")
    )
