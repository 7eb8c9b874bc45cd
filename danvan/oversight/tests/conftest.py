import datetime as dt
import re

import pytest

from conftest import make_user
from danvan.organisations.models import OrgUnit
from danvan.oversight import services

TODAY = dt.date(2026, 12, 5)


@pytest.fixture
def front_officer(db):
    """An officer of the provincial Front of Bắc Ninh."""
    return make_user("mttq.a", "officer", "P24-MTTQ")


@pytest.fixture
def commune_front(db):
    """A reporter of Xã Yên Thế's Front."""
    return make_user("mttq.xa", "reporter", "C7288-MTTQ")


@pytest.fixture
def commune_ubnd(db):
    """An officer of Xã Yên Thế's UBND: the body that answers."""
    return make_user("ubnd.xa", "officer", "C7288-UBND")


@pytest.fixture
def front_b(db):
    """An officer of the Front of another province (An Giang)."""
    return make_user("mttq.b", "officer", "P91-MTTQ")


def u(code: str) -> OrgUnit:
    return OrgUnit.objects.get(code=code)


def supervision(actor, unit="P24-MTTQ", supervised="C7288-UBND", **kw):
    data = {
        "actor": actor,
        "unit": u(unit),
        "subject_kind": "policy",
        "subject": "Việc thực hiện chính sách hỗ trợ nhà ở cho hộ nghèo",
        "method": "delegation",
        "supervised_unit": u(supervised),
        "start_date": dt.date(2026, 9, 15),
        "end_date": dt.date(2026, 9, 30),
        "findings": "Còn 2 hộ chưa được giải ngân.",
    }
    data.update(kw)
    return services.supervision_create(**data)


def recommendation(actor, sup, deadline=dt.date(2026, 11, 15), to="C7288-UBND", content="Công khai danh sách hộ."):
    return services.recommendation_add(
        actor=actor, supervision=sup, content=content, responsible_unit=u(to), deadline=deadline
    )


def post(client, url, data):
    """Post a form as a browser would: with the page's one-time form token."""
    page = client.get(url).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page)
    if token:
        data = {**data, "form_token": token.group(1)}
    return client.post(url, data)
