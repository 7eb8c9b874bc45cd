"""The starting lists of subjects and positions (data: administrators add, rename or retire them).

Which positions a province's committees use varies ("Phó Trưởng ban Thường trực" in some, not in others) and no
source we have read fixes a national list [unconfirmed]; these are the names seen in published decisions.
"""

SUBJECTS = [
    # slug, name, links a petitions case, links democracy bases
    ("qcdc", "Thực hiện dân chủ ở cơ sở (QCDC)", False, True),
    ("dan-van-kheo", "Phong trào thi đua “Dân vận khéo”", False, False),
    ("ton-giao", "Công tác tôn giáo", False, False),
    ("dan-toc", "Công tác dân tộc", False, False),
    ("vu-viec-phuc-tap", "Vụ việc phức tạp, kéo dài", True, False),
    ("khac", "Khác", True, True),
]

POSITIONS = [
    ("truong-ban", "Trưởng ban"),
    ("pho-truong-ban-thuong-truc", "Phó Trưởng ban Thường trực"),
    ("pho-truong-ban", "Phó Trưởng ban"),
    ("uy-vien-thuong-truc", "Ủy viên Thường trực"),
    ("thanh-vien", "Thành viên"),
    ("to-truong", "Tổ trưởng"),
    ("to-pho", "Tổ phó"),
    ("to-vien", "Tổ viên"),
    ("thu-ky", "Thư ký"),
]


def seed(apps) -> None:
    Subject = apps.get_model("committees", "Subject")
    Position = apps.get_model("committees", "Position")
    for order, (slug, name, links_case, links_bases) in enumerate(SUBJECTS, start=1):
        Subject.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "order": order * 10, "links_case": links_case, "links_bases": links_bases},
        )
    for order, (slug, name) in enumerate(POSITIONS, start=1):
        Position.objects.get_or_create(slug=slug, defaults={"name": name, "order": order * 10})
