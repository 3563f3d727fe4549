"""Renderers for downloads, so that `Accept: application/pdf` negotiates instead of answering 406."""

from __future__ import annotations

import json
from typing import Any

from rest_framework.renderers import BaseRenderer


class _BinaryRenderer(BaseRenderer):
    charset = None

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        # A download answers with the file itself; only errors (dicts) reach the renderer.
        if isinstance(data, bytes):
            return data
        return json.dumps(data, ensure_ascii=False).encode()


class PdfRenderer(_BinaryRenderer):
    media_type = "application/pdf"
    format = "pdf"


class DocxRenderer(_BinaryRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    format = "docx"
