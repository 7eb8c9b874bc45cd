"""Petitions: list, one petition, the fields, and intake. No schema here has a field for who sent a petition: a
denouncer's identity is confidential (Luật Tố cáo 2018) and is read only on its page, by its handlers, audited;
intake takes the senders in and answers without them."""

import datetime as dt
from typing import Literal

from django.http import Http404
from ninja import Field, Path, Query, Router, Schema, Status

from danvan.api.schemas import (
    CODE_PATTERN,
    NO_NUL,
    READ_ERRORS,
    WRITE_ERRORS,
    PageParams,
    errors,
    page_of_selector,
    page_schema,
    text,
)
from danvan.core.errors import ApplicationError
from danvan.organisations.selectors import orgunit_get_for_user
from danvan.petitions import services
from danvan.petitions.models import Petition, PetitionField
from danvan.petitions.selectors import petition_get_for_user, petition_list_for_user

router = Router()

# Deadlines are computed from the rules in force: none goes back further.
EARLIEST_RECEIVED_ON = dt.date(2000, 1, 1)
STATUS_FILTER = "^(open|" + "|".join(Petition.Status.values) + ")$"


class PetitionOut(Schema):
    """A petition as the API shows it. There is deliberately no petitioner or denouncer field here: who sent a
    denunciation is confidential (Luật Tố cáo 2018) and is read only on its page, by its handlers, audited."""

    code: str
    unit: str
    source: str
    category: str
    field: str
    status: str
    received_on: dt.date = Field(..., description="From 01/01/2000, not after today.")
    due_on: dt.date | None
    is_anonymous: bool
    is_over_level: bool
    is_complex: bool
    content: str


class FieldOut(Schema):
    code: str
    name: str


PetitionPage = page_schema(PetitionOut)


def petition_out(petition) -> dict:
    return {
        "code": petition.code,
        "unit": petition.unit.code,
        "source": petition.source,
        "category": petition.category,
        "field": petition.field.code,
        "status": petition.status,
        "received_on": petition.received_on,
        "due_on": petition.due_on,
        "is_anonymous": petition.is_anonymous,
        "is_over_level": petition.is_over_level,
        "is_complex": petition.is_complex,
        "content": petition.content,
    }


@router.get("", response={200: PetitionPage, **READ_ERRORS}, summary="Danh sách đơn")
def petitions_list(
    request,
    params: Query[PageParams],
    q: str = Query("", max_length=100, pattern=NO_NUL, description="Words of the content, diacritics ignored."),
    status: str | None = Query(None, pattern=STATUS_FILTER, description="A status, or `open` for every open one."),
    category: str | None = Query(None, pattern="^(" + "|".join(Petition.Category.values) + ")$"),
    unit: str | None = Query(None, pattern=CODE_PATTERN, description="Only this unit and the units below it."),
):
    """The newest petitions the caller may see (their units' and those they handle), filtered as on the list page."""
    the_unit = orgunit_get_for_user(user=request.user, code=unit) if unit else None
    result = page_of_selector(
        lambda limit: petition_list_for_user(
            user=request.user, query=q, status=status or "", category=category or "", unit=the_unit, limit=limit
        ),
        params,
    )
    result["items"] = [petition_out(p) for p in result["items"]]
    return result


@router.get("/fields", response={200: list[FieldOut], **errors(401)}, summary="Lĩnh vực")
def fields_list(request):
    return [{"code": f.code, "name": f.name} for f in PetitionField.objects.filter(is_active=True)]


@router.get("/{code}", response={200: PetitionOut, **READ_ERRORS}, summary="Một đơn")
def petition_detail(request, code: str = Path(..., pattern=CODE_PATTERN)):
    return petition_out(petition_get_for_user(user=request.user, code=code))


class PetitionerIn(Schema):
    full_name: text(128) = ""
    cccd: text(20) = Field("", description="Căn cước công dân: 12 digits.")
    phone: text(20) = ""
    address: text(255) = ""
    is_representative: bool = False


class PetitionIn(Schema):
    unit: str = Field(..., pattern=CODE_PATTERN, description="The receiving unit: one the caller works in.")
    source: Literal[tuple(Petition.Source.values)]  # type: ignore[valid-type]
    category: Literal[tuple(Petition.Category.values)]  # type: ignore[valid-type]
    field: str = Field(..., pattern=CODE_PATTERN, description="A field's code (GET petitions/fields).")
    content: text(20_000, min_length=1)
    received_on: dt.date = Field(..., description="From 01/01/2000, not after today.")
    petitioners: list[PetitionerIn] = Field(default_factory=list, max_length=100)
    petitioner_kind: Literal[tuple(Petition.PetitionerKind.values)] = "person"  # type: ignore[valid-type]
    group_size: int = Field(1, ge=1, le=100_000)
    respondent: text(255) = ""
    is_anonymous: bool = False
    is_ineligible: bool = False
    is_over_level: bool = False
    is_complex: bool = False
    is_remote_area: bool = False
    repeat_of: str | None = Field(
        None, pattern=CODE_PATTERN, description="The code of an earlier petition this one repeats."
    )


@router.post("", response={201: PetitionOut, **WRITE_ERRORS}, summary="Tiếp nhận đơn")
def petition_receive(request, payload: PetitionIn):
    """Record a petition received by `unit` — the same service as the intake page: its first legal deadline is set,
    the caller becomes its handler, a denouncer's identity goes to the confidential store. The answer has no
    sender fields."""
    unit = orgunit_get_for_user(user=request.user, code=payload.unit)
    if payload.received_on < EARLIEST_RECEIVED_ON:
        raise ApplicationError("Ngày nhận đơn: từ 01/01/2000 trở đi.", field="received_on")
    field = PetitionField.objects.filter(code=payload.field).first()
    repeat_of = None
    if payload.repeat_of:
        try:
            repeat_of = petition_get_for_user(user=request.user, code=payload.repeat_of)
        except Http404:
            raise ApplicationError("Đơn trước: không tìm thấy đơn này.", field="repeat_of") from None
    data = payload.dict(exclude={"unit", "field", "repeat_of", "petitioners"})
    petition = services.petition_receive(
        actor=request.user,
        unit=unit,
        field=field,
        petitioners=[p.dict() for p in payload.petitioners],
        repeat_of=repeat_of,
        repeat_checked=repeat_of is not None,
        **data,
    )
    return Status(201, petition_out(petition_get_for_user(user=request.user, code=petition.code)))
