"""Who may do what with a document: predicates on (user, document), built on accounts.permissions."""

from danvan.accounts.permissions import (
    ACTS_FOR_ITS_COMMITTEE,
    can_edit_unit,
    can_enter_data,
    can_view_unit,
    scope_root_ids,
    units_around,
)


def receiving_units(user) -> list[int]:
    """The units whose received documents the person handles: the units of their roles, and for a dân vận body
    (a commune's khối dân vận) the Party committee it works for."""
    ids = []
    roots = set(scope_root_ids(user))
    # The person's units as read once for the request (the inbox and the home page ask too).
    for root in (unit for unit in units_around(user) if unit.pk in roots):
        ids.append(root.pk)
        if root.kind in ACTS_FOR_ITS_COMMITTEE and root.parent_id:
            ids.append(root.parent_id)
    return ids


def can_draft_for(user, issuer) -> bool:
    return can_edit_unit(user, issuer)


def is_recipient(user, document) -> bool:
    return document.recipients.filter(unit_id__in=receiving_units(user)).exists()


def can_view_document(user, document) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.pk in (document.drafter_id, document.reviewer_id, document.signer_id) or can_view_unit(
        user, document.issuer
    ):
        return True
    if document.status == document.Status.SIGNING and is_delegate_of(user, document.signer_id, document.issuer):
        return True
    return document.status == document.Status.ISSUED and is_recipient(user, document)


def can_revise(user, document) -> bool:
    """The drafter (or an officer of the issuing body) corrects a draft until it goes to the signer."""
    if document.status not in (document.Status.DRAFT, document.Status.REVIEW):
        return False
    return user.pk in (document.drafter_id, document.reviewer_id) or can_edit_unit(user, document.issuer)


def can_comment(user, document) -> bool:
    return document.status != document.Status.ISSUED and (
        user.pk in (document.reviewer_id, document.signer_id, document.drafter_id)
        or can_view_unit(user, document.issuer)
    )


def can_send_for_review(user, document) -> bool:
    return document.status == document.Status.DRAFT and can_revise(user, document)


def can_forward_to_signer(user, document) -> bool:
    """The head of division (the reviewer chosen on the draft) passes it to the signer, or returns it."""
    return document.status == document.Status.REVIEW and user.pk == document.reviewer_id


def is_delegate_of(user, signer_id, unit, day=None) -> bool:
    """`user` holds a running delegation from `signer_id` to issue the documents of `unit` (on `day`, today)."""
    from django.utils import timezone

    from danvan.documents.models import Delegation

    if not getattr(user, "is_authenticated", False) or signer_id is None:
        return False
    day = day or timezone.localdate()
    return Delegation.objects.filter(
        delegate=user,
        delegator_id=signer_id,
        unit=unit,
        ended_at__isnull=True,
        starts_on__lte=day,
        ends_on__gte=day,
    ).exists()


def can_issue(user, document, day=None) -> bool:
    """Only the signer chosen on the draft, or a person the signer delegated for this body, signs and issues it."""
    if document.status != document.Status.SIGNING or document.signer_id is None:
        return False
    return user.pk == document.signer_id or is_delegate_of(user, document.signer_id, document.issuer, day)


def can_choose_signer(user, document) -> bool:
    """A generated document's drafter, or an officer of the issuing body, picks who signs it before it is issued."""
    if not document.source_key or document.status == document.Status.ISSUED:
        return False
    return user.pk == document.drafter_id or can_edit_unit(user, document.issuer)


def can_delegate_for(user, unit) -> bool:
    """A leader of the issuing body (or of the Party committee it works for) delegates issuing its documents."""
    from danvan.documents.generated import leaders_of

    return leaders_of(unit).filter(pk=user.pk).exists()


def can_correct(user, document) -> bool:
    # A generated document is corrected from its source: its number is revoked and the source's button makes the
    # replacing draft (decision 0034).
    return (
        document.status == document.Status.ISSUED and not document.source_key and can_edit_unit(user, document.issuer)
    )


def can_register_incoming(user, unit) -> bool:
    return can_enter_data(user, unit)


def can_view_incoming(user, incoming) -> bool:
    return can_view_unit(user, incoming.unit) or user.pk == incoming.handler_id
