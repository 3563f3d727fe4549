"""Uploads: type by content, size, long names keep their extension, images re-encoded; a stored file
missing on disk answers 404, never 500."""

import os
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from peygir.core.errors import ValidationError
from peygir.core.files import MAX_NAME, fit_name, validate_upload
from tests import images
from tests.auth import sign_in


def test_a_long_name_keeps_its_extension_and_is_named_in_the_message():
    name = "گزارش " * 60 + ".exe"
    with pytest.raises(ValidationError) as info:
        validate_upload(SimpleUploadedFile(name, b"MZ\x90\x00"))
    message = info.value.message_dict["files"][0]
    assert "مجاز نیست" in message and ".exe»" in message
    checked = validate_upload(SimpleUploadedFile("ب" * 300 + ".pdf", b"%PDF-1.4\n"))
    assert checked.name.endswith(".pdf") and len(checked.name) <= MAX_NAME
    assert fit_name("C:\\Users\\x\\report.pdf") == "report.pdf"


def test_type_is_decided_by_content():
    with pytest.raises(ValidationError) as info:
        validate_upload(SimpleUploadedFile("photo.png", b"%PDF-1.4 pretending"))
    assert "با پسوند آن نمی‌خواند" in info.value.message_dict["files"][0]


def test_size_is_bounded(settings):
    settings.PEYGIR_MAX_UPLOAD_BYTES = 1024 * 1024
    with pytest.raises(ValidationError) as info:
        validate_upload(SimpleUploadedFile("big.pdf", b"%PDF-" + b"x" * (1024 * 1024)))
    assert "۱ مگابایت" in info.value.message_dict["files"][0]


def test_images_are_drawn_again_without_what_was_hidden_in_them():
    """Bytes after the image's end (a polyglot, a script) and its metadata do not survive."""
    buffer = BytesIO()
    exif = Image.Exif()
    exif[0x010E] = "secret description"  # ImageDescription
    Image.new("RGB", (10, 7), "red").save(buffer, format="JPEG", exif=exif)
    payload = buffer.getvalue() + b"<script>alert(1)</script>"
    checked = validate_upload(SimpleUploadedFile("photo.jpg", payload))
    stored = checked.file.read()
    assert b"<script>" not in stored and b"secret description" not in stored
    assert Image.open(BytesIO(stored)).size == (10, 7) and checked.size == len(stored)
    assert checked.name == "photo.jpg" and checked.file.name != "photo.jpg"  # stored under a random name


def test_a_broken_image_is_refused_in_persian():
    with pytest.raises(ValidationError) as info:
        validate_upload(SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40))
    assert "خراب است" in info.value.message_dict["files"][0]


def test_the_stored_name_is_random_and_keeps_the_extension(world):
    checked = validate_upload(SimpleUploadedFile("a" * 250 + ".png", images.PNG))
    assert checked.file.name.endswith(".png") and len(checked.file.name) < 40


@pytest.mark.parametrize("which", ["web", "api"])
def test_a_file_missing_on_disk_is_not_found(world, which):
    evidence = world.evidence
    os.remove(evidence.file.path)
    client = sign_in(Client(raise_request_exception=False), world.users["liaison"])
    if which == "web":
        url = reverse("web:evidence_download", args=[evidence.pk])
    else:
        url = f"/api/v1/actions/{world.action.pk}/evidence/{evidence.pk}/"
    assert client.get(url).status_code == 404


def test_a_demand_attachment_missing_on_disk_is_not_found(world):
    attachment = world.attachment
    os.remove(attachment.file.path)
    client = sign_in(Client(raise_request_exception=False), world.users["facilitator"])
    assert client.get(reverse("web:demand_attachment", args=[attachment.pk])).status_code == 404
    api = f"/api/v1/demands/{attachment.demand_id}/attachments/{attachment.pk}/"
    assert client.get(api).status_code == 404
