import datetime as dt

import pytest

from danvan.core.errors import ApplicationError
from danvan.organisations.models import OrgUnit
from danvan.petitions import services
from danvan.petitions.models import ConfidentialIdentity, Petition

from .factories import receive

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_transfer_to_a_unit_in_danvan_opens_a_linked_record_there(officer_a, commune_officer_a):
    p = receive(officer_a, is_over_level=True)
    commune = OrgUnit.objects.get(code="C7288-DU")
    transfer = services.petition_transfer(
        actor=officer_a, petition=p, on=D(2026, 3, 4), letter_number="25/CV-BDV", to_unit=commune
    )
    p.refresh_from_db()
    assert p.status == Petition.Status.TRANSFERRED and "25/CV-BDV" in p.result
    new = transfer.new_petition
    assert new.unit == commune and new.source == "chuyen_den" and new.transferred_from == p
    assert new.due_on == D(2026, 3, 16)  # 10 days from 04/03 end on Saturday 14/03
    assert new.petitioners.get().cccd == "024123456789"
    services.transfer_track(actor=officer_a, transfer=transfer, tracking="received", note="Đã nhận")
    transfer.refresh_from_db()
    assert transfer.tracking == "received"


def test_a_denunciation_transferred_keeps_its_denouncer_confidential(officer_a):
    p = receive(officer_a, category="to_cao")
    transfer = services.petition_transfer(
        actor=officer_a,
        petition=p,
        on=D(2026, 3, 4),
        letter_number="26/CV",
        to_unit=OrgUnit.objects.get(code="C7288-DU"),
    )
    assert ConfidentialIdentity.objects.filter(petition=transfer.new_petition).count() == 1
    assert not transfer.new_petition.petitioners.exists()


def test_a_transfer_outside_danvan_needs_the_body_name_and_a_letter_number(officer_a):
    p = receive(officer_a)
    with pytest.raises(ApplicationError) as exc:
        services.petition_transfer(actor=officer_a, petition=p, on=D(2026, 3, 4), letter_number="")
    assert exc.value.field == "letter_number"
    with pytest.raises(ApplicationError) as exc:
        services.petition_transfer(actor=officer_a, petition=p, on=D(2026, 3, 4), letter_number="1/CV")
    assert exc.value.field == "to_unit"
    t = services.petition_transfer(
        actor=officer_a, petition=p, on=D(2026, 3, 4), letter_number="1/CV", to_body_name="Tòa án nhân dân tỉnh"
    )
    assert t.new_petition is None and t.to_body_name == "Tòa án nhân dân tỉnh"


def test_a_petition_being_resolved_cannot_be_transferred(officer_a):
    p = receive(officer_a)
    services.petition_process(actor=officer_a, petition=p, on=D(2026, 3, 5))
    services.petition_accept(actor=officer_a, petition=p, on=D(2026, 3, 6))
    with pytest.raises(ApplicationError):
        services.petition_transfer(
            actor=officer_a, petition=p, on=D(2026, 3, 7), letter_number="1/CV", to_body_name="Tòa án"
        )
