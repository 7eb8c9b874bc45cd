"""Schemas shared by every endpoint: the one error shape, pages, and the patterns of public identifiers."""

from ninja import Field, Schema
from pydantic import create_model

# Public identifiers as they appear in paths and filters. A pattern keeps "/", "." and the empty string out of a
# path segment, so every request reaches the API (and its error shape) instead of the site's HTML 404.
CODE_PATTERN = r"^[A-Za-z0-9_-]{1,40}$"
UUID_PATTERN = r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$"
PERIOD_PATTERN = r"^(month|quarter|half|nine|year)-[0-9]{4}-[0-9]{1,2}(-c[0-9]{1,2})?$"


class ErrorBody(Schema):
    code: str = Field(description="not_found, invalid, invalid_values, conflict, forbidden, unauthenticated, …")
    message: str = Field(description="In Vietnamese: what is wrong and how to fix it.")
    field: str | None = Field(description="The parameter or body field at fault, when there is one.")


class ErrorOut(Schema):
    error: ErrorBody


def errors(*statuses: int) -> dict[int, type[Schema]]:
    """The error responses an endpoint documents: every status it can answer besides success."""
    return dict.fromkeys(statuses, ErrorOut)


# Every endpoint can answer these: no or a bad token (401), a parameter that fails its schema (422).
READ_ERRORS = errors(401, 404, 422)
# Writes also refuse a session without its CSRF token or a person without the right (403), a rule the service
# enforces (400) and a concurrent change (409).
WRITE_ERRORS = errors(400, 401, 403, 404, 409, 422)

MAX_OFFSET = 1000


class PageParams(Schema):
    limit: int = Field(50, ge=1, le=100, description="Rows per page (1–100).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Rows to skip (at most 1000: narrow the filters instead).")


def page_schema(item: type[Schema]) -> type[Schema]:
    """{"items": [...], "limit", "offset", "next_offset"}: next_offset is null on the last page."""
    name = item.__name__.removesuffix("Out") + "Page"
    return create_model(
        name,
        __base__=Schema,
        items=(list[item], ...),
        limit=(int, ...),
        offset=(int, ...),
        next_offset=(int | None, ...),
    )


def page(rows: list, params: PageParams) -> dict:
    """One page from `rows`, which holds the page's rows and at most one more (fetched to know if there is a next)."""
    has_next = len(rows) > params.limit
    return {
        "items": rows[: params.limit],
        "limit": params.limit,
        "offset": params.offset,
        "next_offset": params.offset + params.limit if has_next else None,
    }


def page_of_queryset(qs, params: PageParams) -> dict:
    return page(list(qs[params.offset : params.offset + params.limit + 1]), params)


def page_of_selector(fetch, params: PageParams) -> dict:
    """For selectors that take a `limit` and return the newest rows: ask for enough, then cut the page out."""
    return page(fetch(limit=params.offset + params.limit + 1)[params.offset :], params)


# PostgreSQL refuses NUL in text: it is kept out of every text input by its schema (422, not a server error).
NO_NUL = r"^[^\x00]*$"


def text(max_length: int, min_length: int = 0):
    """A text input of at most `max_length` characters, without NUL."""
    from typing import Annotated

    from pydantic import StringConstraints

    return Annotated[str, StringConstraints(min_length=min_length, max_length=max_length, pattern=NO_NUL)]
