"""/api/v1/: another door to the same selectors and services, with typed schemas and one error shape.

Callers authenticate with an API token (`Authorization: Bearer dv_…`, see auth.py) or, from the browser, with the
logged-in session (CSRF on writes). Out of scope answers 404, as on the pages. Confidential data (a denouncer's
identity) has no field in any schema: the API cannot return it.
"""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from danvan.api.auth import AUTH
from danvan.core.errors import ApplicationError

# docs_url=None: the interactive page is ours (views.docs), behind login, from vendored files under the CSP.
api = NinjaAPI(
    title="danvan API",
    version="1",
    description="Hệ thống thông tin công tác dân vận. Lỗi luôn có dạng "
    '`{"error": {"code", "message", "field"}}`; ngoài phạm vi và không tồn tại đều trả 404.',
    urls_namespace="api",
    auth=AUTH,
    docs_url=None,
)


def error_response(request, code: str, message: str, status: int, field: str | None = None):
    return api.create_response(request, {"error": {"code": code, "message": message, "field": field}}, status=status)


@api.exception_handler(Http404)
def not_found(request, exc):
    return error_response(request, "not_found", "Không tìm thấy.", 404)


# A rule a service enforces answers 400, except a concurrent change (409: reload and retry) and a missing right.
APPLICATION_STATUS = {"conflict": 409, "forbidden": 403}


@api.exception_handler(ApplicationError)
def application_error(request, exc: ApplicationError):
    message, field = exc.message, exc.field
    by_code = exc.extra.get("by_code")
    if by_code:
        # A report's figures: the page marks each cell; here every problem is in the message, the first in `field`.
        message = f"Chưa lưu gì: {'; '.join(by_code.values())}"
        field = f"values.{next(iter(by_code))}"
    return error_response(request, exc.code, message, APPLICATION_STATUS.get(exc.code, 400), field)


HTTP_ERRORS = {
    401: ("unauthenticated", "Cần xác thực: gửi mã truy cập (Authorization: Bearer …) hoặc đăng nhập."),
    403: ("forbidden", "Không được phép: thiếu mã CSRF hoặc không có quyền."),
}


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    # Ninja's own refusals (no session: 401, CSRF: 403) in the same shape as ours, not {"detail": …}.
    code, message = HTTP_ERRORS.get(exc.status_code, ("error", str(exc)))
    return error_response(request, code, message, exc.status_code)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    # The first problem is reported, naming the parameter: {"loc": ["query", "q"], "type": "missing", …}.
    first = exc.errors[0] if exc.errors else {}
    field = next((str(part) for part in reversed(first.get("loc", ())) if isinstance(part, str)), None)
    kind = first.get("type")
    ctx = first.get("ctx", {})
    if kind == "missing":
        message = f"Tham số “{field}”: bắt buộc."
    elif kind == "string_too_long":
        message = f"Tham số “{field}”: tối đa {ctx.get('max_length')} ký tự."
    elif kind == "string_pattern_mismatch":
        message = f"Tham số “{field}”: không đúng dạng ({ctx.get('pattern')})."
    elif kind in {"less_than_equal", "greater_than_equal"}:
        message = f"Tham số “{field}”: phải {'≤' if kind == 'less_than_equal' else '≥'} {ctx.get('le', ctx.get('ge'))}."
    else:
        message = f"Tham số “{field}”: giá trị không hợp lệ ({first.get('msg', '')})."
    return error_response(request, "invalid", message, 422, field)


def _register_routers() -> None:
    from danvan.api.endpoints import democracy, petitions, reports, units, work

    api.add_router("/units", units.router, tags=["units"])
    api.add_router("/reports", reports.router, tags=["reports"])
    api.add_router("/petitions", petitions.router, tags=["petitions"])
    api.add_router("/", work.router)
    api.add_router("/democracy", democracy.router)


_register_routers()
