import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.democracy import services
from danvan.democracy.models import DisclosureItem
from danvan.organisations.models import OrgUnit

PDF = b"%PDF-1.4\n% test\n"


def pdf(name="du-toan.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def commune_base(actor, code="C7288-DU"):
    return services.base_for_commune(actor=actor, unit=OrgUnit.objects.get(code=code))


def item(number: int) -> DisclosureItem:
    return DisclosureItem.objects.get(base_kind="commune", number=number)


def disclose(actor, base, number=2, start=dt.date(2026, 1, 10), end=dt.date(2026, 2, 15), **kwargs):
    kwargs.setdefault("title", f"Mục {number}")
    kwargs.setdefault("forms_used", ["niem_yet"])
    return services.disclosure_post(actor=actor, base=base, item=item(number), start_date=start, end_date=end, **kwargs)
