"""Population of age per commune (issue 12; decision 0036): entered as rows with a conflict check, imported from a
file matched without diacritics, kept with its history, and the share of members on the statistics pages."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conftest import make_user
from danvan.audit.models import AuditEvent
from danvan.core.models import JobRun
from danvan.core.submissions import TOKEN_FIELD, new_form_token
from danvan.members.models import CommunePopulation
from danvan.members.population import population_save
from danvan.members.services import member_add

from .conftest import BORN_1975, BORN_1980

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
URL = "/hoi-vien/dan-so/"


@pytest.fixture
def jobs(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _page(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def _save(client, rows: str, shown: str, year=YEAR, province="P24"):
    return client.post(
        URL,
        {"year": year, "province": province, "rows": rows, "shown": shown, TOKEN_FIELD: new_form_token()},
    )


def _shown(response) -> str:
    return response.context["form"].initial["shown"]


def _stored(code="C7288"):
    return CommunePopulation.objects.filter(commune__code=code, year=YEAR).values_list(
        "male", "female", "people_of_age", "version"
    )


def test_the_province_enters_its_communes_as_rows_and_each_change_is_in_the_commune_history(client_for, officer_a):
    client = client_for(officer_a)
    page = _page(client)
    html = page.content.decode()
    # Every commune of Bắc Ninh is a row, picked from a list: nobody types a code.
    assert 'name="rows__commune" id="id_rows-0-commune"' in html and 'value="C7288"' in html
    assert "Xã Yên Thế" in html and "data-dv-rows" in html
    response = _save(client, "C7288 | 600 | 634 | \nC7294 |  |  | 2000", _shown(page))
    assert response.status_code == 302
    assert list(_stored()) == [(600, 634, 1234, 1)]
    assert list(_stored("C7294")) == [(None, None, 2000, 1)]
    response = _save(client, "C7288 | 600 | 640 | 1240", _shown(_page(client)))
    assert response.status_code == 302
    assert list(_stored()) == [(600, 640, 1240, 2)]
    events = AuditEvent.objects.filter(action="member.population_set", details__commune="C7288").order_by("at", "id")
    assert [e.before for e in events] == [None, {"male": 600, "female": 634, "people_of_age": 1234}]
    history = client.get("/hoi-vien/dan-so/C7288/lich-su/").content.decode()
    assert "1.234" in history and "1.240" in history


def test_men_and_women_must_add_up_to_the_total_and_nothing_is_written_otherwise(client_for, officer_a):
    client = client_for(officer_a)
    shown = _shown(_page(client))
    response = _save(client, "C7288 | 600 | 634 | 1300\nC7294 | 500 |  | ", shown)
    assert response.status_code == 200
    errors = response.context["form"].errors["rows"]
    assert any("1.234" in e and "1300" in e.replace(".", "") for e in errors)
    assert len(errors) == 2
    assert not CommunePopulation.objects.exists()
    response = _save(client, "C7288 | six hundred | 634 | ", shown)
    assert response.status_code == 200 and not CommunePopulation.objects.exists()


def test_two_officers_saving_one_commune_get_a_conflict_and_keep_what_they_typed(client_for, officer_a, leader_a):
    first, second = client_for(officer_a), None
    shown_first = _shown(_page(first))
    from django.test import Client

    second = Client()
    second.force_login(leader_a)
    shown_second = _shown(_page(second))
    assert _save(first, "C7288 | 600 | 634 | 1234", shown_first).status_code == 302
    response = _save(second, "C7288 | 700 | 700 | 1400\nC7294 |  |  | 900", shown_second)
    assert response.status_code == 200
    message = " ".join(response.context["form"].non_field_errors())
    assert "Xã Yên Thế" in message and "1.234" in message
    # Nothing written, the other commune's row included; what was typed is still on the page.
    assert list(_stored()) == [(600, 634, 1234, 1)] and not _stored("C7294").exists()
    assert "1400" in response.content.decode()
    # The page now carries the version stored: saving again is a deliberate overwrite.
    shown = response.context["form"].data["shown"]
    assert _save(second, "C7288 | 700 | 700 | 1400\nC7294 |  |  | 900", shown).status_code == 302
    assert list(_stored()) == [(700, 700, 1400, 2)]


def test_a_row_left_as_shown_does_not_undo_someone_elses_newer_figure(client_for, officer_a, leader_a):
    client = client_for(officer_a)
    shown = _shown(_page(client))
    population_save(
        actor=leader_a,
        year=YEAR,
        figures=[_figure("C7288", 600, 634)],
    )
    # The page still shows Yên Thế empty; the officer only fills another commune.
    assert _save(client, "C7288\nC7294 |  |  | 900", shown).status_code == 302
    assert list(_stored()) == [(600, 634, 1234, 1)]
    assert list(_stored("C7294")) == [(None, None, 900, 1)]


def _figure(code, male, female, total=None):
    from danvan.members.population import Figure
    from danvan.organisations.models import AdminUnit

    commune = AdminUnit.objects.get(code=code)
    return Figure(commune=commune, male=male, female=female, total=total if total is not None else male + female)


def test_only_the_communes_in_scope_are_offered_and_another_province_gets_404(client_for, commune_officer_a, officer_b):
    client = client_for(commune_officer_a)
    page = _page(client)
    assert page.context["communes"] == [(page.context["communes"][0][0], None)]
    assert page.context["communes"][0][0].code == "C7288"
    client = client_for(officer_b)
    assert client.get("/hoi-vien/dan-so/C7288/lich-su/").status_code == 404
    # A row naming a commune outside the page is refused, and nothing is written.
    response = _save(client, "C7288 | 1 | 1 | 2", "{}", province="P91")
    assert response.status_code == 200 and not CommunePopulation.objects.exists()
    citizen = make_user("dan", None, None)
    assert client_for(citizen).get(URL).status_code == 404


# --- Import -----------------------------------------------------------------------------------------------------

GOOD = "Tỉnh,Xã,Nam,Nữ,Tổng\nBac Ninh,xa yen the,600,634,1234\n,Phường Bắc Giang,1.500,1.600,\n"


def _import(client, text, name="dan-so.csv", year=YEAR):
    return client.post(
        "/hoi-vien/dan-so/nhap/",
        {
            "year": year,
            "file": SimpleUploadedFile(name, text if isinstance(text, bytes) else text.encode()),
            TOKEN_FIELD: new_form_token(),
        },
    )


def test_a_file_is_imported_in_the_background_and_the_same_file_again_changes_nothing(client_for, officer_a, jobs):
    client = client_for(officer_a)
    with jobs():
        response = _import(client, GOOD)
    assert response.status_code == 302
    job = JobRun.objects.get()
    assert job.status == JobRun.Status.SUCCEEDED and job.kind == "members.population_import"
    assert list(_stored()) == [(600, 634, 1234, 1)]
    bac_giang = CommunePopulation.objects.get(commune__name="Phường Bắc Giang")
    assert (bac_giang.male, bac_giang.female, bac_giang.people_of_age) == (1500, 1600, 3100)
    events = AuditEvent.objects.count()
    with jobs():
        _import(client, GOOD)
    assert JobRun.objects.filter(status=JobRun.Status.SUCCEEDED).count() == 2
    assert list(_stored()) == [(600, 634, 1234, 1)]
    assert AuditEvent.objects.count() == events
    assert "2 xã không đổi" in JobRun.objects.order_by("-pk").first().message


def test_errors_are_listed_by_row_and_column_and_nothing_is_written(client_for, officer_a):
    bad = "Xã,Nam,Nữ,Tổng\nYên Thế,600,634,1300\nXã Không Có,1,1,2\nBố Hạ,abc,,\nYen The,1,1,2\n"
    page = _import(client_for(officer_a), bad)
    assert page.status_code == 200
    errors = page.context["errors"]
    assert any(e.startswith("Dòng 2, cột Tổng:") for e in errors)
    assert any(e.startswith("Dòng 3, cột Xã:") for e in errors)
    assert any(e.startswith("Dòng 4, cột Nam:") for e in errors)
    assert any(e.startswith("Dòng 5, cột Xã:") and "dòng 2" in e for e in errors)
    assert not CommunePopulation.objects.exists() and not JobRun.objects.exists()


def test_a_name_shared_by_several_communes_is_refused_with_its_row_and_column(client_for, sysadmin):
    page = _import(client_for(sysadmin), "Xã,Tổng\nTân Thành,100\n")
    errors = page.context["errors"]
    assert len(errors) == 1 and errors[0].startswith("Dòng 2, cột Xã:") and "Tỉnh" in errors[0]
    # Two communes of one province share the name: the province does not tell them apart.
    page = _import(client_for(sysadmin), "Tỉnh,Xã,Tổng\nTay Ninh,Tan Thanh,100\n")
    errors = page.context["errors"]
    assert len(errors) == 1 and "nhập theo dòng" in errors[0]
    # Written with its diacritics, the name tells the two apart (Tân Thành, not Tân Thạnh).
    assert _import(client_for(sysadmin), "Tỉnh,Xã,Tổng\nTây Ninh,Xã Tân Thành,100\n").status_code == 302
    assert _import(client_for(sysadmin), "Tỉnh,Xã,Tổng\nBắc Ninh,yen the,100\n").status_code == 302


def test_a_commune_outside_the_scope_is_not_found(client_for, officer_b):
    page = _import(client_for(officer_b), "Xã,Tổng\nYên Thế,100\n")
    assert page.context["errors"][0].startswith("Dòng 2, cột Xã:")
    assert not CommunePopulation.objects.exists()


def test_the_template_lists_the_communes_in_scope_and_comes_back_as_a_valid_import(client_for, officer_a, jobs):
    import io

    from openpyxl import load_workbook

    client = client_for(officer_a)
    population_save(actor=officer_a, year=YEAR, figures=[_figure("C7288", 600, 634)])
    response = client.get("/hoi-vien/dan-so/mau-nhap/", {"year": YEAR})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == ("Tỉnh", "Xã", "Nam", "Nữ", "Tổng")
    assert ("Thành phố Bắc Ninh", "Xã Yên Thế", 600, 634, 1234) in rows
    assert len(rows) > 50
    with jobs():
        response = _import(client, response.content, name="mau.xlsx")
    assert response.status_code == 302
    assert JobRun.objects.get().status == JobRun.Status.SUCCEEDED
    assert list(_stored()) == [(600, 634, 1234, 1)]


def test_an_oversized_or_unreadable_file_is_refused_before_parsing(client_for, officer_a):
    import io
    import zipfile

    client = client_for(officer_a)
    page = _import(client, "Xã,Tổng\n" + "Yên Thế,1\n" * 300_000)
    assert page.status_code == 200 and "2 MB" in page.content.decode()
    # A small zip that unpacks to far more than any population sheet.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<a>" + " " * (30 * 1024 * 1024) + "</a>")
    page = _import(client, buffer.getvalue(), name="bom.xlsx")
    assert page.status_code == 200 and page.context["form"].errors["file"]
    page = _import(client, "x", name="dan-so.pdf")
    assert page.status_code == 200 and page.context["form"].errors["file"]
    assert not CommunePopulation.objects.exists()


# --- The share on the statistics pages ----------------------------------------------------------------------------


def test_the_share_of_members_is_shown_in_all_and_by_sex_for_commune_province_and_nation(
    client_for, officer_a, sysadmin, hnd_officer, hnd_branch
):
    member_add(actor=hnd_officer, branch=hnd_branch, full_name="Trần Văn Nam", birth_date=BORN_1975, sex="M")
    member_add(actor=hnd_officer, branch=hnd_branch, full_name="Lê Thị Hoa", birth_date=BORN_1980, sex="F")
    member_add(actor=hnd_officer, branch=hnd_branch, full_name="Lê Văn Bình", birth_date=BORN_1980, sex="M")
    population_save(actor=officer_a, year=YEAR, figures=[_figure("C7288", 20, 40)])
    from danvan.members.selectors import member_statistics, population_share

    for scope in ("C7288", "P24", "VN"):
        stats = member_statistics(scope=scope, today=timezone.localdate())
        share = population_share(scope=scope, members=stats["any"])
        assert (share["share"], share["share_male"], share["share_female"]) == (5.0, 10.0, 2.5), scope
        assert share["communes_entered"] == 1
    page = client_for(sysadmin).get("/hoi-vien/thong-ke/?area=P24").content.decode()
    assert 'data-testid="share-by-sex"' in page and ("2,5%" in page or "2.5%" in page)


def test_members_of_communes_without_a_figure_do_not_inflate_the_share(officer_a, hnd_officer, hnd_branch):
    from danvan.members.selectors import member_statistics, population_share

    member_add(actor=hnd_officer, branch=hnd_branch, full_name="Trần Văn Nam", birth_date=BORN_1975, sex="M")
    # Another commune of the province has a figure; Yên Thế, where the member lives, has none.
    population_save(actor=officer_a, year=YEAR, figures=[_figure("C7294", 50, 50)])
    stats = member_statistics(scope="P24", today=timezone.localdate())
    share = population_share(scope="P24", members=stats["any"])
    assert share["share"] == 0.0 and share["members"] == 0


def test_the_statistics_page_takes_the_same_queries_for_two_communes_as_for_forty(
    client_for, sysadmin, officer_a, django_assert_max_num_queries
):
    from danvan.organisations.models import AdminUnit

    communes = list(AdminUnit.objects.filter(generation="current", level="commune", parent__code="P24")[:40])
    population_save(actor=officer_a, year=YEAR, figures=[_figure(c.code, 10, 10) for c in communes[:2]])
    client = client_for(sysadmin)
    client.get("/hoi-vien/thong-ke/?area=P24")
    with django_assert_max_num_queries(30) as few:
        client.get("/hoi-vien/thong-ke/?area=P24")
    population_save(actor=officer_a, year=YEAR, figures=[_figure(c.code, 10, 10) for c in communes[2:]])
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/hoi-vien/thong-ke/?area=P24").content.decode()
    assert "800" in page
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/hoi-vien/thong-ke/?area=VN")


def test_the_entry_page_shown_json_cannot_be_used_to_break_the_page(client_for, officer_a):
    client = client_for(officer_a)
    response = _save(client, "C7288 | 1 | 1 | 2", json.dumps({"C7288": "nonsense"}))
    assert response.status_code == 302
    response = _save(client, "C7288 | 1 | 2 | 3", "not json")
    assert response.status_code == 302
    assert list(_stored()) == [(1, 2, 3, 2)]


def test_the_provinces_ban_enters_for_the_communes_of_its_party_committee(client_for):
    ban = make_user("ban.tinh", "officer", "P24-TGDV")
    page = _page(client_for(ban))
    codes = {commune.code for commune, _row in page.context["communes"]}
    assert "C7288" in codes and len(codes) > 50
    hnd = make_user("hnd.xa", "officer", "C7288-HND")
    assert client_for(hnd).get(URL).status_code == 404


def test_the_entry_page_names_each_commune_once_instead_of_a_list_on_every_row(client_for, officer_a):
    """A province's page is a row a commune: each row shows its commune as text; only an added row offers the list
    (100 communes × a 100-option list each was half a megabyte)."""
    page = client_for(officer_a).get("/hoi-vien/dan-so/").content.decode()
    rows = page.count('name="rows__commune"')
    assert rows >= 2
    # The list of communes appears once, in the template row for an added row.
    assert page.count("<select") - page.count('name="year"') <= 2
    assert page.count('type="hidden" name="rows__commune"') == rows - 1


@pytest.mark.parametrize("year", ["²⁰²⁶", "9" * 5000, "abc", "1900"])
def test_a_strange_year_in_the_address_shows_the_latest_year_not_an_error(client_for, officer_a, year):
    client = client_for(officer_a)
    assert client.get("/hoi-vien/dan-so/", {"year": year}).status_code == 200
    assert client.get("/hoi-vien/dan-so/mau-nhap/", {"year": year}).status_code == 200
