"""Supervision plans of the Ban TTND and the Ban GSĐTCĐ: a yearly plan of items (content, time, target) from a row
editor; an item is locked once its result is recorded, and the result becomes the board's finding for the commune's
answer; items due show in the officer's inbox; everything audited, scoped and safe against a double submit."""

import datetime as dt

import pytest

from danvan.audit.models import AuditEvent
from danvan.core.errors import ApplicationError
from danvan.core.submissions import TOKEN_FIELD, new_form_token
from danvan.democracy import services
from danvan.democracy.models import Finding, SupervisionPlan, SupervisionPlanItem
from danvan.democracy.services import PlanRow
from danvan.democracy.tests.factories import commune_base

pytestmark = pytest.mark.django_db
YEAR = dt.date.today().year


def _board(actor):
    base = commune_base(actor)
    return services.board_create(actor=actor, base=base, kind="ttnd", term_start=dt.date(YEAR - 1, 1, 1))


def _rows():
    return [
        PlanRow("Giám sát việc thu, chi quỹ đóng góp làm đường", dt.date(YEAR, 3, 15), "UBND xã"),
        PlanRow("Giám sát việc bình xét hộ nghèo", dt.date(YEAR, 9, 30), "Thôn Đồng"),
    ]


def _plan(actor, board=None):
    board = board or _board(actor)
    return services.supervision_plan_create(
        actor=actor, board=board, year=YEAR, title="", rows=_rows(), today=dt.date(YEAR, 1, 5)
    )


def _editor(rows):
    """The row editor's post: one list per column."""
    return {
        "items__content": [r[0] for r in rows],
        "items__due_on": [r[1] for r in rows],
        "items__target": [r[2] for r in rows],
    }


def test_a_board_draws_up_its_yearly_plan_through_the_row_editor(client_for, commune_officer_a):
    board = _board(commune_officer_a)
    client = client_for(commune_officer_a)
    url = f"/dan-chu/ban/{board.public_id}/ke-hoach/moi/"
    page = client.get(url)
    assert page.status_code == 200 and 'name="items__due_on"' in page.content.decode()
    data = {
        "year": str(YEAR),
        "title": "",
        **_editor(
            [
                ("Giám sát quỹ làm đường", f"15/03/{YEAR}", "UBND xã"),
                ("Giám sát hộ nghèo", f"30/09/{YEAR}", "Thôn Đồng"),
            ]
        ),
        TOKEN_FIELD: new_form_token(),
    }
    first = client.post(url, data)
    assert first.status_code == 302
    plan = SupervisionPlan.objects.get()
    assert first["Location"] == f"/dan-chu/ke-hoach-giam-sat/{plan.public_id}/"
    assert plan.title == f"Kế hoạch giám sát năm {YEAR}"
    assert [(i.number, i.target) for i in plan.items.order_by("number")] == [(1, "UBND xã"), (2, "Thôn Đồng")]
    # Sent twice (a double click): one plan.
    second = client.post(url, data)
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert SupervisionPlan.objects.count() == 1
    event = AuditEvent.objects.get(action="democracy.supervision_plan_created")
    assert len(event.after["items"]) == 2
    board_page = client.get(f"/dan-chu/ban/{board.public_id}/").content.decode()
    assert plan.title in board_page


def test_a_bad_line_is_refused_naming_the_line_and_nothing_is_written(client_for, commune_officer_a):
    board = _board(commune_officer_a)
    client = client_for(commune_officer_a)
    url = f"/dan-chu/ban/{board.public_id}/ke-hoach/moi/"
    bad_date = {"year": str(YEAR), **_editor([("Giám sát quỹ", "31/02/2026", "UBND xã")])}
    page = client.post(url, bad_date)
    assert page.status_code == 200 and "31/02/2026" in page.content.decode()
    wrong_year = {"year": str(YEAR), **_editor([("A", f"15/03/{YEAR}", "UBND xã"), ("B", f"01/01/{YEAR + 1}", "X")])}
    page = client.post(url, wrong_year)
    assert page.status_code == 200 and "dòng 2" in page.content.decode()
    no_target = {"year": str(YEAR), **_editor([("A", f"15/03/{YEAR}", "")])}
    assert "đối tượng giám sát" in client.post(url, no_target).content.decode()
    assert not SupervisionPlan.objects.exists() and not SupervisionPlanItem.objects.exists()


def test_one_plan_per_board_and_year(commune_officer_a):
    plan = _plan(commune_officer_a)
    with pytest.raises(ApplicationError) as exc:
        _plan(commune_officer_a, board=plan.board)
    assert exc.value.field == "year" and str(YEAR) in exc.value.message


def test_recording_a_result_locks_the_item_and_files_a_finding(client_for, commune_officer_a):
    plan = _plan(commune_officer_a)
    item = plan.items.get(number=1)
    client = client_for(commune_officer_a)
    url = f"/dan-chu/muc-giam-sat/{item.public_id}/ket-qua/"
    data = {
        "result_on": dt.date.today().strftime("%d/%m/%Y"),
        "findings": "Thu đúng, chi chưa có chứng từ 2 khoản.",
        "recommendations": "Đề nghị bổ sung chứng từ.",
        TOKEN_FIELD: new_form_token(),
    }
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"].endswith(f"#item-{item.public_id}")
    item.refresh_from_db()
    assert item.is_locked and item.finding.recommendation == "Đề nghị bổ sung chứng từ."
    assert Finding.objects.get().board == plan.board
    assert AuditEvent.objects.filter(action="democracy.supervision_result").count() == 1
    # Recorded again with a new token: refused, nothing changes.
    again = client.post(url, {**data, "findings": "Khác", TOKEN_FIELD: new_form_token()})
    assert again.status_code == 302
    item.refresh_from_db()
    assert item.findings.startswith("Thu đúng") and Finding.objects.count() == 1
    # The commune answers the finding as any other.
    services.finding_answer(
        actor=commune_officer_a,
        finding=item.finding,
        answer="Đã bổ sung.",
        answered_on=dt.date.today(),
        is_resolved=True,
    )
    page = client.get(f"/dan-chu/ke-hoach-giam-sat/{plan.public_id}/").content.decode()
    assert "Đã bổ sung." in page


def test_a_correction_keeps_locked_items_and_replaces_the_open_ones(commune_officer_a):
    plan = _plan(commune_officer_a)
    first = plan.items.get(number=1)
    services.supervision_result_record(
        actor=commune_officer_a, item=first, result_on=dt.date.today(), findings="Đúng quy định."
    )
    services.supervision_plan_update(
        actor=commune_officer_a,
        plan=plan,
        title="Kế hoạch giám sát (điều chỉnh)",
        rows=[PlanRow("Giám sát công trình nhà văn hóa", dt.date(YEAR, 11, 1), "Ban quản lý dự án xã")],
    )
    items = list(plan.items.order_by("number"))
    assert [(i.number, i.content) for i in items] == [
        (1, "Giám sát việc thu, chi quỹ đóng góp làm đường"),
        (2, "Giám sát công trình nhà văn hóa"),
    ]
    assert items[0].pk == first.pk and items[0].is_locked
    event = AuditEvent.objects.get(action="democracy.supervision_plan_updated")
    assert len(event.after["items_before"]) == 2 and len(event.after["items"]) == 2
    assert event.before["title"] != event.after["title"]


def test_the_plan_is_scoped_to_the_commune(client_for, commune_officer_a, officer_b, officer_a):
    plan = _plan(commune_officer_a)
    item = plan.items.first()
    assert client_for(officer_b).get(f"/dan-chu/ke-hoach-giam-sat/{plan.public_id}/").status_code == 404
    response = client_for(officer_b).post(
        f"/dan-chu/muc-giam-sat/{item.public_id}/ket-qua/",
        {"result_on": "01/01/2026", "findings": "x", TOKEN_FIELD: new_form_token()},
    )
    assert response.status_code == 404
    with pytest.raises(ApplicationError):
        services.supervision_plan_update(actor=officer_b, plan=plan, title="x", rows=[])
    # The province reads it.
    assert client_for(officer_a).get(f"/dan-chu/ke-hoach-giam-sat/{plan.public_id}/").status_code == 200


def test_items_due_show_in_the_commune_officers_inbox(client_for, commune_officer_a, officer_a):
    from danvan.core.inbox import inbox_for_user

    plan = _plan(commune_officer_a)
    due = dt.date(YEAR, 3, 15)
    section = next(
        s
        for s in inbox_for_user(user=commune_officer_a, today=due - dt.timedelta(days=3)).sections
        if s.key == "supervision_plans"
    )
    assert section.total == 1 and "thu, chi quỹ" in section.items[0].title
    assert section.items[0].link.endswith(f"#item-{plan.items.get(number=1).public_id}")
    late = next(
        s
        for s in inbox_for_user(user=commune_officer_a, today=dt.date(YEAR, 10, 5)).sections
        if s.key == "supervision_plans"
    )
    assert late.total == 2 and all(i.overdue for i in late.items)
    # Recorded: gone from the inbox. The province's officer is not flooded with every commune's items.
    services.supervision_result_record(
        actor=commune_officer_a, item=plan.items.get(number=1), result_on=dt.date.today(), findings="Đúng."
    )
    after = next(
        s
        for s in inbox_for_user(user=commune_officer_a, today=dt.date(YEAR, 10, 5)).sections
        if s.key == "supervision_plans"
    )
    assert after.total == 1
    province = next(
        s for s in inbox_for_user(user=officer_a, today=dt.date(YEAR, 10, 5)).sections if s.key == "supervision_plans"
    )
    assert province.total == 0
