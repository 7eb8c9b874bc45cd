import pytest
from django.db.models import Sum

from danvan.accounts.demo import demo_data_load
from danvan.members.demo import demo_members_load
from danvan.members.models import Branch, Membership, MemberTally, Person
from danvan.members.tally import tally_verify

pytestmark = pytest.mark.django_db


def _count(scope: str, measure: str) -> int:
    return MemberTally.objects.filter(scope=scope, measure=measure).aggregate(n=Sum("count"))["n"] or 0


def test_the_demo_members_are_counted_once_hold_no_cccd_and_load_once(client_for):
    demo_data_load()
    codes = demo_members_load()
    # Yên Thế: three branches of the Farmers' Union, two of the Women's Union; one branch in three more communes.
    assert len(codes) == 8
    assert Branch.objects.filter(commune__code="C7288").count() == 5
    assert Branch.objects.exclude(commune__code="C7288").values("commune").distinct().count() == 3
    assert not Person.objects.exclude(cccd="").exists()
    # The women of thôn Đồng Tâm in both Hội were confirmed as one person each: counted once.
    both = _count("C7288", "multi")
    assert both >= 2
    memberships = Membership.objects.filter(person__commune__code="C7288").count()
    assert _count("C7288", "any") == Person.objects.filter(commune__code="C7288").count() == memberships - both
    assert _count("C7288", "org:HPN") == Membership.objects.filter(organisation__code="HPN").count()
    assert _count("P24", "org:HND") == Membership.objects.filter(organisation__code="HND").count()
    assert tally_verify()["differences"] == []
    # Loading again changes nothing.
    people = Person.objects.count()
    assert demo_members_load() == []
    assert Person.objects.count() == people
    # The personas see their own lists; the Women's Union's officer does not see the Farmers' Union's.
    from danvan.accounts.models import User

    hpn = client_for(User.objects.get(username="hpn.yenthe"))
    page = hpn.get("/hoi-vien/").content.decode()
    assert "Chi hội Phụ nữ thôn Đồng Tâm" in page and "Chi hội thôn Tân Sơn" not in page
    province = client_for(User.objects.get(username="hnd.bacninh")).get("/hoi-vien/").content.decode()
    assert "Chi hội thôn Trung" in province and "Chi hội thôn Khe Nghè" in province
