"""Import of a branch's list: checked whole before writing, likely duplicates confirmed, re-import changes nothing."""

import pytest

from danvan.audit.models import AuditEvent
from danvan.core.errors import ApplicationError
from danvan.core.exporting import xlsx_bytes
from danvan.members.imports import members_import, members_import_check, read_member_table
from danvan.members.models import Membership, MemberTally, Person
from danvan.members.selectors import member_statistics
from danvan.members.tally import tally_verify

pytestmark = pytest.mark.django_db

HEADER = "Họ tên,Ngày sinh,Giới tính,CCCD,Dân tộc,Tôn giáo,Nghề nghiệp,Địa chỉ thôn,Ngày vào\n"
FARMERS = (
    HEADER
    + "Nguyễn Thị Lan,15/03/1980,Nữ,,Kinh,Không,Làm ruộng,Thôn Đồng Tâm,01/05/2010\n"
    + "Trần Văn Nam,02/07/1975,Nam,024075004321,Kinh,Phật giáo,Làm ruộng,Thôn Đồng Tâm,12/09/2005\n"
)
WOMEN = (
    HEADER
    + "NGUYEN THI LAN,15/3/1980,nu,,Kinh,,Làm ruộng,Đồng Tâm,08/03/2012\n"
    + "Lê Thị Hoa,20/10/1992,Nữ,024192000077,Tày,,Giáo viên,Thôn Đồng Tâm,\n"
)


def _rows(text, name="ds.csv"):
    return read_member_table(filename=name, content=text.encode())


def _errors(exc):
    return exc.value.extra.get("errors", [])


def test_two_organisations_with_a_person_in_common_make_one_person_and_two_memberships(
    hnd_officer, hpn_officer, hnd_branch, hpn_branch
):
    summary = members_import(actor=hnd_officer, branch=hnd_branch, rows=_rows(FARMERS), decisions={})
    assert summary == {"new": 2, "linked": 0, "unchanged": 0}
    # The Women's Union's list has Lan without a CCCD, typed differently: danvan proposes her as the same person.
    plan = members_import_check(actor=hpn_officer, branch=hpn_branch, rows=_rows(WOMEN))
    assert [(p.line, p.full_name, p.organisations) for p in plan.proposals] == [(2, "NGUYEN THI LAN", ["Hội Nông dân"])]
    # Written only once the officer has decided.
    with pytest.raises(ApplicationError, match="chưa được xác nhận"):
        members_import(actor=hpn_officer, branch=hpn_branch, rows=_rows(WOMEN), decisions={})
    summary = members_import(actor=hpn_officer, branch=hpn_branch, rows=_rows(WOMEN), decisions={"2": "same"})
    assert summary == {"new": 1, "linked": 1, "unchanged": 0}
    assert Person.objects.count() == 3
    assert Membership.objects.count() == 4
    lan = Person.objects.get(name_folded="nguyen thi lan")
    assert lan.full_name == "Nguyễn Thị Lan" and lan.memberships.count() == 2
    stats = member_statistics(scope="C7288", today=lan.birth_date.replace(year=2026))
    assert stats["memberships"] == 4 and stats["any"]["total"] == 3 and stats["multi"]["total"] == 1
    assert tally_verify()["differences"] == []
    assert AuditEvent.objects.filter(action="member.imported").count() == 2


def test_an_officer_who_says_different_people_gets_a_new_person(hnd_officer, hpn_officer, hnd_branch, hpn_branch):
    members_import(actor=hnd_officer, branch=hnd_branch, rows=_rows(FARMERS), decisions={})
    members_import(actor=hpn_officer, branch=hpn_branch, rows=_rows(WOMEN), decisions={"2": "new"})
    assert Person.objects.filter(name_folded="nguyen thi lan").count() == 2


def test_importing_the_same_file_again_changes_nothing(hnd_officer, hnd_branch):
    members_import(actor=hnd_officer, branch=hnd_branch, rows=_rows(FARMERS), decisions={})
    counts = list(MemberTally.objects.order_by("pk").values_list("count", flat=True))
    events = AuditEvent.objects.count()
    summary = members_import(actor=hnd_officer, branch=hnd_branch, rows=_rows(FARMERS), decisions={})
    assert summary == {"new": 0, "linked": 0, "unchanged": 2}
    assert Person.objects.count() == 2 and Membership.objects.count() == 2
    assert list(MemberTally.objects.order_by("pk").values_list("count", flat=True)) == counts
    assert AuditEvent.objects.count() == events


def test_an_xlsx_list_imports_like_a_csv(hnd_officer, hnd_branch):
    import datetime as dt

    content = xlsx_bytes(
        sheet_title="DS",
        headers=["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Ngày vào"],
        rows=[[1, "Trần Văn Nam", dt.datetime(1975, 7, 2), "Nam", 24075004321, "12/09/2005"]],
    )
    rows = read_member_table(filename="ds.xlsx", content=content)
    members_import(actor=hnd_officer, branch=hnd_branch, rows=rows, decisions={})
    assert Person.objects.get().cccd == "024075004321"


def test_every_bad_row_is_listed_by_row_and_column_and_nothing_is_written(hnd_officer, hnd_branch):
    bad = (
        HEADER
        + "Nguyễn Văn A,15/03/1980,Nam,003080001234,,,,,\n"  # impossible province code
        + "Nguyễn Văn B,15/03/2099,Nam,,,,,,\n"  # born in the future
        + "Nguyễn Văn C,01/01/2015,Nam,,,,,,\n"  # too young for the Farmers' Union
        + "Nguyễn Văn D,31/02/1980,Nam,,,,,,\n"  # no such date
        + "Nguyễn Văn E,15/03/1980,X,,,,,,\n"  # sex
        + "Nguyễn Văn F,15/03/1980,Nam,02408000123,,,,,\n"  # 11 digits after the fix-up of a dropped zero: 0 + 11
        + "Trần Văn Nam,02/07/1975,Nam,024075004321,,,,,\n"
        + "Trần Văn Nam,02/07/1975,Nam,024075004321,,,,,\n"  # listed twice
    )
    with pytest.raises(ApplicationError) as exc:
        members_import_check(actor=hnd_officer, branch=hnd_branch, rows=_rows(bad))
    errors = _errors(exc)
    assert any(e.startswith("Dòng 2, cột CCCD:") and "003" in e for e in errors)
    assert any(e.startswith("Dòng 3, cột Ngày sinh:") and "tương lai" in e for e in errors)
    assert any(e.startswith("Dòng 4, cột Ngày sinh:") and "18 tuổi" in e for e in errors)
    assert any(e.startswith("Dòng 5, cột Ngày sinh:") for e in errors)
    assert any(e.startswith("Dòng 6, cột Giới tính:") for e in errors)
    assert any(e.startswith("Dòng 9, cột CCCD:") and "dòng 8" in e for e in errors)
    assert not Person.objects.exists() and not MemberTally.objects.exists()


def test_a_cccd_that_is_not_twelve_digits_is_refused_by_row_and_column_with_the_fix(hnd_officer, hnd_branch):
    bad = (
        HEADER
        + "Nguyễn Văn A,15/03/1980,Nam,0240800012,,,,,\n"  # 10 digits
        + "Nguyễn Văn B,15/03/1980,Nam,02408000123X,,,,,\n"  # a letter
        + "Trần Văn Nam,02/07/1975,Nam,024075004321,,,,,\n"
    )
    with pytest.raises(ApplicationError) as exc:
        members_import_check(actor=hnd_officer, branch=hnd_branch, rows=_rows(bad))
    errors = _errors(exc)
    for line in (2, 3):
        assert any(e.startswith(f"Dòng {line}, cột CCCD:") and "đúng 12 chữ số" in e for e in errors), errors
    assert not any(e.startswith("Dòng 4") for e in errors)
    assert not Person.objects.exists() and not MemberTally.objects.exists()


def test_a_title_above_the_header_is_skipped(hnd_officer, hnd_branch):
    text = "DANH SÁCH HỘI VIÊN CHI HỘI THÔN ĐỒNG TÂM,,\n,,\n" + FARMERS
    rows = _rows(text)
    assert rows[0]["_line"] == 4
    members_import(actor=hnd_officer, branch=hnd_branch, rows=rows, decisions={})
    assert Person.objects.count() == 2


def test_a_file_with_a_wrong_layout_says_which_columns_it_needs(hnd_officer, hnd_branch):
    with pytest.raises(ApplicationError) as exc:
        _rows("Tên,Năm\nA,1980\n".replace("Tên", "Tên đệm"))
    assert "thiếu cột Họ tên, Ngày sinh, Giới tính" in exc.value.message
    with pytest.raises(ApplicationError, match=".xlsx hoặc .csv"):
        read_member_table(filename="ds.pdf", content=b"%PDF")


def test_a_branch_outside_the_importers_organisation_is_refused(hpn_officer, officer_a, hnd_branch):
    for actor in (hpn_officer, officer_a):
        with pytest.raises(ApplicationError) as exc:
            members_import_check(actor=actor, branch=hnd_branch, rows=_rows(FARMERS))
        assert exc.value.field == "branch"


def test_a_provinces_list_names_each_rows_branch_and_rows_outside_the_scope_are_refused(org, unit):
    from conftest import make_user
    from danvan.members.services import branch_create
    from danvan.organisations.models import OrgUnit

    provincial = make_user("hnd.bacninh", "officer", "P24-HND")
    other = (
        OrgUnit.objects.filter(kind="farmers_union", level="commune", admin_unit__parent__code="P24")
        .exclude(code="C7288-HND")
        .first()
    )
    far = OrgUnit.objects.filter(kind="farmers_union", level="commune", admin_unit__parent__code="P91").first()
    yen_the = branch_create(
        actor=provincial, organisation=org("HND"), owner=unit("C7288-HND"), name="Chi hội thôn Đồng Tâm"
    )
    branch_create(actor=provincial, organisation=org("HND"), owner=other, name="Chi hội thôn Hạ")
    branch_create(
        actor=make_user("hnd.angiang", "officer", "P91-HND"), organisation=org("HND"), owner=far, name="Chi hội ấp Một"
    )
    header = "Họ tên,Ngày sinh,Giới tính,CCCD,Chi hội\n"
    good = (
        header
        + "Trần Văn Nam,02/07/1975,Nam,,Chi hội thôn Đồng Tâm\nLê Văn Hải,01/01/1970,Nam,,chi hoi thon ha\nĐỗ Văn Ba,01/01/1971,Nam,,\n"
    )
    summary = members_import(actor=provincial, branch=yen_the, rows=_rows(good), decisions={})
    assert summary["new"] == 3
    hai = Person.objects.get(name_folded="le van hai")
    assert hai.commune_id == other.admin_unit_id and hai.memberships.get().branch.name == "Chi hội thôn Hạ"
    bad = header + "Phan Văn Tư,01/01/1972,Nam,,Chi hội ấp Một\nVõ Văn Năm,01/01/1973,Nam,,Chi hội thôn Không Có\n"
    with pytest.raises(ApplicationError) as exc:
        members_import_check(actor=provincial, branch=yen_the, rows=_rows(bad))
    errors = _errors(exc)
    assert any(e.startswith("Dòng 2, cột Chi hội:") and "ngoài phạm vi" in e for e in errors)
    assert any(e.startswith("Dòng 3, cột Chi hội:") and "chưa có chi hội" in e for e in errors)
    assert tally_verify()["differences"] == []


def test_the_cccd_lookup_says_known_cccds_only_so_the_partial_unique_index_serves_it(hnd_officer, hnd_branch):
    """PostgreSQL uses the partial index (known CCCDs) for `cccd IN (…)` of more than 100 values only when the query
    itself excludes the empty CCCD; without it each part of the lookup read the whole people table at 30 M."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        members_import_check(actor=hnd_officer, branch=hnd_branch, rows=_rows(FARMERS))
    lookups = [q["sql"] for q in queries if '"cccd" IN (' in q["sql"] and "members_person" in q["sql"]]
    assert lookups and all('NOT ("members_person"."cccd" = \'\')' in sql for sql in lookups), lookups
