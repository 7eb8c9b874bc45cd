import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from danvan.audit.models import Action, AuditEvent
from danvan.core.tests import crafted
from danvan.organisations.models import OrgUnit

pytestmark = pytest.mark.django_db

GOOD_CSV = (
    "ma_xa,ten,loai\n7288,Thôn Đồng Tâm,thon\n7288,Tổ dân vận thôn Đồng Tâm,to_dan_van\n7294,Tổ dân phố 3,to_dan_pho\n"
)


def upload(client, code, name, content, **extra):
    file = io.BytesIO(content)
    file.name = name
    return client.post(f"/don-vi/{code}/nhap-thon/", {"file": file, **extra})


def import_and_run(client, code, name, content, capture):
    """Upload a valid file: the page starts the import job and sends to its page; the job runs on commit."""
    with capture(execute=True):
        response = upload(client, code, name, content)
    assert response.status_code == 302
    assert response["Location"].startswith("/cong-viec/")
    return client.get(response["Location"]).context["job"]


def test_a_provincial_officer_imports_villages_for_two_communes(
    client_for, officer_a, django_capture_on_commit_callbacks
):
    job = import_and_run(
        client_for(officer_a), "P24-TU", "thon.csv", GOOD_CSV.encode(), django_capture_on_commit_callbacks
    )
    assert (job.status, job.done, job.total, job.message) == ("succeeded", 3, 3, "Đã nhập 3 đơn vị.")
    assert job.result_url == "/don-vi/P24-TU/"
    village = OrgUnit.objects.get(name="Thôn Đồng Tâm")
    assert village.parent.code == "C7288-DU"
    assert village.kind == "village"
    assert OrgUnit.objects.get(name="Tổ dân phố 3").parent.code == "C7294-DU"
    assert OrgUnit.objects.get(name="Tổ dân vận thôn Đồng Tâm").has_danvan_function
    assert AuditEvent.objects.get(action=Action.ORGUNITS_IMPORTED).details["count"] == 3


def test_xlsx_works_too(client_for, commune_officer_a, django_capture_on_commit_callbacks):
    book = Workbook()
    book.active.append(["ma_xa", "ten", "loai"])
    book.active.append([7288, "Thôn Mới", "thon"])
    data = io.BytesIO()
    book.save(data)
    client = client_for(commune_officer_a)
    job = import_and_run(client, "C7288-DU", "thon.xlsx", data.getvalue(), django_capture_on_commit_callbacks)
    assert job.status == "succeeded"
    assert OrgUnit.objects.filter(name="Thôn Mới", parent__code="C7288-DU").exists()


def test_every_error_is_listed_by_row_and_nothing_is_written(client_for, commune_officer_a):
    bad = (
        "ma_xa,ten,loai\n"
        "7288,Thôn A,thon\n"  # fine on its own
        "9999999,Thôn B,thon\n"  # not a commune
        "30463,Thôn C,thon\n"  # An Giang: out of scope
        "7288,,thon\n"  # no name
        "7288,Thôn D,lang\n"  # bad kind
        "7288,thon a,thon\n"  # duplicate of row 2
    )
    before = OrgUnit.objects.count()
    response = upload(client_for(commune_officer_a), "C7288-DU", "thon.csv", bad.encode())
    assert response.status_code == 200
    errors = response.context["errors"]
    assert [e.split(",")[0] for e in errors] == ["Dòng 3", "Dòng 4", "Dòng 5", "Dòng 6", "Dòng 7"]
    assert "“Mã xã”" in errors[0] and "“Tên”" in errors[2] and "“Loại”" in errors[3] and "trùng với dòng 2" in errors[4]
    assert OrgUnit.objects.count() == before


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("thon.txt", b"x", ".csv"),
        ("thon.csv", b"ten,loai\nA,thon\n", "thiếu cột “Mã xã”"),
        ("thon.csv", "ma_xa,ten,loai\n7288,Thôn,thon\n".encode("utf-16"), "UTF-8"),
        ("thon.csv", b"\n\n", "không có dữ liệu"),
        ("thon.xlsx", b"not a workbook", "Excel"),
    ],
)
def test_a_bad_file_gets_a_clear_message(client_for, commune_officer_a, name, content, fragment):
    response = upload(client_for(commune_officer_a), "C7288-DU", name, content)
    assert response.status_code == 200
    assert fragment in response.context["form"].errors["file"][0]


def test_dry_run_checks_without_writing(client_for, officer_a):
    before = OrgUnit.objects.count()
    response = upload(client_for(officer_a), "P24-TU", "thon.csv", GOOD_CSV.encode(), dry_run="on")
    assert response.status_code == 200
    assert OrgUnit.objects.count() == before


def test_the_template_downloads(client_for, commune_officer_a):
    response = client_for(commune_officer_a).get("/don-vi/C7288-DU/nhap-thon/mau.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_viewer_cannot_import(client_for):
    from conftest import make_user

    viewer = make_user("viewer.a", "viewer", "P24-TU")
    assert upload(client_for(viewer), "P24-TU", "thon.csv", GOOD_CSV.encode()).status_code == 404


def test_the_command_imports_and_reports_errors(tmp_path, officer_a):
    good = tmp_path / "thon.csv"
    good.write_text(GOOD_CSV, encoding="utf-8")
    call_command("import_villages", str(good), "--actor", "officer.a")
    assert OrgUnit.objects.filter(name="Thôn Đồng Tâm").exists()
    with pytest.raises(CommandError, match="Dòng 2"):
        call_command("import_villages", str(good), "--actor", "officer.a")  # now duplicates


def test_a_commune_code_that_is_not_a_plain_short_number_is_a_row_error(client_for, commune_officer_a):
    bad = "ma_xa,ten,loai\n²,Thôn A,thon\n" + "9" * 5000 + ",Thôn B,thon\n" + "9" * 23 + ",Thôn C,thon\n"
    before = OrgUnit.objects.count()
    response = upload(client_for(commune_officer_a), "C7288-DU", "thon.csv", bad.encode())
    assert response.status_code == 200
    errors = response.context["errors"]
    assert [e.split(",")[0] for e in errors] == ["Dòng 2", "Dòng 3", "Dòng 4"]
    assert all("cột “Mã xã”" in e and "không phải mã một xã" in e for e in errors)
    assert OrgUnit.objects.count() == before


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (crafted.xlsx_billion_laughs(), "khai báo DOCTYPE/ENTITY"),
        (crafted.xlsx_unpacking_to(30 * crafted.MiB), "khi giải nén lên tới 30 MB, quá mức 20 MB"),
        (crafted.with_many_parts(crafted.xlsx(), 1200), "gồm 1209 phần bên trong"),
        (crafted.xlsx_with_a_row_far_below(), "hơn 20000 dòng"),
    ],
)
def test_a_hostile_xlsx_is_refused_with_a_message_and_nothing_is_written(
    client_for, commune_officer_a, content, fragment
):
    before = OrgUnit.objects.count()
    response = upload(client_for(commune_officer_a), "C7288-DU", "thon.xlsx", content)
    assert response.status_code == 200
    message = response.context["form"].errors["file"][0]
    assert message.startswith("Tệp: ") and fragment in message
    assert OrgUnit.objects.count() == before


def test_rows_that_became_wrong_before_the_job_ran_fail_the_job_with_their_errors(
    client_for, commune_officer_a, django_capture_on_commit_callbacks
):
    from danvan.organisations.services import orgunit_create

    client = client_for(commune_officer_a)
    content = "ma_xa,ten,loai\n7288,Thôn Mới,thon\n".encode()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = upload(client, "C7288-DU", "thon.csv", content)
    # Someone adds the same village between the page's check and the job.
    commune = OrgUnit.objects.get(code="C7288-DU")
    orgunit_create(actor=commune_officer_a, parent=commune, name="Thôn Mới", kind=OrgUnit.Kind.VILLAGE)
    for callback in callbacks:
        callback()
    job = client.get(response["Location"]).context["job"]
    assert job.status == "failed"
    assert job.errors == [f"Dòng 2, cột “Tên”: “Thôn Mới” đã có trong {commune.name}."]
    assert OrgUnit.objects.filter(name="Thôn Mới").count() == 1


def test_the_template_lists_the_communes_with_their_codes_and_imports_filled_in_as_it_is(
    client_for, officer_a, django_capture_on_commit_callbacks
):
    import openpyxl

    client = client_for(officer_a)
    response = client.get("/don-vi/P24-TU/nhap-thon/mau.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = [[c.value for c in row] for row in book.active.iter_rows()]
    assert rows[0] == ["Mã xã", "Xã", "Tên", "Loại"]
    communes = {row[1]: row for row in rows[1:]}
    assert communes["Đảng ủy xã Yên Thế"][0] == 7288  # filled in: nobody types a code
    # One commune's row filled in with the kind in words; the other communes' rows are left as they came.
    communes["Đảng ủy xã Yên Thế"][2:] = ["Thôn Đồng Tâm", "Thôn"]
    output = io.BytesIO()
    book.active.delete_rows(2, len(rows))
    for row in communes.values():
        book.active.append(row)
    book.save(output)
    job = import_and_run(client, "P24-TU", "mau.xlsx", output.getvalue(), django_capture_on_commit_callbacks)
    assert (job.status, job.done) == ("succeeded", 1)
    assert OrgUnit.objects.get(name="Thôn Đồng Tâm").kind == "village"
