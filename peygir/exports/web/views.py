"""The official minutes of a meeting as downloads from the meeting page (PDF and Word)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

from peygir.committees import selectors
from peygir.committees.models import Meeting
from peygir.core.jalali import to_jalali
from peygir.exports import minutes


def _get_meeting(user, pk: int) -> Meeting:
    return selectors.meeting_detail(user=user, pk=pk)


def _filename(meeting: Meeting, ext: str) -> str:
    j = to_jalali(meeting.starts_at)
    return f"صورتجلسه-{meeting.committee.name}-{meeting.number}-{j.year:04d}{j.month:02d}{j.day:02d}.{ext}"


@login_required
def meeting_minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get_meeting(request.user, pk)
    response = HttpResponse(minutes.minutes_pdf(meeting), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, _filename(meeting, "pdf"))
    return response


@login_required
def meeting_minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _get_meeting(request.user, pk)
    response = HttpResponse(
        minutes.minutes_docx(meeting),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = content_disposition_header(True, _filename(meeting, "docx"))
    return response
