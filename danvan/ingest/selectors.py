"""Reads of ingested documents (scoped to the user's units) and of the administrative mapping."""

from django.db.models import QuerySet
from django.http import Http404

from danvan.accounts.permissions import units_in_scope
from danvan.core.text import fold
from danvan.ingest.models import IngestDocument
from danvan.organisations.models import AdminUnit
from danvan.organisations.selectors import adminunit_successors


def ingest_documents_for_user(*, user) -> QuerySet[IngestDocument]:
    """Documents filed under any unit in the user's scope, newest first, with what the list shows."""
    return (
        IngestDocument.objects.filter(unit__in=units_in_scope(user))
        .select_related("unit", "uploaded_by", "record")
        .order_by("-created_at", "-id")
    )


def ingest_document_get_for_user(*, user, public_id) -> IngestDocument:
    """One document the user may see; missing and out of scope are the same 404."""
    document = ingest_documents_for_user(user=user).filter(public_id=public_id).first()
    if document is None:
        raise Http404("Không tìm thấy tài liệu.")
    return document


def _legacy_province(name: str) -> AdminUnit | None:
    folded = fold(name)
    return (
        AdminUnit.objects.filter(
            generation=AdminUnit.Generation.LEGACY,
            level=AdminUnit.Level.PROVINCE,
            name_folded__in=[f"tinh {folded}", f"thanh pho {folded}"],
        )
        .order_by("code")
        .first()
    )


def adminunits_for_places(*, places: list[dict]) -> list[AdminUnit]:
    """Today's units for the legacy places an article names ({"level", "name", "province"} from the extractor).

    A province resolves to the province(s) that absorbed it; a district to today's communes covering
    its former communes (huyện Yên Thế → Xã Yên Thế, Xã Bố Hạ, … in Bắc Ninh). Unknown names are skipped.
    """
    found: dict[str, AdminUnit] = {}
    for place in places:
        province = _legacy_province(place.get("province") or "")
        if place.get("level") == "province":
            if province is None:
                # A name already of today's map ("Bắc Ninh" after 2025).
                current = AdminUnit.objects.filter(
                    generation=AdminUnit.Generation.CURRENT,
                    level=AdminUnit.Level.PROVINCE,
                    name_folded__in=[f"tinh {fold(place['name'])}", f"thanh pho {fold(place['name'])}"],
                ).first()
                units = [current] if current else []
            else:
                units = list(adminunit_successors(province))
        elif place.get("level") == "district" and province is not None:
            folded = fold(place.get("name"))
            district = (
                AdminUnit.objects.filter(
                    generation=AdminUnit.Generation.LEGACY,
                    level=AdminUnit.Level.DISTRICT,
                    parent=province,
                    name_folded__in=[f"{kind} {folded}" for kind in ("huyen", "quan", "thi xa", "thanh pho")],
                )
                .order_by("code")
                .first()
            )
            units = list(adminunit_successors(district)) if district else []
        else:
            units = []
        for unit in units:
            found.setdefault(unit.code, unit)
    return list(found.values())
