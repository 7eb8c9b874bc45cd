import datetime as dt

import pytest

from conftest import make_user


@pytest.fixture
def hnd_officer(db):
    """An officer of Hội Nông dân xã Yên Thế (Bắc Ninh)."""
    return make_user("hnd.yenthe", "officer", "C7288-HND")


@pytest.fixture
def hpn_officer(db):
    """An officer of Hội Phụ nữ xã Yên Thế."""
    return make_user("hpn.yenthe", "officer", "C7288-HPN")


@pytest.fixture
def org():
    from danvan.members.models import Organisation

    return lambda code: Organisation.objects.get(code=code)


@pytest.fixture
def hnd_branch(hnd_officer, org, unit):
    from danvan.members.services import branch_create

    return branch_create(
        actor=hnd_officer, organisation=org("HND"), owner=unit("C7288-HND"), name="Chi hội thôn Đồng Tâm"
    )


@pytest.fixture
def hpn_branch(hpn_officer, org, unit):
    from danvan.members.services import branch_create

    return branch_create(
        actor=hpn_officer, organisation=org("HPN"), owner=unit("C7288-HPN"), name="Chi hội thôn Đồng Tâm"
    )


# A valid CCCD for a woman born in 1980 whose birth was registered in Bắc Giang (024): 024 1 80 xxxxxx.
CCCD_WOMAN_1980 = "024180001234"
CCCD_MAN_1975 = "024075004321"
BORN_1980 = dt.date(1980, 3, 15)
BORN_1975 = dt.date(1975, 7, 2)
