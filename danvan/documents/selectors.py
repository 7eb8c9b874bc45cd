"""Reads of documents for a person: unit scope on every one, 404 for missing and forbidden alike."""

import datetime as dt
import difflib

from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.http import Http404

from danvan.accounts.permissions import READ_ROLES, scope_root_depths
from danvan.core.text import fold_tokens
from danvan.documents import permissions as perms
from danvan.documents.models import Document, DocumentRecipient, IncomingDocument
from danvan.organisations.models import OrgUnit, OrgUnitClosure

# What a list never shows: the issued file's bytes, the PDF copy's, the folded text of the whole file. Read with each
# row, a page of 100 documents or a register of 600 would carry megabytes of files it does not show.
LIST_DEFER = ("pdf", "search_text", "issued__content")


def _via(prefix: str, fields=LIST_DEFER) -> list[str]:
    return [f"{prefix}{f}" for f in fields]


def _search(qs, q: str, *, indexed: bool = True):
    """One `contains` per typed word on the folded column. `indexed=False` filters an expression the trigram index
    cannot serve, so that PostgreSQL reads the rows it is given (the search window) instead of the index."""
    if not indexed:
        qs = qs.annotate(_text=Concat("search_text", Value(""), output_field=TextField()))
    for token in fold_tokens(q)[:8]:
        qs = qs.filter(**{"search_text__contains" if indexed else "_text__contains": token})
    return qs


# Up to this many units in a scope are given to PostgreSQL as a list (it then reads each issuer's newest on the
# (issuer, -created_at) index); a wider scope (a province's whole tree, the centre) stays a subquery, read by
# walking (-created_at, -id) until the page is full.
SCOPE_LIST_MAX = 500


# The scope of a person whose role is on the root of the whole tree (the centre): every issuer, no filter at all
# (checking each of the newest documents' issuer against the closure cost more than the rest of a search).
WHOLE_TREE = "whole tree"


def _scope_units(user):
    """The ids of the units in the person's scope (their role units and everything below): a list when small,
    else a subquery; WHOLE_TREE for the root of the only tree. Kept on the user object for the request (the
    documents page asks for its documents and its incoming register)."""
    depths = scope_root_depths(user, READ_ROLES)
    if not depths:
        return None
    key = (depths, SCOPE_LIST_MAX)
    cached = user.__dict__.get("_danvan_document_scope")
    if cached is None or cached[0] != key:
        cached = (key, _scope_units_read(depths))
        user.__dict__["_danvan_document_scope"] = cached
    return cached[1]


def _scope_units_read(depths):
    roots = [unit for unit, _depth in depths]
    top = [unit for unit, depth in depths if depth == 0]
    if top and not OrgUnit.objects.filter(parent__isnull=True).exclude(pk=top[0]).exists():
        return WHOLE_TREE
    below = OrgUnitClosure.objects.filter(ancestor_id__in=roots).values_list("descendant_id", flat=True)
    ids = list(below[: SCOPE_LIST_MAX + 1])
    return ids if len(ids) <= SCOPE_LIST_MAX else below


def _in_scope(model, units, field: str):
    return model.objects.all() if units is WHOLE_TREE else model.objects.filter(**{f"{field}__in": units})


# A search first looks among the newest SEARCH_WINDOW documents of the scope (walking the date index): a common
# word fills the page there. Only when it does not (a rare word) does it ask the trigram index over everything,
# which is then small. Both give the same page: every match outside the window is older than every match in it.
SEARCH_WINDOW = 5000


def _like(token: str) -> str:
    # Folded words have no "%" or "_" today; escaped all the same, so that a change to folding cannot make one a
    # wildcard.
    return "%" + token.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _window_ids(ordered, q: str, limit: int) -> list[int]:
    """The ids of the newest `limit` rows of `ordered` matching `q` among its newest SEARCH_WINDOW, in one pass:
    PostgreSQL walks the date index, filters each row's text as it comes and stops at the `limit`-th match (a
    word in one document in ten: about ten times `limit` rows read, not the whole window twice)."""
    tokens = fold_tokens(q)[:8]
    if not tokens:
        return []
    sql, params = ordered.values("id", "search_text")[:SEARCH_WINDOW].query.sql_with_params()
    words = " AND ".join(["w.search_text LIKE %s ESCAPE '\\'"] * len(tokens))
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT w.id FROM ({sql}) w WHERE {words} LIMIT %s",  # noqa: S608 - Django's SQL, words as parameters
            [*params, *(_like(t) for t in tokens), limit],
        )
        return [row[0] for row in cur.fetchall()]


def _newest(querysets, *, limit: int, q: str = "", windowed=(), searched=(), order=("-created_at", "-id")) -> list:
    """The newest `limit` rows (matching `q`) of several querysets, each read on its own index and merged (an OR
    of the scope and "routed to me" would make PostgreSQL read the whole table: bench/bench_documents.py).
    A search in a queryset listed in `windowed` (a wide scope) looks in its newest SEARCH_WINDOW rows first; one
    listed in `searched` holds only matching rows already."""
    found = {}
    for n, qs in enumerate(querysets):
        ordered = qs.order_by(*order)
        rows = []
        if n in searched:
            rows = list(ordered[:limit])
        elif n in windowed and fold_tokens(q):
            ids = _window_ids(ordered, q, limit)
            if len(ids) >= limit:
                rows = list(ordered.filter(id__in=ids))
        if not rows and n not in searched:
            # No words, a small scope, or too few matches in the window: the trigram index over everything.
            rows = list(_search(ordered, q)[:limit])
        for row in rows:
            found[row.pk] = row
    fields = [o.lstrip("-") for o in order]
    return sorted(found.values(), key=lambda r: tuple(getattr(r, f) for f in fields), reverse=True)[:limit]


# A small scope's search reads its issuers' documents newest first and tests each one's text, when they are at most
# WALK_MAX documents: the trigram index would AND the posting lists of common trigrams over the whole table (~100 ms
# for "hiến đất làm đường" at a million documents, though the province Ban issued 5,883; reading those: ~17 ms).
WALK_MAX = 20_000


def _issuers_newest(issuers: list, *, limit: int, q: str, status: str) -> RawSQL | None:
    """PostgreSQL: the ids (as a subquery) of the newest `limit` documents (matching `q`) of `issuers`, each issuer read newest
    first on (issuer, -created_at) and cut at `limit`, then merged. Given as a list of issuers, PostgreSQL may
    instead walk the whole table's date index and test each row's issuer (a commune's eleven issuers: 169,000 rows
    and a second, bench/bench_documents.py). None on another database, or for a search over more than WALK_MAX
    documents (the trigram index then)."""
    if connection.vendor != "postgresql" or not issuers:
        return None
    tokens = fold_tokens(q)[:8]
    table = Document._meta.db_table
    if tokens:
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE issuer_id = ANY(%s) LIMIT %s) s",  # noqa: S608
                [list(issuers), WALK_MAX + 1],
            )
            if cur.fetchone()[0] > WALK_MAX:
                return None
    # The text is tested as an expression the trigram index cannot serve, so that each issuer's walk stays on its
    # own index.
    words = "".join(" AND (d.search_text || '') LIKE %s ESCAPE '\\'" for _ in tokens)
    by_status = " AND d.status = %s" if status else ""
    sql = (
        f"SELECT x.id FROM unnest(%s::bigint[]) AS u(issuer) CROSS JOIN LATERAL ("  # noqa: S608 - names are ours
        f"SELECT d.id, d.created_at FROM {table} d WHERE d.issuer_id = u.issuer{by_status}{words} "
        "ORDER BY d.created_at DESC, d.id DESC LIMIT %s) x ORDER BY x.created_at DESC, x.id DESC LIMIT %s"
    )
    params = [list(issuers), *([status] if status else []), *(_like(t) for t in tokens), limit, limit]
    return RawSQL(sql, params)  # noqa: S611 - our table and placeholders; the words are parameters


def document_list_for_user(*, user, q: str = "", status: str = "", limit: int = 100):
    """Documents of the issuing bodies in the person's scope, and drafts routed to them; newest first."""
    units = _scope_units(user)
    querysets = [Document.objects.filter(Q(drafter=user) | Q(reviewer=user) | Q(signer=user))]
    searched = ()
    if units is not None:
        ids = _issuers_newest(units, limit=limit, q=q, status=status) if isinstance(units, list) else None
        if ids is not None:
            querysets.insert(0, Document.objects.filter(id__in=ids))
            searched = (0,)
        else:
            querysets.insert(0, _in_scope(Document, units, "issuer_id"))
    related = ("doc_type", "issuer", "issued", "drafter")
    querysets = [
        (qs.filter(status=status) if status else qs).select_related(*related).defer(*LIST_DEFER) for qs in querysets
    ]
    # A small scope is read per issuer (above) or on the trigram index; a wide one through the window.
    wide = units is not None and not isinstance(units, list)
    return _newest(querysets, limit=limit, q=q, windowed=(0,) if wide else (), searched=searched)


def document_get_for_user(*, user, public_id) -> Document:
    document = (
        Document.objects.select_related(
            "doc_type", "issuer__parent", "issued", "drafter", "reviewer", "signer", "replaces__issued"
        )
        .filter(public_id=public_id)
        .first()
    )
    if document is None or not perms.can_view_document(user, document):
        raise Http404
    return document


def waiting_for_user(*, user):
    """Drafts waiting for this person: to review (head of division) or to sign."""
    from django.utils import timezone

    from danvan.documents.models import Delegation

    today = timezone.localdate()
    # Drafts with a signer who delegated issuing to this person, for that body, today.
    delegated = Delegation.objects.filter(
        delegate=user,
        delegator=OuterRef("signer"),
        unit=OuterRef("issuer"),
        ended_at__isnull=True,
        starts_on__lte=today,
        ends_on__gte=today,
    )
    return (
        Document.objects.filter(status__in=[Document.Status.REVIEW, Document.Status.SIGNING])
        .filter(
            Q(status=Document.Status.REVIEW, reviewer=user)
            | Q(status=Document.Status.SIGNING, signer=user)
            | Q(Exists(delegated), status=Document.Status.SIGNING)
        )
        .select_related("issuer", "doc_type")
        .defer("pdf", "search_text")
        .order_by("updated_at", "id")
    )


def received_newest(*, user, limit: int = 50) -> list:
    """The newest `limit` documents received by the person's units: each unit's newest ids on the covering
    (unit, -id) index, merged, then the rows (a province's Ban receives tens of thousands a year from its
    communes; an IN over two units would read and sort all of them)."""
    units = perms.receiving_units(user)
    rows = DocumentRecipient.objects.select_related(
        "document__issued", "document__issuer", "document__doc_type", "unit"
    ).defer(*_via("document__"))
    if len(units) == 1:
        # One unit (most people): the same index walk, the rows read with it, one query instead of two.
        return list(rows.filter(unit_id=units[0]).order_by("-id")[:limit])
    ids = []
    for unit_id in units:
        ids += DocumentRecipient.objects.filter(unit_id=unit_id).order_by("-id").values_list("id", flat=True)[:limit]
    ids = sorted(ids, reverse=True)[:limit]
    return list(rows.filter(id__in=ids).order_by("-id"))


def received_for_user(*, user, pending_only: bool = False):
    """Documents sent to the person's units, newest first; `pending_only`: not acknowledged yet."""
    qs = DocumentRecipient.objects.filter(unit_id__in=perms.receiving_units(user))
    if pending_only:
        qs = qs.filter(acknowledged_at__isnull=True)
    # Newest first by the row's id: rows are written when the document is issued, so this is the order of arrival
    # and reads the (unit, -id) index instead of sorting every document the unit ever received by its date.
    return (
        qs.select_related("document__issued", "document__issuer", "document__doc_type", "unit")
        .defer(*_via("document__"))
        .order_by("-id")
    )


def recipients_of(document: Document):
    """Who has and who has not acknowledged: the rows and the counts."""
    rows = list(
        document.recipients.select_related("unit", "acknowledged_by").order_by(
            F("acknowledged_at").asc(nulls_last=True), "unit__name"
        )
    )
    done = sum(1 for r in rows if r.acknowledged_at)
    return rows, done, len(rows) - done


def versions_diff(document: Document, a: int, b: int) -> list[tuple[str, str]]:
    """The line-by-line difference of two versions' text: (mark, line), mark "+", "-" or " "."""
    versions = {v.number: v for v in document.versions.filter(number__in=[a, b])}
    if a not in versions or b not in versions:
        raise Http404
    old, new = versions[a].text.splitlines(), versions[b].text.splitlines()
    rows = []
    for line in difflib.ndiff(old, new):
        if line.startswith("? "):
            continue
        rows.append((line[0], line[2:]))
    return rows


def incoming_list_for_user(*, user, q: str = "", limit: int = 100):
    units = _scope_units(user)
    querysets = [IncomingDocument.objects.filter(handler=user)]
    if units is not None:
        querysets.insert(0, _in_scope(IncomingDocument, units, "unit_id"))
    return _newest(
        [qs.select_related("unit") for qs in querysets],
        limit=limit,
        q=q,
        windowed=(0,) if units is not None and not isinstance(units, list) else (),
        order=("-arrived_on", "-arrival_number"),
    )


def incoming_get_for_user(*, user, public_id) -> IncomingDocument:
    incoming = (
        IncomingDocument.objects.select_related("unit", "file", "handler", "registered_by")
        .prefetch_related("tasks__assignee")
        .filter(public_id=public_id)
        .first()
    )
    if incoming is None or not perms.can_view_incoming(user, incoming):
        raise Http404
    return incoming


HISTORY_LIMIT = 200
# The audit label of a register entry: the model's now, and the one events written before it moved from `reports`
# carry (decision 0059). Audit rows are never rewritten: history reads both.
ISSUED_DOCUMENT_LABELS = ("documents.issueddocument", "reports.issueddocument")


def history_of(document: Document) -> list:
    """The document's whole history, oldest first: every audited step of the draft (drafted, revised, commented,
    routed, signer chosen, issued, PDF made, acknowledged, published) and of its register entry (revoked).

    Read through the audit log's (unit, at) index: the events of the issuing body since the draft was made, of
    this document. Bounded to the first HISTORY_LIMIT events."""
    from danvan.audit.models import AuditEvent

    targets = Q(target_type="documents.document", target_id=str(document.public_id))
    if document.issued_id:
        targets |= Q(target_type__in=ISSUED_DOCUMENT_LABELS, target_id=str(document.issued.public_id))
    # A document issued before drafts existed (documents 0004) has its issue event before its draft.
    since = min(document.created_at, document.issued.created_at) if document.issued_id else document.created_at
    return list(
        AuditEvent.objects.filter(targets, unit=document.issuer, at__gte=since - dt.timedelta(minutes=1))
        .select_related("actor")
        .order_by("at", "id")[:HISTORY_LIMIT]
    )
