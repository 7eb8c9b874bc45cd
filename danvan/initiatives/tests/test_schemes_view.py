from django.urls import reverse

from conftest import PASSWORD
from danvan.initiatives.models import EvaluationScheme


def test_a_provincial_leader_sets_weighted_criteria_on_the_page(client, leader_a):
    assert client.login(username=leader_a.username, password=PASSWORD)
    page = client.get(reverse("initiatives:schemes"))
    assert page.status_code == 200 and "Cải cách hành chính" in page.content.decode()
    response = client.post(
        reverse("initiatives:schemes"),
        {"unit": "P24-TU", "year": "2026", "name": "", "criteria": "Hiệu quả; 60\nLan tỏa; 20; 2"},
    )
    assert response.status_code == 302
    scheme = EvaluationScheme.objects.get(unit__code="P24-TU", year=2026)
    assert [(c.name, int(c.max_score), int(c.weight)) for c in scheme.criteria.all()] == [
        ("Hiệu quả", 60, 1),
        ("Lan tỏa", 20, 2),
    ]


def test_bad_criteria_or_a_commune_unit_are_refused_on_the_form(client, leader_a):
    assert client.login(username=leader_a.username, password=PASSWORD)
    for data in (
        {"unit": "P24-TU", "year": "2026", "criteria": "Hiệu quả; nhiều"},
        {"unit": "C7288-DU", "year": "2026", "criteria": "Hiệu quả; 60"},
        {"unit": "P24-TU", "year": "2026", "criteria": "Hiệu quả; 0"},
    ):
        response = client.post(reverse("initiatives:schemes"), data)
        assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert not EvaluationScheme.objects.filter(unit__isnull=False).exists()
