"""Demo criteria for a first look: Bắc Ninh's yearly assessment of dân vận duties for the current year, one scheme
per kind of body, being prepared (100 points, no weights; grades from 90 / 75 / 50). The criteria follow the usual
layout of provincial rules such as Quy chế 20-QC/TU; the exact wording and points of Bắc Ninh's own rule are
[unconfirmed] — they are data, for the Ban to change. Never in production; load_demo_data calls it. Idempotent."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from danvan.assessments.models import BodyGroup, Criterion, Scheme
from danvan.audit.models import Action
from danvan.audit.services import audit_record
from danvan.core.sequences import next_in_sequence
from danvan.organisations.models import OrgUnit

BAN = "P24-TGDV"
# The group's name in the scheme's title, as the province writes it.
GROUP_NAMES = {
    BodyGroup.PARTY: "các cấp ủy, tổ chức đảng",
    BodyGroup.GOVERNMENT: "các cơ quan chính quyền",
    BodyGroup.FRONT: "MTTQ và các tổ chức chính trị - xã hội",
    BodyGroup.ARMED: "lực lượng vũ trang",
}
BASIS = "Căn cứ Quy chế công tác dân vận của hệ thống chính trị tỉnh Bắc Ninh"
# (title, max score, system figure)
CRITERIA = {
    BodyGroup.PARTY: (
        ("Lãnh đạo, chỉ đạo, ban hành văn bản triển khai công tác dân vận", 20, ""),
        ("Nắm tình hình nhân dân; giải quyết kiến nghị, đơn thư của nhân dân", 20, "petitions.in_time"),
        ("Lãnh đạo thực hiện dân chủ ở cơ sở", 20, "democracy.compliance"),
        ("Phong trào thi đua “Dân vận khéo”", 15, "initiatives.recognised"),
        ("Chế độ thông tin, báo cáo", 10, "reports.on_time"),
        ("Thực hiện các nhiệm vụ được giao", 15, "workplans.on_time"),
    ),
    BodyGroup.GOVERNMENT: (
        ("Công tác dân vận chính quyền gắn với cải cách hành chính", 25, ""),
        ("Tiếp công dân, đối thoại với nhân dân", 20, "petitions.dialogues"),
        ("Giải quyết khiếu nại, tố cáo, kiến nghị đúng hạn", 20, "petitions.in_time"),
        ("Thực hiện dân chủ ở cơ sở", 20, "democracy.compliance"),
        ("Chế độ thông tin, báo cáo", 15, "reports.on_time"),
    ),
    BodyGroup.FRONT: (
        ("Tập hợp, vận động đoàn viên, hội viên và nhân dân", 25, ""),
        ("Giám sát và phản biện xã hội", 20, ""),
        ("Xây dựng mô hình “Dân vận khéo”", 20, "initiatives.recognised"),
        ("Thực hiện các nhiệm vụ được giao", 20, "workplans.on_time"),
        ("Chế độ thông tin, báo cáo", 15, "reports.on_time"),
    ),
    BodyGroup.ARMED: (
        ("Công tác dân vận của lực lượng vũ trang", 30, ""),
        ("Tham gia xây dựng cơ sở chính trị, giúp nhân dân phát triển kinh tế - xã hội", 30, ""),
        ("Xây dựng mô hình “Dân vận khéo”", 20, "initiatives.recognised"),
        ("Chế độ thông tin, báo cáo", 20, "reports.on_time"),
    ),
}


def demo_assessments_load(year: int | None = None) -> list[Scheme] | None:
    """Create the four schemes of `year` (default: this year) if they are missing; None without the tree."""
    ban = OrgUnit.objects.filter(code=BAN).first()
    if ban is None:
        return None
    year = year or timezone.localdate().year
    made = []
    with transaction.atomic():
        for group, criteria in CRITERIA.items():
            if Scheme.objects.filter(unit=ban, year=year, group=group).exists():
                continue
            scheme = Scheme.objects.create(
                code=next_in_sequence(prefix="DG", year=year),
                unit=ban,
                year=year,
                group=group,
                title=f"Đánh giá công tác dân vận năm {year} của {GROUP_NAMES[group]}",
                excellent_min=Decimal(90),
                good_min=Decimal(75),
                passed_min=Decimal(50),
                basis=BASIS,
            )
            Criterion.objects.bulk_create(
                Criterion(scheme=scheme, order=i, title=t, max_score=Decimal(m), measure=k)
                for i, (t, m, k) in enumerate(criteria, start=1)
            )
            made.append(scheme)
        if made:
            audit_record(
                actor=None,
                action=Action.ASSESSMENT_SCHEME_CREATED,
                unit=ban,
                after={"schemes": [s.code for s in made], "year": year},
                system_label="load_demo_data",
            )
    return list(Scheme.objects.filter(unit=ban, year=year))
