"""Fills a database with records of every kind for the backup round trip (run in the scratch database by
test_backup_restore.py through `manage.py shell`): the demo data of every module that has one, plus petitions
(with a denouncer's confidential identity), a work plan, a failed login and a stored file holding every byte value."""

from django.core.management import call_command

from danvan.accounts.models import User
from danvan.accounts.services import login_record_failure
from danvan.core.models import StoredFile
from danvan.organisations.models import OrgUnit
from danvan.petitions.tests.factories import receive
from danvan.workplans.services import workplan_create


def records_fill() -> None:
    call_command("load_demo_data", verbosity=0)
    officer = User.objects.get(username="bn.chuyenvien")
    receive(officer)
    receive(
        officer,
        category="to_cao",
        people=[{"full_name": "Trần Thị Bình", "cccd": "024198765432", "phone": "0987 654 321"}],
    )
    workplan_create(
        actor=officer, unit=OrgUnit.objects.get(code="P24-TU"), kind="plan", title="Kế hoạch dân vận 2026", year=2026
    )
    login_record_failure(username="ai.do", ip="192.0.2.7")
    content = bytes(range(256)) * 64
    StoredFile.objects.create(
        name="tệp nhị phân.bin", content_type="application/octet-stream", size=len(content), content=content
    )
