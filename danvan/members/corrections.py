"""Corrections after the fact (issue 12; docs/decisions/0053): a membership's role, branch and dates; a branch's
name and place, and its retirement; a province's association's fields, and its retirement.

Every one locks its row, checks the version the page was opened with (core.locking), writes the values before and
after to the audit log, and — when a person's current memberships change (a date left set or cleared, members of a
retired body ended) — applies the difference to the maintained counts in the same transaction, like services.py.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.errors import ApplicationError
from danvan.core.locking import bump, check_version
from danvan.core.text import fold
from danvan.members.models import Branch, Membership, Organisation
from danvan.members.permissions import can_manage_branch
from danvan.members.rules import eligibility_problem
from danvan.members.services import FORBIDDEN, standings
from danvan.members.tally import branch_counts_apply, difference, tally_apply
from danvan.organisations.models import OrgUnit


def _membership_state(m: Membership) -> dict:
    return {
        "branch": f"{m.branch.code} {m.branch.name}",
        "role": m.role,
        "joined_on": m.joined_on.isoformat() if m.joined_on else None,
        "left_on": m.left_on.isoformat() if m.left_on else None,
    }


def _apply_people_delta(person_ids, change) -> None:
    """Run `change()` and move the maintained counts by the difference it made to these people's standing."""
    person_ids = list(set(person_ids))
    before = standings(person_ids)
    change()
    after = standings(person_ids)
    for person_id in person_ids:
        tally_apply(difference(before.get(person_id), after.get(person_id)))


def membership_update(
    *,
    actor,
    membership: Membership,
    expected_version,
    role: str,
    branch: Branch,
    joined_on: dt.date | None,
    left_on: dt.date | None,
) -> Membership:
    """Correct a membership: role (chi hội trưởng …), the branch it belongs to (another branch of the same
    organisation that the officer also manages), the dates joined and left. Clearing the date left makes the
    membership current again (the counts take the person back)."""
    if not can_manage_branch(actor, membership.branch):
        raise ApplicationError(FORBIDDEN, field="branch", code="forbidden")
    role = " ".join((role or "").split())
    if len(role) > 64:
        raise ApplicationError("Chức danh: tối đa 64 ký tự.", field="role")
    today = timezone.localdate()
    if branch.pk != membership.branch_id:
        if branch.organisation_id != membership.organisation_id:
            raise ApplicationError(
                f"Chi hội: hãy chọn một chi hội của {membership.organisation.short_name}.", field="branch"
            )
        if not can_manage_branch(actor, branch):
            raise ApplicationError(FORBIDDEN, field="branch", code="forbidden")
        if branch.retired_on is not None:
            raise ApplicationError(
                f"Chi hội: {branch.name} đã giải thể ngày {branch.retired_on:%d/%m/%Y}; hãy chọn chi hội khác.",
                field="branch",
            )
    if joined_on and joined_on > today:
        raise ApplicationError("Ngày vào: sau ngày hôm nay; kiểm tra lại ngày vào.", field="joined_on")
    if left_on and left_on > today:
        raise ApplicationError("Ngày ra: sau ngày hôm nay; để trống nếu người này vẫn sinh hoạt.", field="left_on")
    if joined_on and left_on and left_on < joined_on:
        raise ApplicationError("Ngày ra: trước ngày vào; kiểm tra lại hai ngày.", field="left_on")
    with transaction.atomic():
        locked = (
            Membership.objects.select_for_update(of=("self",))
            .select_related("branch", "organisation", "person")
            .get(pk=membership.pk)
        )
        check_version(locked, expected_version, what="Quá trình sinh hoạt này")
        if joined_on and joined_on != locked.joined_on:
            person = locked.person
            if problem := eligibility_problem(locked.organisation, birth_date=person.birth_date, sex="", on=joined_on):
                raise ApplicationError(f"Ngày vào: {problem}", field="joined_on")
        if (
            left_on is None
            and locked.left_on is not None
            and Membership.objects.filter(
                person_id=locked.person_id, organisation_id=locked.organisation_id, left_on__isnull=True
            )
            .exclude(pk=locked.pk)
            .exists()
        ):
            raise ApplicationError(
                f"Ngày ra: người này đang sinh hoạt ở một chi hội khác của {locked.organisation.short_name}; "
                "không thể bỏ trống ngày ra ở đây. Hãy sửa quá trình sinh hoạt hiện tại.",
                field="left_on",
            )
        before_state = _membership_state(locked)
        old_owner_id = locked.branch.owner_id

        def change():
            locked.role, locked.joined_on, locked.left_on, locked.branch = role, joined_on, left_on, branch
            bump(locked)
            locked.save(update_fields=["role", "joined_on", "left_on", "branch", "version"])

        _apply_people_delta([locked.person_id], change)
        after_state = _membership_state(locked)
        if after_state != before_state:
            audit_record(
                actor=actor,
                action=Action.MEMBERSHIP_CORRECTED,
                unit=branch.owner,
                target=locked.person,
                before=before_state,
                after=after_state,
                details={"membership": locked.pk, "organisation": locked.organisation.code}
                | ({"moved_from_unit": old_owner_id} if old_owner_id != branch.owner_id else {}),
            )
    return locked


def branch_update(*, actor, branch: Branch, expected_version, name: str, place: OrgUnit | None) -> Branch:
    """Rename a branch or correct the thôn / tổ dân phố it meets in (of the same commune: the counts do not move)."""
    from danvan.members.services import commune_of

    if not can_manage_branch(actor, branch):
        raise ApplicationError(FORBIDDEN, field="branch", code="forbidden")
    name = " ".join((name or "").split())
    if not name:
        raise ApplicationError("Tên chi hội: bắt buộc, hãy nhập tên.", field="name")
    if len(name) > 255:
        raise ApplicationError("Tên chi hội: tối đa 255 ký tự.", field="name")
    if place is not None and commune_of(place) != branch.commune:
        raise ApplicationError(
            f"Thôn, tổ dân phố: hãy chọn một thôn, tổ dân phố của {branch.commune.name}.", field="place"
        )
    with transaction.atomic():
        locked = Branch.objects.select_for_update(of=("self",)).select_related("place", "owner").get(pk=branch.pk)
        check_version(locked, expected_version, what="Chi hội này")
        if (
            Branch.objects.filter(
                owner_id=locked.owner_id, organisation_id=locked.organisation_id, name_folded=fold(name)
            )
            .exclude(pk=locked.pk)
            .exists()
        ):
            raise ApplicationError(
                f"Tên chi hội: “{name}” đã có trong {locked.owner.name}; hãy chọn tên khác.", field="name"
            )
        before = {"name": locked.name, "place": locked.place.name if locked.place else ""}
        locked.name, locked.name_folded, locked.place = name, fold(name), place
        bump(locked)
        locked.save(update_fields=["name", "name_folded", "place", "version"])
        after = {"name": locked.name, "place": place.name if place else ""}
        if after != before:
            audit_record(
                actor=actor,
                action=Action.MEMBER_BRANCH_CORRECTED,
                unit=locked.owner,
                target=locked,
                before=before,
                after=after,
            )
    return locked


def _end_current(memberships, left_on: dt.date) -> int:
    """End the current memberships of the queryset on `left_on` (not before each one's date joined); counts moved."""
    rows = list(
        memberships.filter(left_on__isnull=True).select_for_update().values_list("pk", "person_id", "joined_on")
    )
    if not rows:
        return 0

    def change():
        for pk, _person, joined in rows:
            Membership.objects.filter(pk=pk).update(left_on=max(left_on, joined or left_on))

    _apply_people_delta([person for _pk, person, _j in rows], change)
    return len(rows)


def branch_retire(
    *, actor, branch: Branch, expected_version, target: Branch | None = None, left_on: dt.date | None = None
) -> dict:
    """Retire a branch (giải thể, sáp nhập): its current members move to `target` (another branch of the same
    organisation the officer manages; their dates and roles kept) or leave the organisation on `left_on`.
    Refused, with what to choose, while it has current members and neither is given. Returns {"moved", "ended"}."""
    if not can_manage_branch(actor, branch):
        raise ApplicationError(FORBIDDEN, field="branch", code="forbidden")
    today = timezone.localdate()
    if target is not None:
        if target.pk == branch.pk or target.organisation_id != branch.organisation_id:
            raise ApplicationError(
                f"Chi hội nhận hội viên: hãy chọn một chi hội khác của {branch.organisation.short_name}.",
                field="target",
            )
        if target.retired_on is not None or not can_manage_branch(actor, target):
            raise ApplicationError(
                "Chi hội nhận hội viên: hãy chọn một chi hội đang hoạt động mà đồng chí phụ trách.", field="target"
            )
    if left_on is not None and left_on > today:
        raise ApplicationError("Ngày ra: sau ngày hôm nay; hãy chọn ngày giải thể đã qua.", field="left_on")
    with transaction.atomic():
        locked = Branch.objects.select_for_update(of=("self",)).select_related("owner").get(pk=branch.pk)
        check_version(locked, expected_version, what="Chi hội này")
        if locked.retired_on is not None:
            raise ApplicationError(
                f"Chi hội: {locked.name} đã giải thể ngày {locked.retired_on:%d/%m/%Y}.", field="branch"
            )
        current = Membership.objects.filter(branch=locked, left_on__isnull=True)
        active = current.count()
        if active and target is None and left_on is None:
            raise ApplicationError(
                f"Chi hội nhận hội viên: {locked.name} còn {active} hội viên đang sinh hoạt; hãy chọn chi hội nhận "
                "họ, hoặc ghi ngày họ ra khỏi tổ chức, rồi bấm giải thể lần nữa.",
                field="target",
            )
        moved = ended = 0
        if target is not None:
            # The person's standing (organisations, commune) does not change: the statistics stay as they are,
            # the two branches' counts of members move.
            moved = current.update(branch=target)
            branch_counts_apply({locked.pk: -moved, target.pk: moved})
        elif active:
            ended = _end_current(current, left_on)
        locked.retired_on = today
        bump(locked)
        locked.save(update_fields=["retired_on", "version"])
        audit_record(
            actor=actor,
            action=Action.MEMBER_BRANCH_RETIRED,
            unit=locked.owner,
            target=locked,
            before={"retired_on": None},
            after={"retired_on": today.isoformat()},
            details={"moved": moved, "ended": ended}
            | ({"target": target.code} if target else {})
            | ({"left_on": left_on.isoformat()} if ended else {}),
        )
    return {"moved": moved, "ended": ended}


ORGANISATION_FIELDS = ["name", "short_name", "min_age", "max_age", "branch_word"]


def can_correct_organisation(user, organisation: Organisation) -> bool:
    """A province's association is its Ban's to correct or retire (an editor of the province's Party committee);
    the five are national and are not edited here."""
    from danvan.accounts.permissions import can_edit_unit

    return organisation.province_id is not None and can_edit_unit(user, organisation.province)


def organisation_update(*, actor, organisation: Organisation, expected_version, **changes) -> Organisation:
    """Correct a province's association: its name, short name, age limits, what its branches are called. New
    limits apply to members added from now on; nobody already a member is removed by them."""
    if not can_correct_organisation(actor, organisation):
        raise ApplicationError("Hội: hãy chọn hội của tỉnh mà đồng chí phụ trách.", field="name", code="forbidden")
    changes = {k: v for k, v in changes.items() if k in ORGANISATION_FIELDS}
    name = " ".join((changes.get("name", organisation.name) or "").split())
    short_name = " ".join((changes.get("short_name", organisation.short_name) or "").split()) or name
    branch_word = " ".join((changes.get("branch_word", organisation.branch_word) or "").split()) or "chi hội"
    min_age, max_age = changes.get("min_age", organisation.min_age), changes.get("max_age", organisation.max_age)
    if not name:
        raise ApplicationError("Tên hội: bắt buộc, hãy nhập tên.", field="name")
    if len(name) > 255 or len(short_name) > 64:
        raise ApplicationError("Tên hội: tối đa 255 ký tự, tên ngắn tối đa 64 ký tự.", field="name")
    if min_age is not None and max_age is not None and min_age > max_age:
        raise ApplicationError("Tuổi tối đa: phải lớn hơn tuổi tối thiểu.", field="max_age")
    if len(branch_word) > 32:
        raise ApplicationError("Tên gọi chi hội: tối đa 32 ký tự.", field="branch_word")
    with transaction.atomic():
        locked = Organisation.objects.select_for_update(of=("self",)).select_related("province").get(pk=organisation.pk)
        check_version(locked, expected_version, what="Hội này")
        if any(
            fold(n) == fold(name)
            for n in Organisation.objects.filter(province_id=locked.province_id)
            .exclude(pk=locked.pk)
            .values_list("name", flat=True)
        ):
            raise ApplicationError(f"Tên hội: “{name}” đã có ở {locked.province.name}.", field="name")
        before = {f: getattr(locked, f) for f in ORGANISATION_FIELDS}
        locked.name, locked.short_name, locked.branch_word = name, short_name, branch_word
        locked.min_age, locked.max_age = min_age, max_age
        bump(locked)
        locked.save(update_fields=[*ORGANISATION_FIELDS, "version"])
        after = {f: getattr(locked, f) for f in ORGANISATION_FIELDS}
        if after != before:
            audit_record(
                actor=actor,
                action=Action.MEMBER_ORGANISATION_CORRECTED,
                unit=locked.province,
                target=locked,
                before=before,
                after=after,
            )
    return locked


def organisation_retire(*, actor, organisation: Organisation, expected_version, left_on: dt.date | None = None) -> dict:
    """Retire a province's association (it stops, or merges into another): its branches are retired and its current
    members leave it on `left_on` (their other organisations unchanged: a person stays counted once while in one).
    Refused, naming the number of members, while it has current members and no date is given."""
    if not can_correct_organisation(actor, organisation):
        raise ApplicationError("Hội: hãy chọn hội của tỉnh mà đồng chí phụ trách.", field="name", code="forbidden")
    today = timezone.localdate()
    if left_on is not None and left_on > today:
        raise ApplicationError("Ngày ra: sau ngày hôm nay; hãy chọn ngày đã qua.", field="left_on")
    with transaction.atomic():
        locked = Organisation.objects.select_for_update(of=("self",)).select_related("province").get(pk=organisation.pk)
        check_version(locked, expected_version, what="Hội này")
        if not locked.is_active:
            raise ApplicationError(f"Hội: {locked.name} đã thôi hoạt động.", field="name")
        current = Membership.objects.filter(organisation=locked, left_on__isnull=True)
        active = current.count()
        if active and left_on is None:
            raise ApplicationError(
                f"Ngày ra: {locked.name} còn {active} hội viên đang sinh hoạt; hãy ghi ngày họ ra khỏi hội (họ vẫn "
                "là hội viên của các tổ chức khác), rồi bấm thôi hoạt động lần nữa.",
                field="left_on",
            )
        ended = _end_current(current, left_on) if active else 0
        branches = Branch.objects.filter(organisation=locked, retired_on__isnull=True).update(retired_on=today)
        locked.is_active = False
        bump(locked)
        locked.save(update_fields=["is_active", "version"])
        audit_record(
            actor=actor,
            action=Action.MEMBER_ORGANISATION_RETIRED,
            unit=locked.province,
            target=locked,
            before={"is_active": True},
            after={"is_active": False},
            details={"ended": ended, "branches": branches} | ({"left_on": left_on.isoformat()} if ended else {}),
        )
    return {"ended": ended, "branches": branches}
