"""Issue 12 in Chromium, beyond the commune's two lists: the province's Ban adds an association of the province;
the province's Hội Nông dân imports one list for several communes' branches, two of them of the same name told
apart by the Xã column; the commune sees the members. Against a real danvan with its real job worker; screenshots
at 1366 and 390 px."""

import os

import pytest

from tests.browser.test_browser_login_search import login

from .test_browser_import import manage  # noqa: F401  (the fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="browser test runs once, in the SQLite pass"
    ),
]

SETUP = """
from danvan.accounts.models import User
from danvan.members.models import Organisation
from danvan.members.services import branch_create
from danvan.organisations.models import OrgUnit
u = User.objects.get(username='hnd.bacninh')  # the demo persona of the province's Hội Nông dân (members/demo.py)
other = OrgUnit.objects.filter(kind='farmers_union', level='commune', admin_unit__parent__code='P24').exclude(
    code='C7288-HND').order_by('code').first()
hnd = Organisation.objects.get(code='HND')
branch_create(actor=u, organisation=hnd, owner=OrgUnit.objects.get(code='C7288-HND'), name='Chi hội thôn Đông')
branch_create(actor=u, organisation=hnd, owner=other, name='Chi hội thôn Đông')
print(other.admin_unit.name)
"""


def test_the_ban_adds_an_association_and_the_province_imports_one_list_for_several_branches(
    danvan_server,
    browser,
    manage,  # noqa: F811  (the fixture imported above)
    screenshot_dir,
):
    base = danvan_server
    other_commune = manage("shell", "-c", SETUP).strip().splitlines()[-1]  # after "N objects imported …"

    ban = browser.new_page(viewport={"width": 1366, "height": 900})
    login(ban, base, "bn.chuyenvien")
    ban.goto(f"{base}/hoi-vien/")
    ban.click("a[href='/hoi-vien/to-chuc/']")
    ban.click("a[href='/hoi-vien/to-chuc/moi/']")
    ban.fill("#id_name", "Hội Người cao tuổi tỉnh Bắc Ninh")
    ban.fill("#id_short_name", "Hội NCT")
    ban.fill("#id_min_age", "60")
    ban.screenshot(path=str(screenshot_dir / "members-association-new-1366.png"), full_page=True)
    ban.click("button.btn-primary[type=submit]")
    ban.wait_for_url(f"{base}/hoi-vien/to-chuc/")
    assert "Hội Người cao tuổi tỉnh Bắc Ninh" in ban.inner_text("table")
    ban.screenshot(path=str(screenshot_dir / "members-organisations-1366.png"), full_page=True)
    ban.set_viewport_size({"width": 390, "height": 844})
    ban.screenshot(path=str(screenshot_dir / "members-organisations-390.png"), full_page=True)

    # The browser server is shared by the run's browser tests: an earlier one may have imported into Yên Thế.
    commune = browser.new_page(viewport={"width": 1366, "height": 900})
    login(commune, base, "xa.yenthe")
    commune.goto(f"{base}/hoi-vien/thong-ke/?area=C7288")
    before = int(commune.inner_text("[data-testid=any]").replace(".", ""))

    province = browser.new_page(viewport={"width": 1366, "height": 900})
    login(province, base, "hnd.bacninh")
    province.goto(f"{base}/hoi-vien/")
    province.click("a[href='/hoi-vien/nhap/']")
    text = (
        "Họ tên,Ngày sinh,Giới tính,CCCD,Chi hội,Xã\n"
        "Trần Văn Nam,02/07/1975,Nam,,Chi hội thôn Đông,Xã Yên Thế\n"
        f"Lê Văn Hải,01/01/1970,Nam,,Chi hội thôn Đông,{other_commune}\n"
        "Phạm Văn Ba,05/05/1980,Nam,,Chi hội thôn Đông,\n"
    )
    province.set_input_files("#id_file", files=[{"name": "tinh.csv", "mimeType": "text/csv", "buffer": text.encode()}])
    province.click("button.btn-primary[type=submit]")
    province.wait_for_load_state()
    # Row 4 names a branch found in two communes: refused by row and column, nothing written.
    assert "Dòng 4, cột Chi hội" in province.inner_text(".alert-danger")
    province.screenshot(path=str(screenshot_dir / "members-province-import-errors-1366.png"), full_page=True)
    province.set_viewport_size({"width": 390, "height": 844})
    province.screenshot(path=str(screenshot_dir / "members-province-import-errors-390.png"), full_page=True)
    province.set_viewport_size({"width": 1366, "height": 900})
    fixed = text.replace(
        "Phạm Văn Ba,05/05/1980,Nam,,Chi hội thôn Đông,", "Phạm Văn Ba,05/05/1980,Nam,,Chi hội thôn Đông,Yên Thế"
    )
    province.set_input_files("#id_file", files=[{"name": "tinh.csv", "mimeType": "text/csv", "buffer": fixed.encode()}])
    province.click("button.btn-primary[type=submit]")
    province.wait_for_url(f"{base}/cong-viec/**")
    manage("db_worker", "--batch", "--no-startup-delay", "--interval", "0")

    commune.goto(f"{base}/hoi-vien/thong-ke/?area=C7288")
    assert int(commune.inner_text("[data-testid=any]").replace(".", "")) == before + 2
    assert "All " in manage("members_recount")
