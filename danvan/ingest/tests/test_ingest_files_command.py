import pytest
from django.core.management import CommandError, call_command

from danvan.ingest.models import IngestDocument

from .fixtures import SEEDS

pytestmark = pytest.mark.django_db


def test_a_folder_is_read_file_by_file(officer_a, capsys):
    call_command("ingest_files", str(SEEDS), actor="officer.a", unit="P24-TU")
    assert IngestDocument.objects.count() == 5
    out = capsys.readouterr().out
    assert "giao_ban 2021-03-19 2021-Q1 Bắc Giang" in out
    assert "Đã đọc 5 tệp, 0 tệp lỗi." in out


def test_a_bad_file_is_reported_and_skipped(officer_a, tmp_path, capsys):
    (tmp_path / "trong.txt").write_bytes(b"")
    (tmp_path / "000.txt").write_text((next(SEEDS.glob("000_*.txt"))).read_text(encoding="utf-8"), encoding="utf-8")
    call_command(
        "ingest_files", str(tmp_path / "trong.txt"), str(tmp_path / "000.txt"), actor="officer.a", unit="P24-TU"
    )
    captured = capsys.readouterr()
    assert "trong.txt: Tệp trống" in captured.err
    assert IngestDocument.objects.count() == 1


def test_dry_run_writes_nothing(officer_a):
    call_command("ingest_files", str(SEEDS), actor="officer.a", unit="P24-TU", dry_run=True)
    assert not IngestDocument.objects.exists()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"actor": "nobody", "unit": "P24-TU"}, "Không có tài khoản"),
        ({"actor": "officer.a", "unit": "X"}, "Không có đơn vị"),
    ],
)
def test_unknown_actor_or_unit_is_an_error(officer_a, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("ingest_files", str(SEEDS), **options)
