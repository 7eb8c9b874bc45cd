"""Seed the starter evaluation scheme: the 100-point example of DOMAIN.md §4 (Bắc Giang, QCDC system)."""

from django.db import migrations

CRITERIA = (
    ("Thực hiện quy chế dân chủ ở cơ sở và công tác thông tin, tuyên truyền", 20),
    ("Cải cách hành chính", 25),
    ("Văn hóa công sở", 20),
    ("Đối thoại và giải quyết kiến nghị, phản ánh của người dân", 15),
    ("Sự hài lòng của cán bộ, công chức, người dân và doanh nghiệp", 20),
)


def seed(apps, schema_editor):
    Scheme = apps.get_model("initiatives", "EvaluationScheme")
    Criterion = apps.get_model("initiatives", "EvaluationCriterion")
    if Scheme.objects.filter(is_starter=True).exists():
        return
    scheme = Scheme.objects.create(name="Bộ tiêu chí mẫu 100 điểm", is_starter=True)
    for i, (name, max_score) in enumerate(CRITERIA):
        Criterion.objects.create(scheme=scheme, name=name, max_score=max_score, weight=1, sort_order=i)


def unseed(apps, schema_editor):
    apps.get_model("initiatives", "EvaluationScheme").objects.filter(is_starter=True).delete()


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
