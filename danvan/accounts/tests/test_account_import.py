"""A unit administrator creates many accounts from one file: every row checked first, nothing written on any
error, positions recorded, a first password per account given once in a file only the importer can download,
and each person changes it at the first login."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from danvan.accounts.models import RoleAssignment, User
from danvan.audit.models import Action, AuditEvent
from danvan.organisations.models import Position

pytestmark = pytest.mark.django_db

HEADER = "ho_ten,ten_dang_nhap,don_vi,vai_tro,email,chuc_vu\n"
GOOD = HEADER + (
    "Hoàng Văn Đức,xa.yenthe.duc,Khoi dan van xa Yen The,chuyên viên,duc@example.vn,Trưởng khối\n"
    "Lý Thị Hạnh,hnd.yenthe,Hội Nông dân xã Yên Thế,báo cáo viên,,\n"
)


def post(client, code, content, name="tai-khoan.csv", **extra):
    upload = SimpleUploadedFile(name, content.encode() if isinstance(content, str) else content)
    return client.post(f"/don-vi/{code}/nhap-tai-khoan/", {"file": upload, **extra})


def test_a_valid_file_creates_accounts_roles_and_positions_and_gives_first_passwords_once(
    client_for, admin_a, django_capture_on_commit_callbacks
):
    client = client_for(admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "P24-TU", GOOD)
    assert response.status_code == 302
    job = client.get(response["Location"]).context["job"]
    assert job.status == "succeeded", (job.message, job.errors)
    duc = User.objects.get(username="xa.yenthe.duc")
    assert duc.full_name == "Hoàng Văn Đức" and duc.email == "duc@example.vn" and duc.must_change_password
    assert list(RoleAssignment.objects.filter(user=duc).values_list("unit__code", "role")) == [("C7288-KDV", "officer")]
    assert Position.objects.get(person__user=duc).title == "Trưởng khối"
    assert list(RoleAssignment.objects.filter(user__username="hnd.yenthe").values_list("unit__code", "role")) == [
        ("C7288-HND", "reporter")
    ]
    assert AuditEvent.objects.filter(action=Action.USER_CREATED, actor=admin_a).count() == 2
    # The first passwords, in a file for the importer only.
    download = client.get(f"/cong-viec/{job.public_id}/tai-ve/")
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(download.streaming_content if download.streaming else [download.content]))
    ).active
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    password = rows["xa.yenthe.duc"][4]
    assert rows["xa.yenthe.duc"][2] == "Khối dân vận xã Yên Thế" and duc.check_password(password)
    other = Client()
    other.force_login(User.objects.get(username="hnd.yenthe"))
    assert other.get(f"/cong-viec/{job.public_id}/tai-ve/").status_code in (302, 404)
    # The person logs in with it and is asked for their own password first.
    person = Client()
    assert person.post("/dang-nhap/", {"username": "xa.yenthe.duc", "password": password}).status_code == 302
    assert person.get("/")["Location"] == "/mat-khau/"


def test_every_wrong_row_is_named_and_nothing_is_written(client_for, admin_a, officer_a):
    bad = HEADER + (
        "Hoàng Văn Đức,xa.yenthe.duc,Khoi dan van xa Yen The,chuyên viên,duc@example.vn,\n"
        ",Có Dấu,Khối dân vận xã Yên Thế,giám đốc,not-an-email,\n"
        "Trần An,xa.yenthe.duc,Đảng ủy xã Châu Phú,chuyên viên,,\n"
        "Lê Bình,officer.a,Khối dân vận xã Yên Thế,lãnh đạo,,\n"
    )
    response = post(client_for(admin_a), "P24-TU", bad)
    assert response.status_code == 200
    errors = response.context["errors"]
    assert errors == [
        "Dòng 3, cột “Họ tên”: bắt buộc.",
        "Dòng 3, cột “Tên đăng nhập”: “có dấu” không hợp lệ; chỉ gồm chữ không dấu, số và . _ -, từ 3 đến 150 ký tự.",
        "Dòng 3, cột “Email”: “not-an-email” không phải một địa chỉ thư điện tử.",
        "Dòng 3, cột “Vai trò”: “giám đốc” không hợp lệ; dùng quản trị, lãnh đạo, chuyên viên, báo cáo viên hoặc người xem.",
        "Dòng 4, cột “Tên đăng nhập”: “xa.yenthe.duc” trùng với dòng 2.",
        "Dòng 4, cột “Đơn vị”: không có đơn vị “Đảng ủy xã Châu Phú” thuộc Thành ủy Bắc Ninh.",
        "Dòng 5, cột “Tên đăng nhập”: “officer.a” đã có người dùng; hãy chọn tên khác.",
    ]
    assert response.context["form"].errors["file"][0].startswith("Không nhập được: 7 lỗi, chưa ghi dòng nào.")
    assert not User.objects.filter(username="xa.yenthe.duc").exists()


def test_only_checking_writes_nothing_and_a_non_admin_cannot_import(client_for, admin_a, officer_a):
    response = post(client_for(admin_a), "P24-TU", GOOD, dry_run="on")
    assert response.status_code == 200
    assert "2" in str(list(response.context["messages"])[0])
    assert not User.objects.filter(username="xa.yenthe.duc").exists()
    assert client_for(officer_a).get("/don-vi/P24-TU/nhap-tai-khoan/").status_code == 404
    assert post(client_for(admin_a), "P91-TU", GOOD).status_code == 404


def test_a_file_without_the_columns_names_them(client_for, admin_a):
    response = post(client_for(admin_a), "P24-TU", "ten,email\nA,b@c.vn\n")
    assert response.context["form"].errors["file"] == [
        "Tệp: thiếu cột “Họ tên”, “Tên đăng nhập”, “Đơn vị”, “Vai trò”. Dòng đầu phải là: “Họ tên”, “Tên đăng nhập”, "
        "“Đơn vị”, “Vai trò” (tải tệp mẫu để có sẵn)."
    ]


def test_the_template_downloads_with_the_columns(client_for, admin_a):
    response = client_for(admin_a).get("/don-vi/P24-TU/nhap-tai-khoan/mau.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    # Headed in words; the reader folds them back to its columns, so the template uploads as it is.
    assert [c.value for c in sheet[1]] == ["Họ tên", "Tên đăng nhập", "Đơn vị", "Vai trò", "Email", "Chức vụ"]


def test_a_first_password_never_starts_with_a_character_the_sheet_would_guard(monkeypatch):
    from danvan.accounts import imports

    drawn = iter(["-Kx3", "_Lm9", "=Ab1", "Qz7-"])
    monkeypatch.setattr(imports.secrets, "token_urlsafe", lambda n: next(drawn))
    assert imports.first_password() == "Qz7-"
