"""/api/v1/docs: behind login, from vendored files, started by a static script (the CSP allows no inline script)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db
VENDOR = Path(settings.BASE_DIR) / "static" / "vendor" / "swagger-ui"


def test_the_docs_need_a_login():
    response = Client().get("/api/v1/docs")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")


def test_the_docs_page_loads_its_assets_from_this_site_only(officer_a, client_for):
    client = client_for(officer_a)
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<script>" not in html and "cdn" not in html.lower()
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert {
        "/static/vendor/swagger-ui/swagger-ui-bundle.js",
        "/static/vendor/swagger-ui/swagger-ui.css",
        "/static/js/api-docs.js",
    } <= set(assets)
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200, asset
    csp = page["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    # The script finds the schema's address on the page.
    assert 'data-url="/api/v1/openapi.json"' in html


def test_no_vendored_file_points_to_a_missing_source_map():
    # collectstatic's manifest storage fails on a sourceMappingURL whose file is absent.
    for path in VENDOR.iterdir():
        text = path.read_text(errors="ignore")
        for target in re.findall(r"sourceMappingURL=([^\s*]+)", text):
            assert (VENDOR / target).exists(), f"{path.name} → {target}"


def test_unknown_addresses_under_the_api_answer_in_its_error_shape(officer_a, client_for):
    response = client_for(officer_a).get("/api/v1/khong-co/")
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "Không tìm thấy.", "field": None}}
