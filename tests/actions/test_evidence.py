"""Progress with evidence: allowed files are kept; every bad file is refused in Persian, nothing written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from peygir.actions.models import Action, Evidence
from peygir.actions.services import action_report_progress
from peygir.core.errors import ValidationError
from tests import images

from .helpers import counts, make_action, pdf

PNG = images.PNG  # real images: they are decoded and re-encoded (peygir/core/files.py)
JPG = images.JPG
DOCX = b"PK\x03\x04" + b"\x00" * 32


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(
    ("name", "body", "content_type"),
    [
        ("report.pdf", b"%PDF-1.7\n", "application/pdf"),
        ("photo.JPG", JPG, "image/jpeg"),
        ("photo.png", PNG, "image/png"),
        ("table.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ],
)
def test_allowed_evidence_is_kept_with_its_type(world, name, body, content_type):
    action = make_action(world)
    upload = SimpleUploadedFile(name, body, content_type="application/octet-stream")
    update = action_report_progress(
        action=action, user=world.users["liaison"], text="گزارش بازدید", progress=30, files=[upload]
    )
    evidence = Evidence.objects.get(update=update)
    stored = evidence.file.read()
    assert (evidence.original_name, evidence.content_type, evidence.size) == (name, content_type, len(stored))
    if content_type.startswith("image/"):  # drawn again by Pillow: the same picture, new bytes
        from PIL import Image

        assert Image.open(evidence.file).size == (8, 6)
    else:
        assert stored == body
    assert Action.objects.get(pk=action.pk).status == Action.Status.IN_PROGRESS


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf"),
            "محتوای پرونده «fake.pdf» با پسوند آن نمی‌خواند.",
        ),
        (SimpleUploadedFile("empty.pdf", b""), "پرونده «empty.pdf» خالی است."),
        (
            SimpleUploadedFile("tool.exe", b"MZ\x90\x00"),
            "نوع پرونده «tool.exe» مجاز نیست؛ PDF، JPG، PNG، DOCX یا XLSX بفرستید.",
        ),
        (
            SimpleUploadedFile("big.pdf", b"%PDF-" + b"x" * (1024 * 1024)),
            "حجم پرونده «big.pdf» از سقف ۱ مگابایت بیشتر است.",
        ),
    ],
    ids=["wrong-magic", "empty", "forbidden-extension", "oversized"],
)
def test_bad_evidence_is_refused_and_nothing_is_written(world, settings, upload, message):
    settings.PEYGIR_MAX_UPLOAD_BYTES = 1024 * 1024
    action = make_action(world)
    before = counts()
    with pytest.raises(ValidationError) as info:
        action_report_progress(
            action=action, user=world.users["liaison"], text="گزارش", progress=50, files=[pdf(), upload]
        )
    assert info.value.message_dict["files"] == [message]
    after = Action.objects.get(pk=action.pk)
    assert (after.status, after.progress, after.version) == (Action.Status.OPEN, 0, action.version)
    assert counts() == before
