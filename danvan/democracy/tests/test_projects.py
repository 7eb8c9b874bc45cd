"""Mobilising residents for major projects: the project and its communes, households (head's name and thôn only),
contacts by whom and when, agreement with reasons, linked petitions, the dashboard of the share agreed over time and
the households still refusing; corrections with history; double-submit safe."""

import datetime as dt

import pytest

from danvan.audit.models import Action, AuditEvent
from danvan.core.errors import ApplicationError
from danvan.core.submissions import TOKEN_FIELD, new_form_token
from danvan.democracy import selectors, services
from danvan.democracy.models import Contact, Household, Project
from danvan.democracy.tests.factories import commune_base
from danvan.organisations.models import OrgUnit
from danvan.petitions.tests.factories import receive

pytestmark = pytest.mark.django_db


def road(actor, **kwargs):
    data = dict(
        actor=actor,
        unit=OrgUnit.objects.get(code="P24-TU"),
        kind="rural_road",
        name="Đường liên xã Yên Thế – Bố Hạ",
        starts_on=dt.date(2026, 1, 5),
        communes=[OrgUnit.objects.get(code="C7288-DU")],
    )
    data.update(kwargs)
    return services.project_create(**data)


def test_a_project_needs_its_communes_below_the_running_unit(officer_a, officer_b):
    with pytest.raises(ApplicationError) as exc:
        road(officer_a, communes=[])
    assert exc.value.field == "communes"
    elsewhere = OrgUnit.objects.filter(level="commune", parent__level="province").exclude(
        ancestor_links__ancestor__code="P24-TU"
    )[0]
    with pytest.raises(ApplicationError) as exc:
        road(officer_a, communes=[elsewhere])
    assert exc.value.field == "communes" and elsewhere.name in exc.value.message
    with pytest.raises(ApplicationError) as exc:
        road(officer_a, ends_on=dt.date(2025, 1, 1))
    assert exc.value.field == "ends_on"
    with pytest.raises(ApplicationError) as exc:
        road(officer_b)
    assert exc.value.field == "unit"
    assert Project.objects.count() == 0


def test_contacts_move_the_household_and_the_dashboard_follows(officer_a, commune_officer_a):
    project = road(officer_a)
    base = commune_base(commune_officer_a)
    an = services.household_add(actor=commune_officer_a, project=project, base=base, head_name="Nguyễn Văn An")
    binh = services.household_add(actor=commune_officer_a, project=project, base=base, head_name="Trần Thị Bình")
    with pytest.raises(ApplicationError) as exc:
        services.household_add(actor=commune_officer_a, project=project, base=base, head_name="  ")
    assert exc.value.field == "head_name"
    # A refusal without its reasons is refused, nothing written.
    with pytest.raises(ApplicationError) as exc:
        services.household_contact(
            actor=commune_officer_a,
            household=an,
            contacted_on=dt.date(2026, 1, 20),
            contacted_by="Lê Văn Cường, Trưởng thôn",
            agreement="refused",
            today=dt.date(2026, 4, 1),
        )
    assert exc.value.field == "reason" and Contact.objects.count() == 0
    with pytest.raises(ApplicationError) as exc:
        services.household_contact(
            actor=commune_officer_a,
            household=an,
            contacted_on=dt.date(2026, 5, 1),
            contacted_by="x",
            agreement="agreed",
            today=dt.date(2026, 4, 1),
        )
    assert exc.value.field == "contacted_on"
    services.household_contact(
        actor=commune_officer_a,
        household=an,
        contacted_on=dt.date(2026, 1, 20),
        contacted_by="Lê Văn Cường, Trưởng thôn",
        agreement="refused",
        reason="Mức bồi thường thấp hơn giá thị trường",
        today=dt.date(2026, 4, 1),
    )
    services.household_contact(
        actor=commune_officer_a,
        household=binh,
        contacted_on=dt.date(2026, 1, 25),
        contacted_by="Hội Phụ nữ xã",
        agreement="agreed",
        today=dt.date(2026, 4, 1),
    )
    later = services.household_contact(
        actor=commune_officer_a,
        household=an,
        contacted_on=dt.date(2026, 3, 10),
        contacted_by="Chủ tịch UBMTTQ xã",
        agreement="agreed",
        today=dt.date(2026, 4, 1),
    )
    an.refresh_from_db()
    assert an.agreement == "agreed"
    project.ends_on = dt.date(2026, 3, 31)
    board = selectors.project_dashboard(project=project, today=dt.date(2026, 4, 1))
    row = board["communes"][0]
    assert (row.total, row.agreed, row.refused, row.percent) == (2, 2, 0, 100)
    # January: one of two agreed; February the same; March both.
    assert [pct for _point, pct in row.series] == [50, 50, 100]
    assert board["refusing"] == []
    # Correcting the later contact puts the household back to refusing, with the history kept.
    services.contact_update(
        actor=commune_officer_a,
        contact=later,
        contacted_on=dt.date(2026, 3, 10),
        contacted_by="Chủ tịch UBMTTQ xã",
        agreement="refused",
        reason="Chưa thống nhất vị trí tái định cư",
        today=dt.date(2026, 4, 1),
    )
    board = selectors.project_dashboard(project=project, today=dt.date(2026, 4, 1))
    assert [h.head_name for h in board["refusing"]] == ["Nguyễn Văn An"]
    event = AuditEvent.objects.filter(action=Action.CONTACT_UPDATED).get()
    assert event.before["agreement"] == "agreed" and event.after["agreement"] == "refused"


def test_petitions_of_the_commune_link_to_a_household(officer_a, commune_officer_a):
    project = road(officer_a)
    base = commune_base(commune_officer_a)
    household = services.household_add(actor=commune_officer_a, project=project, base=base, head_name="Phạm Văn Dũng")
    petition = receive(officer_a, unit_code="C7288-DU")
    other = receive(officer_a, unit_code="P24-TU")
    with pytest.raises(ApplicationError) as exc:
        services.household_update(
            actor=commune_officer_a, household=household, head_name="Phạm Văn Dũng", village=None, petitions=[other]
        )
    assert exc.value.field == "petitions"
    household = services.household_update(
        actor=commune_officer_a, household=household, head_name="Phạm Văn Dũng", village=None, petitions=[petition]
    )
    assert list(household.petitions.all()) == [petition]


def test_the_pages_are_scoped_and_double_submit_safe(client_for, officer_a, commune_officer_a, officer_b):
    province = client_for(officer_a)
    response = province.post(
        "/dan-chu/du-an/moi/",
        {
            "unit": "P24-TU",
            "kind": "clearance",
            "name": "Giải phóng mặt bằng khu công nghiệp",
            "starts_on": "05/01/2026",
            "communes": "C7288-DU",
            TOKEN_FIELD: new_form_token(),
        },
    )
    project = Project.objects.get()
    assert response["Location"] == f"/dan-chu/du-an/{project.public_id}/"
    base = commune_base(commune_officer_a)
    commune = client_for(commune_officer_a)
    response = commune.post(
        response["Location"],
        {
            "form": "household",
            "h-base": str(base.public_id),
            "h-head_name": "Hoàng Văn Em",
            TOKEN_FIELD: new_form_token(),
        },
    )
    household = Household.objects.get()
    url = f"/dan-chu/ho-dan/{household.public_id}/"
    assert response["Location"] == url
    data = {
        "form": "contact",
        "c-contacted_on": "15/01/2026",
        "c-contacted_by": "Bí thư chi bộ thôn",
        "c-agreement": "refused",
        "c-reason": "",
        TOKEN_FIELD: new_form_token(),
    }
    response = commune.post(url, data)
    assert response.status_code == 400 and "Lý do" in response.content.decode()
    data["c-reason"] = "Chưa đồng ý giá đền bù"
    data[TOKEN_FIELD] = new_form_token()
    assert commune.post(url, data).status_code == 302
    # The same form sent twice records one contact.
    commune.post(url, data)
    assert Contact.objects.count() == 1
    page = commune.get(f"/dan-chu/du-an/{project.public_id}/").content.decode()
    assert "Hoàng Văn Em" in page and "Chưa đồng ý giá đền bù" in page
    other = client_for(officer_b)
    assert other.get(f"/dan-chu/du-an/{project.public_id}/").status_code == 404
    assert other.get(url).status_code == 404


def test_a_commune_sees_only_its_own_households_of_a_shared_project(client_for, officer_a, commune_officer_a):
    from danvan.accounts.models import RoleAssignment, User

    neighbour = (
        OrgUnit.objects.filter(
            level="commune", parent__level="province", ancestor_links__ancestor__code="P24-TU", code__endswith="-DU"
        )
        .exclude(code="C7288-DU")
        .first()
    )
    project = road(officer_a, communes=[OrgUnit.objects.get(code="C7288-DU"), neighbour])
    services.household_add(
        actor=officer_a, project=project, base=commune_base(commune_officer_a), head_name="Nguyễn Văn An"
    )
    services.household_add(
        actor=officer_a,
        project=project,
        base=services.base_for_commune(actor=officer_a, unit=neighbour),
        head_name="Đỗ Thị Lan",
    )
    other = User.objects.create_user(username="xa.ben", password="x" * 12, full_name="Xã Bên")
    RoleAssignment.objects.create(user=other, unit=neighbour, role="officer")
    page = client_for(other).get(f"/dan-chu/du-an/{project.public_id}/").content.decode()
    assert "Đỗ Thị Lan" in page and "Nguyễn Văn An" not in page
    an = Household.objects.get(head_name="Nguyễn Văn An")
    assert client_for(other).get(f"/dan-chu/ho-dan/{an.public_id}/").status_code == 404


def _token() -> dict:
    return {TOKEN_FIELD: new_form_token()}


def _dialogue(actor, unit_code, place):
    from danvan.petitions.services.dialogues import dialogue_record

    return dialogue_record(
        actor=actor,
        unit=OrgUnit.objects.get(code=unit_code),
        held_on=dt.date(2026, 2, 10),
        place=place,
        leaders="Chủ tịch UBND",
        issues=[],
    )


def test_a_projects_petitions_and_dialogues_link_both_ways(client_for, officer_a, commune_officer_a, officer_b):
    project = road(officer_a)
    base = commune_base(commune_officer_a)
    household = services.household_add(actor=commune_officer_a, project=project, base=base, head_name="Phạm Văn Dũng")
    petition = receive(officer_a, unit_code="C7288-DU")
    services.household_update(
        actor=commune_officer_a, household=household, head_name="Phạm Văn Dũng", village=None, petitions=[petition]
    )
    ours = _dialogue(officer_a, "P24-TU", "Nhà văn hóa thôn Đồng Kỳ")
    theirs = _dialogue(officer_b, "P91-TU", "Hội trường xã Châu Phú")
    client = client_for(officer_a)
    url = f"/dan-chu/du-an/{project.public_id}/"

    # A dialogue of another province cannot be linked; nothing changes.
    client.post(url, {"form": "dialogues", "dialogues": [str(ours.pk), str(theirs.pk)], **_token()})
    assert list(project.dialogues.all()) == []
    client.post(url, {"form": "dialogues", "dialogues": [str(ours.pk)], **_token()})
    assert list(project.dialogues.all()) == [ours]
    assert AuditEvent.objects.filter(action=Action.PROJECT_DIALOGUES_LINKED).count() == 1

    # The project's page lists both; the petition's page and the dialogues' page lead back to the project.
    page = client.get(url).content.decode()
    assert petition.code in page and "Nhà văn hóa thôn Đồng Kỳ" in page
    page = client.get(f"/don-thu/{petition.code}/").content.decode()
    assert f"/dan-chu/du-an/{project.public_id}/" in page and "Phạm Văn Dũng" in page
    page = client.get("/don-thu/doi-thoai/").content.decode()
    assert f"/dan-chu/du-an/{project.public_id}/" in page
    # Someone who cannot read the project sees no link to it.
    page = client_for(officer_b).get("/don-thu/doi-thoai/").content.decode()
    assert f"/dan-chu/du-an/{project.public_id}/" not in page
