"""/api/v1/: another door to the same selectors and services, with typed schemas and one error shape.

Authentication is the logged-in session (with CSRF on writes). Out of scope answers 404, as on the pages.
Confidential data (a denouncer's identity) has no field in any schema: the API cannot return it.
"""

import datetime as dt

from django.http import Http404
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError, ValidationError
from ninja.security import django_auth

from danvan.core.errors import ApplicationError

# django_auth checks the session and, for unsafe methods, the CSRF token.
api = NinjaAPI(title="danvan API", version="1", urls_namespace="api", auth=django_auth)


def _error(request, code: str, message: str, status: int, field: str | None = None):
    return api.create_response(request, {"error": {"code": code, "message": message, "field": field}}, status=status)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, "not_found", "Không tìm thấy.", 404)


@api.exception_handler(ApplicationError)
def application_error(request, exc: ApplicationError):
    return _error(request, exc.code, exc.message, 400, exc.field)


HTTP_ERRORS = {
    401: ("unauthenticated", "Cần đăng nhập: hãy đăng nhập rồi gọi lại."),
    403: ("forbidden", "Không được phép: thiếu mã CSRF hoặc không có quyền."),
}


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    # Ninja's own refusals (no session: 401, CSRF: 403) in the same shape as ours, not {"detail": …}.
    code, message = HTTP_ERRORS.get(exc.status_code, ("error", str(exc)))
    return _error(request, code, message, exc.status_code)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    # The first problem is reported, naming the parameter: {"loc": ["query", "q"], "type": "missing", …}.
    first = exc.errors[0] if exc.errors else {}
    field = next((str(part) for part in reversed(first.get("loc", ())) if isinstance(part, str)), None)
    kind = first.get("type")
    if kind == "missing":
        message = f"Tham số “{field}”: bắt buộc."
    elif kind == "string_too_long":
        message = f"Tham số “{field}”: tối đa {first.get('ctx', {}).get('max_length')} ký tự."
    else:
        message = f"Tham số “{field}”: giá trị không hợp lệ ({first.get('msg', '')})."
    return _error(request, "invalid", message, 422, field)


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    level: str
    has_danvan_function: bool
    parent: str | None
    admin_unit: str | None


class PetitionOut(Schema):
    """A petition as the API shows it. There is deliberately no petitioner or denouncer field here: who sent a
    denunciation is confidential (Luật Tố cáo 2018) and is read only on its page, by its handlers, audited."""

    code: str
    unit: str
    category: str
    field: str
    status: str
    received_on: dt.date
    due_on: dt.date | None
    is_anonymous: bool
    is_over_level: bool
    is_complex: bool
    content: str


def _unit_out(unit) -> UnitOut:
    return UnitOut(
        code=unit.code,
        name=unit.name,
        kind=unit.kind,
        level=unit.level,
        has_danvan_function=unit.has_danvan_function,
        parent=unit.parent.code if unit.parent else None,
        admin_unit=unit.admin_unit.code if unit.admin_unit else None,
    )


@api.get("/units/search", response=list[UnitOut], tags=["units"])
def units_search(request, q: str = Query(..., max_length=100)):
    from danvan.organisations.selectors import orgunit_search_for_user

    return [_unit_out(u) for u in orgunit_search_for_user(user=request.user, query=q)]


@api.get("/units/{code}", response=UnitOut, tags=["units"])
def unit_detail(request, code: str):
    from danvan.organisations.selectors import orgunit_get_for_user

    return _unit_out(orgunit_get_for_user(user=request.user, code=code))


@api.get("/units/{code}/children", response=list[UnitOut], tags=["units"])
def unit_children(request, code: str):
    from danvan.organisations.selectors import orgunit_children_for_user, orgunit_get_for_user

    unit = orgunit_get_for_user(user=request.user, code=code)
    return [_unit_out(u) for u in orgunit_children_for_user(user=request.user, unit=unit)]


def _petition_out(petition) -> PetitionOut:
    return PetitionOut(
        code=petition.code,
        unit=petition.unit.code,
        category=petition.category,
        field=str(petition.field),
        status=petition.status,
        received_on=petition.received_on,
        due_on=petition.due_on,
        is_anonymous=petition.is_anonymous,
        is_over_level=petition.is_over_level,
        is_complex=petition.is_complex,
        content=petition.content,
    )


@api.get("/petitions/{code}", response=PetitionOut, tags=["petitions"])
def petition_detail(request, code: str):
    from danvan.petitions.selectors import petition_get_for_user

    return _petition_out(petition_get_for_user(user=request.user, code=code))
