"""Every write of the members app: one transaction, one audit event, the maintained counts kept in step."""

import datetime as dt
import uuid

from django.db import transaction
from django.utils import timezone

from danvan.audit.models import Action
from danvan.audit.services import audit_record, snapshot
from danvan.core.errors import ApplicationError
from danvan.core.locking import bump, check_version
from danvan.core.text import fold
from danvan.members.models import Branch, Membership, Organisation, Person
from danvan.members.permissions import can_create_branch, can_manage_branch
from danvan.members.rules import RETIRED, cccd_problem, eligibility_problem
from danvan.members.tally import Standing, difference, roster_keys, tally_apply
from danvan.organisations.models import AdminUnit, OrgUnit, OrgUnitClosure

FORBIDDEN = "Chi hội này không thuộc tổ chức mà đồng chí phụ trách; hãy chọn chi hội của tổ chức mình."


def commune_of(unit: OrgUnit) -> AdminUnit | None:
    """The current commune a unit sits in (a thôn's admin unit is its commune's), or None above commune level."""
    admin = unit.admin_unit
    if admin is None or admin.level != AdminUnit.Level.COMMUNE or not admin.is_current:
        return None
    return admin


def standings(person_ids) -> dict[int, Standing]:
    """The counted standing of each person (their current organisations, commune, sex, year of birth): two queries."""
    people = Person.objects.filter(pk__in=list(person_ids)).select_related("commune")
    orgs: dict[int, set[str]] = {}
    branches: dict[int, set[int]] = {}
    for person_id, code, branch_id in Membership.objects.filter(
        person_id__in=list(person_ids), left_on__isnull=True
    ).values_list("person_id", "organisation__code", "branch_id"):
        orgs.setdefault(person_id, set()).add(code)
        branches.setdefault(person_id, set()).add(branch_id)
    province_codes = dict(
        AdminUnit.objects.filter(pk__in={p.commune.parent_id for p in people}).values_list("pk", "code")
    )
    return {
        p.pk: Standing(
            commune_code=p.commune.code,
            province_code=province_codes.get(p.commune.parent_id, ""),
            sex=p.sex,
            birth_year=p.birth_date.year,
            organisations=frozenset(orgs.get(p.pk, ())),
            ethnicity=p.ethnicity,
            religion=p.religion,
            occupation=p.occupation,
            branches=frozenset(branches.get(p.pk, ())),
        )
        for p in people
    }


def branch_create(
    *, actor, organisation: Organisation, owner: OrgUnit, name: str, place: OrgUnit | None = None
) -> Branch:
    """Open a branch (chi hội, chi đoàn, công đoàn cơ sở) of `organisation` under its body `owner`."""
    name = " ".join((name or "").split())
    if not name:
        raise ApplicationError(
            "Tên chi hội: bắt buộc, hãy nhập tên (ví dụ: Chi hội Nông dân thôn Đồng Tâm).", field="name"
        )
    if len(name) > 255:
        raise ApplicationError("Tên chi hội: tối đa 255 ký tự.", field="name")
    if (
        organisation.province_id
        and not OrgUnitClosure.objects.filter(ancestor_id=organisation.province_id, descendant=owner).exists()
    ):
        raise ApplicationError(
            f"Thuộc: {organisation.short_name} là hội của {organisation.province.name}; hãy chọn đơn vị trong tỉnh đó.",
            field="owner",
        )
    if organisation.unit_kind and owner.kind != organisation.unit_kind:
        raise ApplicationError(
            f"Thuộc: hãy chọn một cơ quan của {organisation.short_name} (ví dụ {organisation.short_name} xã).",
            field="owner",
        )
    if not can_create_branch(actor, owner):
        raise ApplicationError(
            "Thuộc: đơn vị này nằm ngoài phạm vi tổ chức đồng chí phụ trách; hãy chọn đơn vị của mình.", field="owner"
        )
    commune = commune_of(place or owner) or commune_of(owner)
    if commune is None:
        raise ApplicationError(
            "Thuộc: chi hội phải thuộc một cơ quan cấp xã (hoặc một thôn, tổ dân phố); hãy chọn cơ quan cấp xã.",
            field="owner",
        )
    if place is not None and commune_of(place) != commune_of(owner):
        raise ApplicationError("Thôn, tổ dân phố: hãy chọn một thôn, tổ dân phố của xã đó.", field="place")
    with transaction.atomic():
        if Branch.objects.filter(owner=owner, organisation=organisation, name_folded=fold(name)).exists():
            raise ApplicationError(f"Tên chi hội: “{name}” đã có trong {owner.name}; hãy chọn tên khác.", field="name")
        branch = Branch.objects.create(
            code=f"CH-{uuid.uuid4().hex[:10].upper()}",
            organisation=organisation,
            owner=owner,
            place=place,
            commune=commune,
            name=name,
            name_folded=fold(name),
        )
        audit_record(actor=actor, action=Action.MEMBER_BRANCH_CREATED, unit=owner, target=branch)
    return branch


def organisation_add(
    *,
    actor,
    province: OrgUnit,
    name: str,
    short_name: str = "",
    min_age: int | None = None,
    max_age: int | None = None,
    branch_word: str = "chi hội",
    sex_only: str = "",
) -> Organisation:
    """Add an association of `province` (Hội Người cao tuổi, Hội Chữ thập đỏ, …): counted like the five, with its
    own age limits. Its branches sit under any body of the province (usually the Front's)."""
    from danvan.accounts.permissions import can_edit_unit

    name = " ".join((name or "").split())
    short_name = " ".join((short_name or "").split()) or name
    if province.level != OrgUnit.Level.PROVINCE or not can_edit_unit(actor, province):
        raise ApplicationError("Tỉnh: hãy chọn tỉnh mà đồng chí phụ trách.", field="province", code="forbidden")
    if not name:
        raise ApplicationError("Tên hội: bắt buộc, hãy nhập tên.", field="name")
    if len(name) > 255 or len(short_name) > 64:
        raise ApplicationError("Tên hội: tối đa 255 ký tự, tên ngắn tối đa 64 ký tự.", field="name")
    if min_age is not None and max_age is not None and min_age > max_age:
        raise ApplicationError("Tuổi tối đa: phải lớn hơn tuổi tối thiểu.", field="max_age")
    if sex_only not in {"", "M", "F"}:
        raise ApplicationError("Chỉ nhận: hãy chọn “Cả nam và nữ”, “Chỉ nữ” hoặc “Chỉ nam”.", field="sex_only")
    branch_word = " ".join((branch_word or "").split()) or "chi hội"
    if len(branch_word) > 32:
        raise ApplicationError("Tên gọi chi hội: tối đa 32 ký tự.", field="branch_word")
    with transaction.atomic():
        if any(
            fold(n) == fold(name) for n in Organisation.objects.filter(province=province).values_list("name", flat=True)
        ):
            raise ApplicationError(f"Tên hội: “{name}” đã có ở {province.name}.", field="name")
        organisation = Organisation.objects.create(
            code=f"A-{uuid.uuid4().hex[:8].upper()}",
            name=name,
            short_name=short_name,
            province=province,
            min_age=min_age,
            max_age=max_age,
            branch_word=branch_word,
            sex_only=sex_only,
            sort_order=200,
        )
        audit_record(actor=actor, action=Action.MEMBER_ORGANISATION_ADDED, unit=province, target=organisation)
    return organisation


def member_add(
    *,
    actor,
    branch: Branch,
    full_name: str,
    birth_date: dt.date,
    sex: str,
    cccd: str = "",
    ethnicity: str = "",
    religion: str = "",
    occupation: str = "",
    village_name: str = "",
    joined_on: dt.date | None = None,
    role: str = "",
    person: Person | None = None,
) -> Membership:
    """Add one member to `branch`: the existing `person` (or the one with this CCCD), else a new person."""
    if not can_manage_branch(actor, branch):
        raise ApplicationError(FORBIDDEN, field="branch", code="forbidden")
    if branch.retired_on is not None:
        raise ApplicationError(RETIRED.format(name=branch.name, on=branch.retired_on), field="branch")
    today = timezone.localdate()
    full_name = " ".join((full_name or "").split())
    cccd = (cccd or "").strip()
    if not full_name:
        raise ApplicationError("Họ tên: bắt buộc.", field="full_name")
    if birth_date > today:
        raise ApplicationError("Ngày sinh: sau ngày hôm nay; kiểm tra lại ngày sinh.", field="birth_date")
    if cccd and (problem := cccd_problem(cccd, birth_date=birth_date, sex=sex)):
        raise ApplicationError(f"Số CCCD: {problem}", field="cccd")
    if problem := eligibility_problem(branch.organisation, birth_date=birth_date, sex=sex, on=joined_on or today):
        raise ApplicationError(f"Ngày sinh: {problem}", field="birth_date")
    with transaction.atomic():
        if person is None and cccd:
            person = Person.objects.filter(cccd=cccd).first()
        if person is None:
            person = Person.objects.create(
                full_name=full_name,
                name_folded=fold(full_name),
                cccd=cccd,
                birth_date=birth_date,
                sex=sex,
                ethnicity=ethnicity,
                religion=religion,
                occupation=occupation,
                commune=branch.commune,
                village_name=village_name,
            )
        before = standings([person.pk]).get(person.pk)
        if Membership.objects.filter(person=person, organisation=branch.organisation, left_on__isnull=True).exists():
            raise ApplicationError(
                f"Họ tên: {full_name} đang là hội viên {branch.organisation.short_name}; không thêm lần nữa.",
                field="full_name",
            )
        membership = Membership.objects.create(
            person=person,
            organisation=branch.organisation,
            branch=branch,
            joined_on=joined_on,
            role=role,
            **roster_keys(person),
        )
        tally_apply(difference(before, standings([person.pk])[person.pk]))
        audit_record(
            actor=actor,
            action=Action.MEMBER_ADDED,
            unit=branch.owner,
            target=person,
            details={"branch": branch.code, "organisation": branch.organisation.code},
        )
    return membership


def membership_end(*, actor, membership: Membership, left_on: dt.date) -> Membership:
    """Record that the person left the organisation on `left_on`; the membership stays as history."""
    if not can_manage_branch(actor, membership.branch):
        raise ApplicationError(FORBIDDEN, field="branch", code="forbidden")
    if membership.left_on is not None:
        raise ApplicationError("Thành viên này đã ra khỏi tổ chức; không cần ghi lại.", field="left_on")
    if left_on > timezone.localdate() or (membership.joined_on and left_on < membership.joined_on):
        raise ApplicationError("Ngày ra: phải trong khoảng từ ngày vào đến hôm nay.", field="left_on")
    with transaction.atomic():
        person_id = membership.person_id
        before = standings([person_id])[person_id]
        membership.left_on = left_on
        membership.save(update_fields=["left_on"])
        tally_apply(difference(before, standings([person_id])[person_id]))
        audit_record(
            actor=actor,
            action=Action.MEMBER_LEFT,
            unit=membership.branch.owner,
            target=membership.person,
            details={"branch": membership.branch.code, "left_on": left_on.isoformat()},
        )
    return membership


PERSON_FIELDS = ["full_name", "birth_date", "sex", "cccd", "ethnicity", "religion", "occupation", "village_name"]


def person_update(*, actor, person: Person, branch: Branch, expected_version, **changes) -> Person:
    """Correct a person's record (by an officer of one of their branches); audited with before and after."""
    if not can_manage_branch(actor, branch) or not branch.memberships.filter(person=person).exists():
        raise ApplicationError(FORBIDDEN, field="branch", code="forbidden")
    changes = {k: v for k, v in changes.items() if k in PERSON_FIELDS}
    if "full_name" in changes:
        changes["full_name"] = " ".join((changes["full_name"] or "").split())
        if not changes["full_name"]:
            raise ApplicationError("Họ tên: bắt buộc.", field="full_name")
    birth_date = changes.get("birth_date", person.birth_date)
    if birth_date > timezone.localdate():
        raise ApplicationError("Ngày sinh: sau ngày hôm nay; kiểm tra lại ngày sinh.", field="birth_date")
    cccd = (changes.get("cccd", person.cccd) or "").strip()
    changes["cccd"] = cccd
    if cccd and (problem := cccd_problem(cccd, birth_date=birth_date, sex=changes.get("sex", person.sex))):
        raise ApplicationError(f"Số CCCD: {problem}", field="cccd")
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        check_version(locked, expected_version, what="Hồ sơ của người này")
        if cccd and Person.objects.filter(cccd=cccd).exclude(pk=person.pk).exists():
            raise ApplicationError(
                "Số CCCD: đã thuộc một người khác trong hệ thống; kiểm tra lại số trên thẻ.", field="cccd"
            )
        before_state = snapshot(locked, PERSON_FIELDS)
        before = standings([locked.pk])[locked.pk]
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.name_folded = fold(locked.full_name)
        bump(locked)
        locked.save()
        # The copies the branch page is ordered by.
        Membership.objects.filter(person=locked).update(**roster_keys(locked))
        tally_apply(difference(before, standings([locked.pk])[locked.pk]))
        audit_record(
            actor=actor,
            action=Action.MEMBER_CORRECTED,
            unit=branch.owner,
            target=locked,
            before=_masked(before_state),
            after=_masked(snapshot(locked, PERSON_FIELDS)),
        )
    return locked


def _masked(state: dict) -> dict:
    # The audit log is read by administrators who are not the branch's officers: no CCCD in clear there.
    if state.get("cccd"):
        state["cccd"] = state["cccd"][0] + "*" * 7 + state["cccd"][-4:]
    return state


def branch_members_export(*, actor, branch: Branch) -> list[list]:
    """The rows of the branch's current member list, for an XLSX download; the export is audited (personal data)."""
    from danvan.members.selectors import branch_members

    if not can_manage_branch(actor, branch):
        raise ApplicationError(FORBIDDEN, field="branch", code="forbidden")
    with transaction.atomic():
        rows = [
            [
                m.person.full_name,
                m.person.birth_date.strftime("%d/%m/%Y"),
                m.person.get_sex_display(),
                m.person.cccd,
                m.person.ethnicity,
                m.person.religion,
                m.person.occupation,
                m.person.village_name,
                m.joined_on.strftime("%d/%m/%Y") if m.joined_on else "",
                m.role,
            ]
            for m in branch_members(branch=branch)
        ]
        audit_record(
            actor=actor,
            action=Action.MEMBERS_EXPORTED,
            unit=branch.owner,
            target=branch,
            details={"rows": len(rows), "format": "xlsx"},
        )
    return rows
