"""Uploaded files (evidence of actions, photos of demands): type decided by content (magic bytes) and
extension together, size bounded. Every domain that accepts a file checks it here."""

from __future__ import annotations

import os
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from peygir.core.errors import ValidationError
from peygir.core.text import to_persian_digits

# extension → (content type, accepted leading bytes)
ALLOWED: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
}


@dataclass
class CheckedFile:
    file: UploadedFile
    name: str
    content_type: str
    size: int


def validate_upload(upload: UploadedFile) -> CheckedFile:
    """The checked file, or ValidationError with a Persian message naming the file."""
    name = os.path.basename(upload.name or "file")[:200]
    ext = os.path.splitext(name)[1].lower()
    limit = settings.PEYGIR_MAX_UPLOAD_BYTES
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            {
                "files": _("حجم پرونده «%(name)s» از سقف %(mb)s مگابایت بیشتر است.")
                % {"name": name, "mb": to_persian_digits(limit // (1024 * 1024))}
            }
        )
    if upload.size == 0:
        raise ValidationError({"files": _("پرونده «%(name)s» خالی است.") % {"name": name}})
    if ext not in ALLOWED:
        raise ValidationError(
            {
                "files": _("نوع پرونده «%(name)s» مجاز نیست؛ PDF، JPG، PNG، DOCX یا XLSX بفرستید.")
                % {"name": name}
            }
        )
    content_type, magics = ALLOWED[ext]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in magics):
        raise ValidationError({"files": _("محتوای پرونده «%(name)s» با پسوند آن نمی‌خواند.") % {"name": name}})
    return CheckedFile(file=upload, name=name, content_type=content_type, size=upload.size)
