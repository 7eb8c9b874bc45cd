"""The pages, through HTTP: who sees lists and who sees counts, the import with its confirmation step, exports."""

import pytest
from django.urls import reverse

from conftest import make_user
from danvan.audit.models import AuditEvent
from danvan.core.models import JobRun
from danvan.core.submissions import TOKEN_FIELD, new_form_token
from danvan.members.models import Branch, Membership, Person
from danvan.members.services import member_add

from .conftest import BORN_1975, CCCD_MAN_1975
from .test_members_import import FARMERS, WOMEN

pytestmark = pytest.mark.django_db


def _upload(client, branch, text, name="ds.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("members:branch_import", args=[branch.code]),
        {"file": SimpleUploadedFile(name, text.encode()), TOKEN_FIELD: new_form_token()},
    )


@pytest.fixture
def jobs(django_capture_on_commit_callbacks):
    """Run the jobs a request enqueues after commit (the test's transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_every_members_page_opens_for_every_persona(client_for, hnd_officer, hnd_branch, officer_a, citizen, officer_b):
    m = member_add(actor=hnd_officer, branch=hnd_branch, full_name="Trần Văn Nam", birth_date=BORN_1975, sex="M")
    pages = [
        "/hoi-vien/",
        "/hoi-vien/thong-ke/",
        "/hoi-vien/chi-hoi/moi/",
        f"/hoi-vien/chi-hoi/{hnd_branch.code}/",
        f"/hoi-vien/chi-hoi/{hnd_branch.code}/nhap/",
        f"/hoi-vien/nguoi/{m.person.public_id}/",
        f"/hoi-vien/chi-hoi/{hnd_branch.code}/mau-nhap/",
        "/hoi-vien/dan-so/",
        "/hoi-vien/dan-so/nhap/",
        "/hoi-vien/dan-so/mau-nhap/",
        "/hoi-vien/dan-so/C7288/lich-su/",
    ]
    for user in (hnd_officer, officer_a, citizen, officer_b):
        client = client_for(user)
        for url in pages:
            assert client.get(url).status_code in {200, 404}, (user, url)
    client = client_for(hnd_officer)
    assert all(client.get(url).status_code == 200 for url in pages[:7])
    # The population pages are the Party committees' (the commune's or above).
    client = client_for(officer_a)
    assert all(client.get(url).status_code == 200 for url in pages[7:])


def test_the_ban_sees_the_counts_but_not_the_list(client_for, hnd_officer, hnd_branch, officer_a):
    m = member_add(
        actor=hnd_officer,
        branch=hnd_branch,
        full_name="Trần Văn Nam",
        birth_date=BORN_1975,
        sex="M",
        cccd=CCCD_MAN_1975,
    )
    client = client_for(officer_a)  # the provincial Ban
    assert client.get(f"/hoi-vien/chi-hoi/{hnd_branch.code}/").status_code == 404
    assert client.get(f"/hoi-vien/nguoi/{m.person.public_id}/").status_code == 404
    page = client.get("/hoi-vien/thong-ke/?area=P24").content.decode()
    assert 'data-testid="any">1<' in page
    assert client.get("/hoi-vien/thong-ke/?area=P91").status_code == 404
    assert client.get("/hoi-vien/thong-ke/?area=VN").status_code == 404


def test_the_cccd_is_in_full_for_the_branch_officers_and_masked_for_a_viewer(client_for, hnd_officer, hnd_branch):
    from conftest import make_user

    member_add(
        actor=hnd_officer,
        branch=hnd_branch,
        full_name="Trần Văn Nam",
        birth_date=BORN_1975,
        sex="M",
        cccd=CCCD_MAN_1975,
    )
    url = f"/hoi-vien/chi-hoi/{hnd_branch.code}/"
    assert CCCD_MAN_1975 in client_for(hnd_officer).get(url).content.decode()
    page = client_for(make_user("hnd.viewer", "viewer", "C7288-HND")).get(url).content.decode()
    assert CCCD_MAN_1975 not in page and "0*******4321" in page


def test_a_branch_is_opened_with_pickers(client_for, hnd_officer, org):
    client = client_for(hnd_officer)
    data = {
        "organisation": org("HND").pk,
        "owner": "C7288-HND",
        "place": "",
        "name": "Chi hội thôn Hạ",
        TOKEN_FIELD: new_form_token(),
    }
    response = client.post("/hoi-vien/chi-hoi/moi/", data)
    branch = Branch.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/hoi-vien/chi-hoi/{branch.code}/")
    data[TOKEN_FIELD] = new_form_token()
    data["owner"] = "C7288-HPN"
    page = client.post("/hoi-vien/chi-hoi/moi/", data)
    assert page.status_code == 200 and "Thuộc:" in page.content.decode()


def test_the_two_organisations_import_through_the_pages_with_the_confirmation_step(
    client_for, hnd_officer, hpn_officer, hnd_branch, hpn_branch, jobs
):
    client = client_for(hnd_officer)
    with jobs():
        response = _upload(client, hnd_branch, FARMERS)
    assert response.status_code == 302
    job = JobRun.objects.get()
    assert job.status == JobRun.Status.SUCCEEDED and "2 người mới" in job.message
    client = client_for(hpn_officer)
    page = _upload(client, hpn_branch, WOMEN)
    assert page.status_code == 200
    html = page.content.decode()
    assert "NGUYEN THI LAN" in html and "Hội Nông dân" in html and 'name="decision_2"' in html
    assert Membership.objects.count() == 2  # nothing written before the confirmation
    upload = html.split('name="upload" value="')[1].split('"')[0]
    with jobs():
        response = client.post(
            reverse("members:branch_import", args=[hpn_branch.code]),
            {"upload": upload, "decision_2": "same", TOKEN_FIELD: new_form_token()},
        )
    assert response.status_code == 302
    assert Person.objects.count() == 3 and Membership.objects.count() == 4
    page = client.get("/hoi-vien/thong-ke/?area=C7288").content.decode()
    assert 'data-testid="any">3<' in page and 'data-testid="multi">1<' in page


def test_a_bad_file_shows_its_errors_by_row_and_writes_nothing(client_for, hnd_officer, hnd_branch):
    bad = FARMERS.replace("024075004321", "003075004321")
    page = _upload(client_for(hnd_officer), hnd_branch, bad)
    assert page.status_code == 200
    assert "Dòng 3, cột CCCD" in page.content.decode()
    assert not Person.objects.exists() and not JobRun.objects.exists()


def test_an_export_of_the_list_is_recorded_in_the_audit_log(client_for, hnd_officer, hnd_branch):
    member_add(actor=hnd_officer, branch=hnd_branch, full_name="Trần Văn Nam", birth_date=BORN_1975, sex="M")
    response = client_for(hnd_officer).post(
        reverse("members:branch_export", args=[hnd_branch.code]), {TOKEN_FIELD: new_form_token()}
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    assert AuditEvent.objects.filter(action="member.exported", details__rows=1).exists()


def test_the_member_list_takes_the_same_queries_for_ten_members_as_for_one(
    client_for, hnd_officer, hnd_branch, django_assert_max_num_queries
):
    import datetime as dt

    for i in range(10):
        member_add(
            actor=hnd_officer, branch=hnd_branch, full_name=f"Người {i}", birth_date=dt.date(1970 + i, 1, 1), sex="M"
        )
    client = client_for(hnd_officer)
    url = f"/hoi-vien/chi-hoi/{hnd_branch.code}/"
    client.get(url)
    with django_assert_max_num_queries(16):
        page = client.get(url)
    assert page.content.decode().count("/hoi-vien/nguoi/") == 10


def test_a_province_chooses_among_its_communes_and_the_nation_among_provinces(client_for, officer_a, sysadmin):
    page = client_for(officer_a).get("/hoi-vien/thong-ke/").content.decode()
    assert 'value="P24"' in page and 'value="C7288"' in page and 'value="P91"' not in page
    assert client_for(officer_a).get("/hoi-vien/thong-ke/?area=C7288").status_code == 200
    page = client_for(sysadmin).get("/hoi-vien/thong-ke/").content.decode()
    assert 'value="VN"' in page and 'value="P91"' in page
    assert client_for(sysadmin).get("/hoi-vien/thong-ke/?area=P91").status_code == 200


def test_a_central_organisations_officer_sees_the_nations_counts_it_is_offered(client_for):
    central = make_user("tw.hnd.counts", "officer", "TW-HND")
    page = client_for(central).get("/hoi-vien/thong-ke/")
    assert page.status_code == 200 and 'value="VN"' in page.content.decode()
    assert client_for(central).get("/hoi-vien/thong-ke/?area=VN").status_code == 200
    # A commune officer is not offered the nation and does not get it.
    commune = make_user("c.hnd.counts", "officer", "C7288-HND")
    assert client_for(commune).get("/hoi-vien/thong-ke/?area=VN").status_code == 404


def test_the_commune_enters_its_population_and_sees_the_share_of_members(
    client_for, commune_officer_a, hnd_officer, hnd_branch, officer_b
):
    import datetime as dt

    member_add(actor=hnd_officer, branch=hnd_branch, full_name="Trần Văn Nam", birth_date=BORN_1975, sex="M")
    client = client_for(commune_officer_a)
    page = client.get("/hoi-vien/thong-ke/?area=C7288").content.decode()
    assert 'href="/hoi-vien/dan-so/"' in page
    page = client.get("/hoi-vien/dan-so/")
    year = dt.date.today().year
    response = client.post(
        "/hoi-vien/dan-so/",
        {
            "year": page.context["year"],
            "province": "P24",
            "rows": "C7288 | 20 | 20 | 40",
            "shown": page.context["form"].initial["shown"],
            TOKEN_FIELD: new_form_token(),
        },
    )
    assert response.status_code == 302
    page = client.get("/hoi-vien/thong-ke/?area=C7288").content.decode()
    assert "2.5%" in page or "2,5%" in page
    assert AuditEvent.objects.filter(action="member.population_set").exists()
    # Another province's officer cannot enter Yên Thế's figure.
    response = client_for(officer_b).post(
        "/hoi-vien/dan-so/",
        {"year": year, "province": "P24", "rows": "C7288 | | | 1", TOKEN_FIELD: new_form_token()},
    )
    from danvan.members.models import CommunePopulation

    assert CommunePopulation.objects.get().people_of_age == 40


def test_one_member_is_added_and_a_likely_same_person_is_asked_about_first(
    client_for, hnd_officer, hpn_officer, hnd_branch, hpn_branch
):
    import datetime as dt

    member_add(
        actor=hnd_officer, branch=hnd_branch, full_name="Nguyễn Thị Lan", birth_date=dt.date(1980, 3, 15), sex="F"
    )
    client = client_for(hpn_officer)
    url = f"/hoi-vien/chi-hoi/{hpn_branch.code}/them/"
    assert client.get(url).status_code == 200
    data = {
        "full_name": "Nguyen Thi Lan",
        "birth_date": "15/03/1980",
        "sex": "F",
        "cccd": "",
        TOKEN_FIELD: new_form_token(),
    }
    page = client.post(url, data)
    assert page.status_code == 200 and 'name="same_person"' in page.content.decode()
    assert Membership.objects.count() == 1
    lan = Person.objects.get()
    response = client.post(url, data | {"same_person": str(lan.public_id), TOKEN_FIELD: new_form_token()})
    assert response.status_code == 302
    assert Person.objects.count() == 1 and lan.memberships.count() == 2
    # A CCCD that cannot be is refused on the form, naming the field.
    page = client.post(
        url,
        {
            "full_name": "Lê Thị Hoa",
            "birth_date": "20/10/1992",
            "sex": "F",
            "cccd": "999192000077",
            TOKEN_FIELD: new_form_token(),
        },
    )
    assert page.status_code == 200 and "Số CCCD" in page.content.decode()
    assert Person.objects.count() == 1


def test_a_list_left_at_the_confirmation_step_is_not_kept_once_another_is_sent(
    client_for, hnd_officer, hpn_officer, hnd_branch, hpn_branch, jobs
):
    from danvan.core.models import StoredFile

    with jobs():
        _upload(client_for(hnd_officer), hnd_branch, FARMERS)
    client = client_for(hpn_officer)
    assert _upload(client, hpn_branch, WOMEN).status_code == 200  # waits for the confirmation
    assert _upload(client, hpn_branch, WOMEN).status_code == 200  # sent again: the first copy goes
    assert StoredFile.objects.filter(uploaded_by=hpn_officer).count() == 1


def test_the_provincial_union_sees_its_communes_branches_and_no_other_provinces(client_for, hnd_officer, hnd_branch):
    from conftest import make_user

    member_add(
        actor=hnd_officer,
        branch=hnd_branch,
        full_name="Trần Văn Nam",
        birth_date=BORN_1975,
        sex="M",
        cccd=CCCD_MAN_1975,
    )
    url = f"/hoi-vien/chi-hoi/{hnd_branch.code}/"
    provincial = client_for(make_user("hnd.bacninh", "officer", "P24-HND"))
    page = provincial.get(url)
    assert page.status_code == 200 and CCCD_MAN_1975 in page.content.decode()
    assert hnd_branch.name in provincial.get("/hoi-vien/").content.decode()
    assert client_for(make_user("hnd.angiang", "officer", "P91-HND")).get(url).status_code == 404
    assert client_for(make_user("hpn.bacninh", "officer", "P24-HPN")).get(url).status_code == 404
    assert client_for(make_user("hnd.tw", "viewer", "TW-HND")).get(url).status_code == 200


def test_a_large_branch_lists_its_members_a_hundred_a_page_and_the_index_counts_them(
    client_for, hnd_officer, hnd_branch, django_assert_max_num_queries
):
    import datetime as dt

    for i in range(105):
        member_add(
            actor=hnd_officer,
            branch=hnd_branch,
            full_name=f"Người Số {i:03d}",
            birth_date=dt.date(1950, 1, 1) + dt.timedelta(days=100 * i),
            sex="F" if i % 2 else "M",
        )
    client = client_for(hnd_officer)
    url = f"/hoi-vien/chi-hoi/{hnd_branch.code}/"
    first = client.get(url).content.decode()
    assert first.count("/hoi-vien/nguoi/") == 100 and "105" in first and "?page=2" in first
    assert client.get(url, {"page": "2"}).content.decode().count("/hoi-vien/nguoi/") == 5
    assert client.get(url, {"page": "x"}).status_code == 200
    # The index counts each branch's current members for its own page only, in one grouped query.
    client.get("/hoi-vien/")
    with django_assert_max_num_queries(14):
        index = client.get("/hoi-vien/").content.decode()
    assert '<td class="text-end">105</td>' in index
