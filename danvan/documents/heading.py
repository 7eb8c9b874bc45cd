"""The heading of a Party document (HD 36-HD/VPTW): which dân vận body issues for a unit, the two names of its
header (the superior above, the issuer below) and the place in its date line.

Every document danvan makes reads them here: the Ban's drafts and issued documents, the briefing report, the
conclusion notice, the contest decision, the assessment report, the situation digest and the printed registers.
Moved here from `reports.briefing` (issue 16: one documents path)."""

from danvan.core.errors import ApplicationError
from danvan.organisations.loading import COMMUNE_PREFIXES, PROVINCE_PREFIXES, strip_type
from danvan.organisations.models import OrgUnit


def issuer_for(unit: OrgUnit) -> OrgUnit:
    """The dân vận body that issues for `unit`: itself, or its dân vận child (Tỉnh ủy → Ban TG&DV)."""
    if unit.has_danvan_function:
        return unit
    body = unit.children.filter(has_danvan_function=True).order_by("sort_order").first()
    if body is None:
        raise ApplicationError("Đơn vị này không có cơ quan làm công tác dân vận để ban hành báo cáo.", field="unit")
    return body


def header_names(issuer: OrgUnit) -> tuple[str, str]:
    """(superior, issuer) as a Party document header prints them: "Thành ủy Bắc Ninh" above "Ban Tuyên giáo và
    Dân vận", the issuer's name without the superior's at its end."""
    superior = issuer.parent.name if issuer.parent else "Ban Chấp hành Trung ương"
    short = issuer.name[: -len(superior)].strip() if issuer.name.endswith(superior) else issuer.name
    return superior, short


def document_place(unit: OrgUnit) -> str:
    """The place name in a document's date line: the province (or \"Hà Nội\" for the centre)."""
    admin = unit.admin_unit
    if admin is None:
        return "Hà Nội"
    province = admin.parent if admin.level == "commune" else admin
    return strip_type(province.name, PROVINCE_PREFIXES) if province else strip_type(admin.name, COMMUNE_PREFIXES)
