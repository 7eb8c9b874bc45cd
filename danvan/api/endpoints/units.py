"""Organisation units: search, a unit, its children."""

from ninja import Path, Query, Router, Schema

from danvan.api.schemas import CODE_PATTERN, NO_NUL, READ_ERRORS
from danvan.organisations.selectors import orgunit_children_for_user, orgunit_get_for_user, orgunit_search_for_user

router = Router()


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    level: str
    has_danvan_function: bool
    parent: str | None
    admin_unit: str | None


def unit_out(unit) -> UnitOut:
    return UnitOut(
        code=unit.code,
        name=unit.name,
        kind=unit.kind,
        level=unit.level,
        has_danvan_function=unit.has_danvan_function,
        parent=unit.parent.code if unit.parent else None,
        admin_unit=unit.admin_unit.code if unit.admin_unit else None,
    )


@router.get("/search", response={200: list[UnitOut], **READ_ERRORS}, summary="Tìm đơn vị theo tên")
def units_search(
    request, q: str = Query(..., min_length=1, max_length=100, pattern=NO_NUL, example="dan van bac giang")
):
    """Units in the caller's scope matching every word of `q`, diacritics ignored (at most 30)."""
    return [unit_out(u) for u in orgunit_search_for_user(user=request.user, query=q)]


@router.get("/{code}", response={200: UnitOut, **READ_ERRORS}, summary="Một đơn vị")
def unit_detail(request, code: str = Path(..., pattern=CODE_PATTERN, example="P24-TGDV")):
    return unit_out(orgunit_get_for_user(user=request.user, code=code))


@router.get("/{code}/children", response={200: list[UnitOut], **READ_ERRORS}, summary="Các đơn vị trực thuộc")
def unit_children(request, code: str = Path(..., pattern=CODE_PATTERN, example="P24-TU")):
    unit = orgunit_get_for_user(user=request.user, code=code)
    return [unit_out(u) for u in orgunit_children_for_user(user=request.user, unit=unit)]
