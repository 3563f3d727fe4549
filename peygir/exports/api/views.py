"""The official minutes of a meeting as downloads (PDF, Word), on the meeting resource's URLs."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request

from peygir.committees.api.meetings import ERRORS, TAGS, MeetingViewSet
from peygir.committees.models import Meeting
from peygir.exports import minutes

from .renderers import DocxRenderer, PdfRenderer


# The meeting resource (same queryset, same 404) with its minutes as files. No docstring: the schema
# would take it as the operations' description.
class MinutesViewSet(MeetingViewSet):
    @extend_schema(
        summary="The official minutes as PDF",
        tags=TAGS,
        responses={(200, PdfRenderer.media_type): OpenApiTypes.BINARY, 404: ERRORS[404]},
    )
    def minutes_pdf(self, request: Request, pk: str | None = None) -> HttpResponse:
        meeting = self.get_object()
        return self._download(minutes.minutes_pdf(meeting), meeting, PdfRenderer)

    @extend_schema(
        summary="The official minutes as Word (DOCX)",
        tags=TAGS,
        responses={(200, DocxRenderer.media_type): OpenApiTypes.BINARY, 404: ERRORS[404]},
    )
    def minutes_docx(self, request: Request, pk: str | None = None) -> HttpResponse:
        meeting = self.get_object()
        return self._download(minutes.minutes_docx(meeting), meeting, DocxRenderer)

    def finalize_response(
        self, request: Request, response: HttpResponse, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        # An error is JSON (as documented), even when the client asked for ?format=pdf.
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code >= 400 and hasattr(response, "accepted_renderer"):
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        return response

    def _download(self, content: bytes, meeting: Meeting, renderer: type) -> HttpResponse:
        response = HttpResponse(content, content_type=renderer.media_type)
        filename = f"minutes-{meeting.committee_id}-{meeting.number}.{renderer.format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


MINUTES_RENDERERS = {
    "minutes_pdf": [JSONRenderer, PdfRenderer],
    "minutes_docx": [JSONRenderer, DocxRenderer],
}
