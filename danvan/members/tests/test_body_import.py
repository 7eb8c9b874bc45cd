"""A province's (or a commune's) list of one organisation, each row naming its branch and, where branch names
repeat, its commune: the same check, confirmation and background job as a branch's list (issue 12, "Import …
per branch or per province")."""

import pytest
from django.urls import reverse

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.core.models import JobRun
from danvan.core.submissions import TOKEN_FIELD, new_form_token
from danvan.members.imports import members_import, members_import_check, read_member_table
from danvan.members.models import Membership, Person
from danvan.members.services import branch_create, member_add
from danvan.members.tally import tally_verify

from .conftest import BORN_1980

pytestmark = pytest.mark.django_db

HEADER = "Họ tên,Ngày sinh,Giới tính,CCCD,Chi hội,Xã\n"


def _rows(text):
    return read_member_table(filename="ds.csv", content=text.encode())


@pytest.fixture
def province(org, unit):
    """Bắc Ninh's Hội Nông dân officer, and a "Chi hội thôn Đông" in Xã Yên Thế and in another commune."""
    from conftest import make_user
    from danvan.organisations.models import OrgUnit

    officer = make_user("hnd.bacninh", "officer", "P24-HND")
    other = (
        OrgUnit.objects.filter(kind="farmers_union", level="commune", admin_unit__parent__code="P24")
        .exclude(code="C7288-HND")
        .select_related("admin_unit")
        .first()
    )
    yen_the = branch_create(actor=officer, organisation=org("HND"), owner=unit("C7288-HND"), name="Chi hội thôn Đông")
    elsewhere = branch_create(actor=officer, organisation=org("HND"), owner=other, name="Chi hội thôn Đông")
    return officer, unit("P24-HND"), yen_the, elsewhere


def test_the_commune_column_tells_apart_branches_of_the_same_name(province):
    officer, body, yen_the, elsewhere = province
    text = (
        HEADER
        + "Trần Văn Nam,02/07/1975,Nam,,Chi hội thôn Đông,Xã Yên Thế\n"
        + f"Lê Văn Hải,01/01/1970,Nam,,chi hoi thon dong,{elsewhere.commune.name}\n"
    )
    summary = members_import(actor=officer, owner=body, rows=_rows(text), decisions={})
    assert summary == {"new": 2, "linked": 0, "unchanged": 0}
    assert Person.objects.get(name_folded="tran van nam").memberships.get().branch == yen_the
    assert Person.objects.get(name_folded="le van hai").memberships.get().branch == elsewhere
    assert Person.objects.get(name_folded="le van hai").commune_id == elsewhere.commune_id
    event = AuditEvent.objects.get(action=Action.MEMBERS_IMPORTED)
    assert event.unit_id == body.pk
    # The same file again changes nothing.
    assert members_import(actor=officer, owner=body, rows=_rows(text), decisions={})["unchanged"] == 2
    assert Membership.objects.count() == 2
    assert tally_verify()["differences"] == []


def test_every_row_names_a_branch_it_can_be_told_apart_and_nothing_is_written_otherwise(province):
    officer, body, _yen_the, _elsewhere = province
    text = (
        HEADER
        + "Trần Văn Nam,02/07/1975,Nam,,Chi hội thôn Đông,\n"
        + "Lê Văn Hải,01/01/1970,Nam,,,\n"
        + "Đỗ Văn Ba,01/01/1971,Nam,,Chi hội thôn Đông,Xã Không Có\n"
        + "Phan Văn Tư,01/01/1972,Nam,,Chi hội thôn Đông,Xã Yên Thế\n"
    )
    with pytest.raises(ApplicationError) as exc:
        members_import_check(actor=officer, owner=body, rows=_rows(text))
    errors = exc.value.extra["errors"]
    assert any(e.startswith("Dòng 2, cột Chi hội:") and "thêm cột Xã" in e for e in errors)
    assert any(e.startswith("Dòng 3, cột Chi hội:") and "bắt buộc" in e for e in errors)
    assert any(e.startswith("Dòng 4, cột Chi hội:") and "Xã Không Có" in e for e in errors)
    assert not any(e.startswith("Dòng 5") for e in errors)
    assert not Person.objects.exists()


def test_a_body_that_is_not_the_officers_is_refused(province, unit, hnd_officer):
    _officer, body, _yen_the, _elsewhere = province
    text = HEADER + "Trần Văn Nam,02/07/1975,Nam,,Chi hội thôn Đông,Xã Yên Thế\n"
    for actor, owner in ((hnd_officer, body), (hnd_officer, unit("C7288-HPN")), (hnd_officer, unit("P24-TU"))):
        with pytest.raises(ApplicationError) as exc:
            members_import_check(actor=actor, owner=owner, rows=_rows(text))
        assert exc.value.field == "owner"


def test_the_province_imports_through_the_page_with_the_confirmation_step(
    client_for, province, hpn_officer, org, unit, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    officer, body, yen_the, _elsewhere = province
    women = branch_create(actor=hpn_officer, organisation=org("HPN"), owner=unit("C7288-HPN"), name="Chi hội Đông")
    lan = member_add(actor=hpn_officer, branch=women, full_name="Nguyễn Thị Lan", birth_date=BORN_1980, sex="F")
    client = client_for(officer)
    assert reverse("members:body_import") in client.get("/hoi-vien/").content.decode()
    form = client.get("/hoi-vien/nhap/").content.decode()
    assert "Hội Nông dân" in form and client.get("/hoi-vien/nhap/mau-nhap/").status_code == 200
    text = HEADER + "NGUYEN THI LAN,15/03/1980,Nữ,,Chi hội thôn Đông,Yên Thế\n"
    page = client.post(
        "/hoi-vien/nhap/",
        {"owner": body.pk, "file": SimpleUploadedFile("ds.csv", text.encode()), TOKEN_FIELD: new_form_token()},
    )
    html = page.content.decode()
    assert page.status_code == 200 and 'name="decision_2"' in html and "Hội Phụ nữ" in html
    assert Membership.objects.count() == 1  # nothing written before the confirmation
    upload = html.split('name="upload" value="')[1].split('"')[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/hoi-vien/nhap/",
            {"upload": upload, "owner_id": body.pk, "decision_2": "same", TOKEN_FIELD: new_form_token()},
        )
    assert response.status_code == 302
    job = JobRun.objects.get()
    assert job.status == JobRun.Status.SUCCEEDED, job.message
    assert Person.objects.count() == 1 and {m.branch for m in lan.person.memberships.all()} == {women, yen_the}
    stats = client_for(make_ban()).get("/hoi-vien/thong-ke/?area=C7288").content.decode()
    assert 'data-testid="any">1<' in stats and 'data-testid="multi">1<' in stats
    assert tally_verify()["differences"] == []


def make_ban():
    from conftest import make_user

    return make_user("ban.bacninh", "officer", "P24-TU")


def test_a_bad_file_shows_its_errors_by_row_and_someone_elses_body_is_not_offered(
    client_for, province, hnd_officer, unit
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    officer, body, _yen_the, _elsewhere = province
    client = client_for(officer)
    text = HEADER + "Trần Văn Nam,02/07/2099,Nam,,Chi hội thôn Đông,Xã Yên Thế\n"
    page = client.post(
        "/hoi-vien/nhap/",
        {"owner": body.pk, "file": SimpleUploadedFile("ds.csv", text.encode()), TOKEN_FIELD: new_form_token()},
    )
    html = page.content.decode()
    assert page.status_code == 200 and "Dòng 2, cột Ngày sinh" in html and not Person.objects.exists()
    # A commune's officer is offered their own body only: the province's is refused, nothing written.
    commune = client_for(hnd_officer)
    page = commune.post(
        "/hoi-vien/nhap/",
        {
            "owner": body.pk,
            "file": SimpleUploadedFile("ds.csv", HEADER.encode() + "A,01/01/1970,Nam,,Chi hội thôn Đông,\n".encode()),
            TOKEN_FIELD: new_form_token(),
        },
    )
    assert page.status_code == 200 and page.context["form"].errors.get("owner") and not Person.objects.exists()
    # Without an organisation's body to import for, there is no such page.
    assert client_for(make_ban()).get("/hoi-vien/nhap/").status_code == 404
