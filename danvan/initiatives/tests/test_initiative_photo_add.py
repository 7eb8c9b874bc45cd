import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from conftest import PASSWORD
from danvan.audit.models import AuditEvent
from danvan.core.errors import ApplicationError
from danvan.core.models import StoredFile
from danvan.initiatives import services
from danvan.initiatives.models import InitiativePhoto
from danvan.initiatives.tests.factories import approved


def _image(fmt="JPEG", size=(1200, 800), name="anh.jpg"):
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, format=fmt)
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


@pytest.fixture
def update(commune_officer_a, leader_a):
    initiative = approved(commune_officer_a, leader_a)
    return services.initiative_update_add(
        actor=commune_officer_a, initiative=initiative, reported_on=datetime.date(2026, 6, 30), note="Quý II"
    )


@pytest.mark.parametrize(
    ("fmt", "content_type"), [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp")]
)
def test_a_photo_is_stored_privately_with_a_thumbnail(commune_officer_a, update, fmt, content_type):
    photo = services.initiative_photo_add(actor=commune_officer_a, update=update, upload=_image(fmt))
    assert photo.content_type == content_type and (photo.width, photo.height) == (1200, 800)
    assert photo.original_name == "anh.jpg" and "anh" not in photo.file.name
    # Kept in the database (core.StoredFile), not on one machine's disk.
    stored = StoredFile.objects.get(key=f"initiatives/{photo.file.name}")
    assert stored.size == photo.size and stored.content_type == content_type
    with photo.thumbnail.open("rb") as file, Image.open(file) as thumb:
        assert max(thumb.size) == 320
    assert AuditEvent.objects.filter(action="initiative.photo_added").count() == 1


def test_non_images_and_other_formats_are_refused_naming_the_accepted_types(commune_officer_a, update):
    fake = SimpleUploadedFile("anh.jpg", b"%PDF-1.4 not a picture", content_type="image/jpeg")
    gif = _image("GIF", name="anh.gif")
    for upload in (fake, gif):
        with pytest.raises(ApplicationError) as err:
            services.initiative_photo_add(actor=commune_officer_a, update=update, upload=upload)
        assert "JPEG, PNG, WebP" in err.value.message and err.value.field == "photo"
    assert not InitiativePhoto.objects.exists()
    assert not StoredFile.objects.filter(key__startswith="initiatives/").exists()


def test_an_oversized_photo_is_refused_before_reading_it(commune_officer_a, update):
    big = SimpleUploadedFile("to.jpg", b"\xff" * (5 * 1024 * 1024 + 1), content_type="image/jpeg")
    with pytest.raises(ApplicationError) as err:
        services.initiative_photo_add(actor=commune_officer_a, update=update, upload=big)
    assert "5 MB" in err.value.message


def test_photos_are_served_only_to_those_who_may_see_the_model(client, commune_officer_a, officer_b, update):
    photo = services.initiative_photo_add(actor=commune_officer_a, update=update, upload=_image())
    code = update.initiative.code
    assert client.login(username=commune_officer_a.username, password=PASSWORD)
    response = client.get(reverse("initiatives:photo_file", args=[code, photo.pk, "thumb"]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    detail = client.get(reverse("initiatives:detail", args=[code])).content.decode()
    assert reverse("initiatives:photo_file", args=[code, photo.pk, "thumb"]) in detail
    client.logout()
    assert client.login(username=officer_b.username, password=PASSWORD)
    assert client.get(reverse("initiatives:photo_file", args=[code, photo.pk, "full"])).status_code == 404


def test_uploading_through_the_page(client, commune_officer_a, update):
    assert client.login(username=commune_officer_a.username, password=PASSWORD)
    url = reverse("initiatives:photo_add", args=[update.initiative.code, update.pk])
    response = client.post(url, {"photo": _image("PNG", name="hop-dan.png")}, follow=True)
    assert response.status_code == 200 and update.photos.count() == 1
    response = client.post(url, {"photo": SimpleUploadedFile("x.png", b"nope")}, follow=True)
    assert "JPEG, PNG, WebP" in response.content.decode() and update.photos.count() == 1


def test_the_library_shows_the_latest_photo_as_a_thumbnail(client, commune_officer_a, update):
    photo = services.initiative_photo_add(actor=commune_officer_a, update=update, upload=_image())
    assert client.login(username=commune_officer_a.username, password=PASSWORD)
    body = client.get(reverse("initiatives:index")).content.decode()
    assert reverse("initiatives:photo_file", args=[update.initiative.code, photo.pk, "thumb"]) in body
