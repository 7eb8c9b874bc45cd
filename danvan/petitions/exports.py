"""Petitions as rows for XLSX. Denouncer identities are never exported, not even to the petition's handlers."""

from danvan.petitions.models import Petition, Petitioner

HEADERS = [
    "Mã đơn",
    "Ngày nhận",
    "Đơn vị",
    "Nguồn",
    "Loại đơn",
    "Lĩnh vực",
    "Người gửi",
    "Người/cơ quan bị khiếu nại, tố cáo",
    "Nội dung",
    "Trạng thái",
    "Hạn xử lý",
    "Kết quả",
]

HIDDEN = "[bảo mật]"


def _names(people) -> str:
    return "; ".join(p.full_name + (" (đại diện)" if p.is_representative else "") for p in people)


def petition_rows(*, petitions: list[Petition]) -> list[list]:
    """Rows for `petitions`. A denunciation's sender is always the hidden marker: an XLSX file travels beyond the
    handlers, who read the identity on its audited page instead."""
    people: dict[int, list] = {}
    ids = [p.pk for p in petitions if not p.is_denunciation]
    for person in Petitioner.objects.filter(petition_id__in=ids).order_by("-is_representative", "id"):
        people.setdefault(person.petition_id, []).append(person)
    rows = []
    for p in petitions:
        if p.is_denunciation:
            who = HIDDEN
        else:
            who = _names(people.get(p.pk, [])) or ("Nặc danh" if p.is_anonymous else "")
        rows.append(
            [
                p.code,
                p.received_on,
                p.unit.name,
                p.get_source_display(),
                p.get_category_display(),
                p.field.name,
                who,
                p.respondent,
                p.content,
                p.get_status_display(),
                p.due_on,
                p.result,
            ]
        )
    return rows


# --- Statistics forms 2a–2d (as in KNTC_bentre's LoaiBaoCao; current numbering unconfirmed, DOMAIN.md §5) ----


def _by_child(qs, unit, aggregates: dict) -> list[tuple[str, dict]]:
    """`aggregates` per child unit of `unit` (petitions of the unit itself under its own name), plus a total."""
    from danvan.organisations.models import OrgUnitClosure

    subtree = qs.filter(unit_id__in=OrgUnitClosure.objects.filter(ancestor=unit).values("descendant_id"))
    rows = [
        (r.pop("unit__ancestor_links__ancestor__name"), r)
        for r in subtree.filter(unit__ancestor_links__ancestor__parent=unit)
        .values("unit__ancestor_links__ancestor__name")
        .annotate(**aggregates)
        .order_by("unit__ancestor_links__ancestor__name")
    ]
    own = subtree.filter(unit=unit).aggregate(**aggregates)
    if any(own.values()):
        rows.insert(0, (unit.name, own))
    rows.append(("Tổng cộng", subtree.aggregate(**aggregates)))
    return rows


def statistics_form(form: str, *, unit, start, end, today) -> tuple[str, list[str], list[list]]:
    """(title, headers, rows) of form 2a (reception), 2b (handling), 2c (complaints) or 2d (denunciations)."""
    from django.db.models import Count, Q, Sum

    from danvan.petitions.models import ReceptionSession

    open_ = Q(status__in=Petition.OPEN_STATUSES)
    if form == "2a":
        qs = ReceptionSession.objects.filter(held_on__gte=start, held_on__lte=end)
        aggregates = {
            "sessions": Count("pk"),
            "periodic": Count("pk", filter=Q(kind="periodic")),
            "ad_hoc": Count("pk", filter=Q(kind="ad_hoc")),
            "by_leader": Count("pk", filter=Q(is_delegated=False)),
            "citizens": Sum("citizen_count"),
            "groups": Count("pk", filter=Q(citizen_kind="group")),
            "petitions": Count("petition"),
        }
        title = "Mẫu 2a: Kết quả tiếp công dân"
        headers = [
            "Đơn vị",
            "Số lượt tiếp",
            "Định kỳ",
            "Đột xuất",
            "Lãnh đạo trực tiếp tiếp",
            "Số người",
            "Đoàn đông người",
            "Đơn tiếp nhận qua tiếp dân",
        ]
    else:
        qs = Petition.objects.filter(received_on__gte=start, received_on__lte=end)
        if form == "2b":
            aggregates = {
                "received": Count("pk"),
                "complaints": Count("pk", filter=Q(category="khieu_nai")),
                "denunciations": Count("pk", filter=Q(category="to_cao")),
                "proposals": Count("pk", filter=Q(category="kien_nghi")),
                "other": Count("pk", filter=Q(category__in=["nhieu_noi_dung", "khac"])),
                "processed": Count("pk", filter=~Q(status="received")),
                "ineligible": Count("pk", filter=Q(is_ineligible=True)),
                "transferred": Count("pk", filter=Q(status="transferred")),
                "over_level": Count("pk", filter=Q(is_over_level=True)),
                "repeats": Count("pk", filter=Q(repeat_of__isnull=False)),
                "anonymous": Count("pk", filter=Q(is_anonymous=True)),
            }
            title = "Mẫu 2b: Kết quả xử lý đơn"
            headers = [
                "Đơn vị",
                "Tổng số đơn",
                "Khiếu nại",
                "Tố cáo",
                "Kiến nghị, phản ánh",
                "Khác",
                "Đã xử lý",
                "Không đủ điều kiện",
                "Chuyển đơn",
                "Vượt cấp",
                "Trùng lặp",
                "Nặc danh",
            ]
        else:
            qs = qs.filter(category="khieu_nai" if form == "2c" else "to_cao")
            aggregates = {
                "received": Count("pk"),
                "accepted": Count("pk", filter=Q(accepted_on__isnull=False)),
                "decided": Count("pk", filter=Q(decision_on__isnull=False)),
                "resolved": Count("pk", filter=Q(status="resolved")),
                "unresolved": Count("pk", filter=Q(status="closed_unresolved")),
                "withdrawn": Count("pk", filter=Q(status="withdrawn")),
                "outstanding": Count("pk", filter=open_),
                "overdue": Count("pk", filter=open_ & Q(due_on__lt=today)),
                "extended": Count("pk", filter=Q(extensions__gt=0)),
            }
            title = "Mẫu 2c: Kết quả giải quyết khiếu nại" if form == "2c" else "Mẫu 2d: Kết quả giải quyết tố cáo"
            headers = [
                "Đơn vị",
                "Số đơn",
                "Đã thụ lý",
                "Đã có quyết định/kết luận",
                "Đã giải quyết xong",
                "Đóng, chưa giải quyết được",
                "Rút đơn",
                "Đang giải quyết",
                "Quá hạn",
                "Có gia hạn",
            ]
    rows = [[name] + [values[k] or 0 for k in aggregates] for name, values in _by_child(qs, unit, aggregates)]
    return title, headers, rows
