import datetime as dt

import pytest

from danvan.audit.models import AuditEvent
from danvan.core.errors import ApplicationError
from danvan.petitions import services
from danvan.petitions.models import Petition

from .factories import receive

pytestmark = pytest.mark.django_db
D = dt.date
S = Petition.Status


def test_a_complaint_goes_through_every_step_with_the_deadline_of_the_next(officer_a):
    p = receive(officer_a)
    p = services.petition_process(actor=officer_a, petition=p, on=D(2026, 3, 5))
    # Thụ lý within 10 days of receipt (Điều 27).
    assert (p.status, p.current_step, p.due_on) == (S.PROCESSED, "thu_ly_lan_1", D(2026, 3, 12))
    p = services.petition_accept(actor=officer_a, petition=p, on=D(2026, 3, 10))
    assert (p.status, p.current_step, p.due_on) == (S.ACCEPTED, "giai_quyet_lan_1", D(2026, 4, 9))
    p = services.petition_start_resolving(actor=officer_a, petition=p, on=D(2026, 3, 11))
    assert p.status == S.RESOLVING and p.due_on == D(2026, 4, 9)
    p = services.petition_extend(actor=officer_a, petition=p, on=D(2026, 4, 1), reason="Vụ việc phức tạp")
    assert p.due_on == D(2026, 4, 24) and p.extensions == 1
    with pytest.raises(ApplicationError) as exc:
        services.petition_extend(actor=officer_a, petition=p, on=D(2026, 4, 2), reason="Thêm lần nữa")
    assert exc.value.field == "extensions"
    p = services.petition_decide(actor=officer_a, petition=p, on=D(2026, 4, 20), decision_number="15/QĐ-UBND")
    assert (p.status, p.current_step, p.due_on) == (S.DECISION, "hieu_luc_qd_lan_1", D(2026, 5, 20))
    p = services.petition_enforce(actor=officer_a, petition=p, on=D(2026, 5, 21))
    assert p.status == S.ENFORCEMENT and p.due_on is None
    p = services.petition_close(
        actor=officer_a, petition=p, on=D(2026, 6, 1), outcome=S.RESOLVED, result="Đã thi hành quyết định"
    )
    assert (p.status, p.closed_on) == (S.RESOLVED, D(2026, 6, 1))
    assert [e.status_to for e in p.events.all()] == [
        "received",
        "processed",
        "accepted",
        "resolving",
        "resolving",
        "decision",
        "enforcement",
        "resolved",
    ]
    assert AuditEvent.objects.filter(target_id=p.code).count() == 8


def test_a_very_complex_denunciation_can_be_extended_twice(officer_a):
    p = receive(officer_a, category="to_cao")
    p = services.petition_process(actor=officer_a, petition=p, on=D(2026, 3, 5))
    assert p.due_on == D(2026, 3, 11)  # still the 7 working days of xử lý ban đầu
    p = services.petition_accept(actor=officer_a, petition=p, on=D(2026, 3, 10))
    assert p.due_on == D(2026, 4, 9)
    p = services.petition_extend(actor=officer_a, petition=p, on=D(2026, 4, 1), reason="Phức tạp")
    assert p.due_on == D(2026, 5, 11)  # 60 days end on Saturday 09/05
    p = services.petition_extend(actor=officer_a, petition=p, on=D(2026, 5, 1), reason="Đặc biệt phức tạp")
    assert p.due_on == D(2026, 6, 8)
    p = services.petition_decide(actor=officer_a, petition=p, on=D(2026, 6, 1), decision_number="KL 03")
    assert p.due_on is None


def test_a_remote_complaint_uses_the_remote_limit(officer_a):
    p = receive(officer_a, is_remote_area=True)
    services.petition_process(actor=officer_a, petition=p, on=D(2026, 3, 5))
    p = services.petition_accept(actor=officer_a, petition=p, on=D(2026, 3, 10))
    assert p.due_on == D(2026, 4, 24)  # 45 days


def test_closing_without_a_result_is_refused(officer_a):
    p = receive(officer_a)
    with pytest.raises(ApplicationError) as exc:
        services.petition_close(actor=officer_a, petition=p, on=D(2026, 3, 3), outcome=S.CLOSED_UNRESOLVED, result=" ")
    assert exc.value.field == "result"
    p.refresh_from_db()
    assert p.status == S.RECEIVED


def test_a_petition_cannot_be_resolved_before_it_is_processed(officer_a):
    p = receive(officer_a)
    with pytest.raises(ApplicationError) as exc:
        services.petition_close(actor=officer_a, petition=p, on=D(2026, 3, 3), outcome=S.RESOLVED, result="Xong")
    assert exc.value.code == "bad_state"


def test_an_ineligible_petition_is_not_accepted_but_can_be_closed_unresolved(officer_a):
    p = receive(officer_a, is_ineligible=True)
    p = services.petition_process(actor=officer_a, petition=p, on=D(2026, 3, 5))
    with pytest.raises(ApplicationError):
        services.petition_accept(actor=officer_a, petition=p, on=D(2026, 3, 6))
    p = services.petition_close(
        actor=officer_a, petition=p, on=D(2026, 3, 6), outcome=S.CLOSED_UNRESOLVED, result="Lưu đơn: không đủ điều kiện"
    )
    assert p.status == S.CLOSED_UNRESOLVED


def test_a_withdrawal_needs_a_reason(officer_a):
    p = receive(officer_a)
    with pytest.raises(ApplicationError):
        services.petition_withdraw(actor=officer_a, petition=p, on=D(2026, 3, 3), reason="")
    p = services.petition_withdraw(actor=officer_a, petition=p, on=D(2026, 3, 3), reason="Đơn rút ngày 03/03")
    assert p.status == S.WITHDRAWN and not p.is_open


def test_a_proposal_has_no_statutory_limit_after_processing(officer_a):
    p = receive(officer_a, category="kien_nghi")
    p = services.petition_process(actor=officer_a, petition=p, on=D(2026, 3, 5))
    assert p.due_on is None and p.current_step == ""


def test_dates_before_receipt_are_refused(officer_a):
    p = receive(officer_a)
    with pytest.raises(ApplicationError) as exc:
        services.petition_process(actor=officer_a, petition=p, on=D(2026, 2, 1))
    assert exc.value.field == "on"


def test_someone_outside_the_unit_cannot_move_it(officer_a, officer_b):
    p = receive(officer_a)
    with pytest.raises(ApplicationError) as exc:
        services.petition_process(actor=officer_b, petition=p, on=D(2026, 3, 5))
    assert exc.value.code == "forbidden"
