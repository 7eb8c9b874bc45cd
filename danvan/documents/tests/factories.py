import datetime as dt

from conftest import make_user
from danvan.documents import services
from danvan.organisations.models import OrgUnit

TODAY = dt.date(2026, 12, 5)
PLAN_FIELDS = {
    "purpose": "Phát huy vai trò của hệ thống chính trị trong công tác dân vận.",
    "content": "Tổ chức Tháng Dân vận với các hoạt động thiết thực.\nBiểu dương mô hình Dân vận khéo.",
    "organisation": "Các đảng ủy xã, phường xây dựng kế hoạch và triển khai.",
}


def people():
    """The provincial Ban's drafter, head of division, and its head who signs."""
    drafter = make_user("drafter.a", "officer", "P24-TGDV")
    head = make_user("head.a", "officer", "P24-TGDV")
    signer = make_user("chief.a", "leader", "P24-TGDV")
    return drafter, head, signer


def plan(drafter, head=None, signer=None, **kw):
    data = {
        "actor": drafter,
        "issuer": OrgUnit.objects.get(code="P24-TGDV"),
        "doc_type_code": "KH",
        "template": "plan",
        "title": "Tổ chức “Tháng Dân vận” năm 2027",
        "fields": PLAN_FIELDS,
        "reviewer": head,
        "signer": signer,
        "signer_title": "Trưởng ban",
        "capacity": "T/M",
        "recipients_spec": {"communes_of": "P24-TU"},
        "tasks": " | Tổ chức ra quân Tháng Dân vận | 15/10/2027",
    }
    data.update(kw)
    return services.document_draft(**data)


def to_signer(document, drafter, head):
    services.document_route(actor=drafter, document=document, step="review")
    return services.document_route(actor=head, document=document, step="signing")


def signer_for(document, username: str = ""):
    """A leader of the document's issuing body (made once per body), who may sign it."""
    from danvan.accounts.models import User

    username = username or f"ky.{document.issuer.code.lower()}"
    return User.objects.filter(username=username).first() or make_user(username, "leader", document.issuer.code)


def issue_generated(document, *, chooser, today=TODAY, signer=None, capacity="T/M", title="Trưởng ban"):
    """Take a generated draft to its number: choose the signer (a leader of the body), who signs and issues it.
    Returns the register's IssuedDocument; an issued draft (the same source again) returns its own."""
    from danvan.documents.generated import document_signer_set
    from danvan.documents.models import Document

    if document.issued_id:
        return document.issued
    signer = signer or signer_for(document)
    document_signer_set(actor=chooser, document=document, signer=signer, signer_title=title, capacity=capacity)
    issued = services.document_sign_issue(actor=signer, document=Document.objects.get(pk=document.pk), today=today)
    return issued.issued


def issue_through_pages(client_for, chooser, location: str, *, signer=None):
    """Through the pages: on the draft at `location` ("/van-ban/<id>/") the chooser picks the signer, who issues it.
    Returns the issue response (a redirect back to the document)."""
    from danvan.core.submissions import TOKEN_FIELD, new_form_token
    from danvan.documents.models import Document

    document = Document.objects.get(public_id=location.strip("/").split("/")[-1])
    signer = signer or signer_for(document)
    data = {"signer": signer.username, "capacity": "T/M", "signer_title": "Trưởng ban", TOKEN_FIELD: new_form_token()}
    assert client_for(chooser).post(location + "nguoi-ky/", data).status_code == 302
    return client_for(signer).post(location + "ky-ban-hanh/", {TOKEN_FIELD: new_form_token()})
