"""Uploaded files (evidence of actions, photos of demands) and their downloads.

On the way in: type decided by content (magic bytes) and extension together, size bounded, the name
cut to fit while keeping its extension, images re-encoded (what is stored is pixels Pillow drew, not
the bytes a stranger sent: no trailing payload, no metadata, no polyglot). The stored name is random;
the person's name is kept on the row for the download. On the way out: `download` streams a stored
file with `no-store`, and a file missing on disk is "not found", never a server error. Every domain
that accepts or serves a file goes through here.
"""

from __future__ import annotations

import io
import logging
import os
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from peygir.core.errors import ValidationError
from peygir.core.text import to_persian_digits

log = logging.getLogger(__name__)

# extension → (content type, accepted leading bytes)
ALLOWED: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
}
IMAGE_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}
# The name kept on the row (original_name, 255 characters) and shown back; the extension survives.
MAX_NAME = 120
# Pillow's own guard against decompression bombs, tightened: a photo of a demand needs no more.
MAX_PIXELS = 40_000_000


@dataclass
class CheckedFile:
    file: File  # what to store: the upload itself, or the re-encoded image; under a random name
    name: str  # the person's file name, cut to MAX_NAME with its extension kept
    content_type: str
    size: int


def fit_name(raw: str | None) -> str:
    """The base name, cut to MAX_NAME characters without losing its extension."""
    name = os.path.basename((raw or "").replace("\\", "/")).strip() or "file"
    if len(name) <= MAX_NAME:
        return name
    stem, ext = os.path.splitext(name)
    if len(ext) > 10:  # not an extension anyone would recognise: cut the whole name
        return name[:MAX_NAME]
    return stem[: MAX_NAME - len(ext) - 1] + "…" + ext


def _refuse(message: str, name: str, **extra: Any) -> ValidationError:
    return ValidationError({"files": message % {"name": name, **extra}})


def _reencode(upload: Any, ext: str, name: str) -> bytes:
    """The image drawn again by Pillow, in its own format, without metadata."""
    from PIL import Image, UnidentifiedImageError

    upload.seek(0)
    try:
        with Image.open(upload) as image:
            if image.width * image.height > MAX_PIXELS:
                raise _refuse(_("تصویر «%(name)s» بیش از اندازه بزرگ است."), name)
            image.load()
            fmt = IMAGE_FORMATS[ext]
            if fmt == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            elif fmt == "PNG" and image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                image = image.convert("RGBA")
            out = io.BytesIO()
            image.save(out, format=fmt, **({"quality": 90} if fmt == "JPEG" else {}))
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise _refuse(_("تصویر «%(name)s» خراب است یا خوانده نمی‌شود."), name) from exc
    finally:
        upload.seek(0)
    return out.getvalue()


def validate_upload(upload: Any) -> CheckedFile:
    """The checked file, or ValidationError with a Persian message naming the file."""
    name = fit_name(getattr(upload, "name", None))
    ext = os.path.splitext(name)[1].lower()
    limit = settings.PEYGIR_MAX_UPLOAD_BYTES
    if upload.size is None or upload.size > limit:
        raise _refuse(
            _("حجم پرونده «%(name)s» از سقف %(mb)s مگابایت بیشتر است."),
            name,
            mb=to_persian_digits(limit // (1024 * 1024)),
        )
    if upload.size == 0:
        raise _refuse(_("پرونده «%(name)s» خالی است."), name)
    if ext not in ALLOWED:
        raise _refuse(_("نوع پرونده «%(name)s» مجاز نیست؛ PDF، JPG، PNG، DOCX یا XLSX بفرستید."), name)
    content_type, magics = ALLOWED[ext]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in magics):
        raise _refuse(_("محتوای پرونده «%(name)s» با پسوند آن نمی‌خواند."), name)
    stored_name = f"{uuid.uuid4().hex}{ext}"
    if ext in IMAGE_FORMATS:
        data = _reencode(upload, ext, name)
        return CheckedFile(
            file=ContentFile(data, name=stored_name), name=name, content_type=content_type, size=len(data)
        )
    # Wrapped, not renamed: a form checks the upload before the service checks it again.
    return CheckedFile(
        file=File(upload, name=stored_name), name=name, content_type=content_type, size=upload.size
    )


def download(field: Any, *, filename: str, content_type: str) -> FileResponse:
    """A stored file as an attachment; a row whose file is gone from the disk answers 404."""
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except (FileNotFoundError, OSError) as exc:
        log.warning("stored file missing: %s", field.name)
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "no-store"
    return response
