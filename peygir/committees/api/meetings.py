"""Meetings: list, the whole record, and the secretariat's writes — all through committees.services.

Writes read the meeting through `meeting_detail` (404 outside the scope); the service checks that the
user manages the committee (NotAllowed → 404) and the `version` (ConflictError → 409). Each write
answers with the whole meeting, whose new `version` the client sends with its next write.
"""

from __future__ import annotations

from typing import Any

import django_filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action as route
from rest_framework.request import Request
from rest_framework.response import Response

from peygir.committees import access as committee_access
from peygir.committees import services
from peygir.committees.models import Meeting
from peygir.committees.selectors import committee_detail, meeting_detail, meeting_list
from peygir.core.api.serializers import VersionSerializer
from peygir.core.api.viewsets import ScopedViewSet
from peygir.core.errors import NotAllowed

from .serializers.meeting_writes import (
    AgendaItemCreateSerializer,
    AttendanceSetSerializer,
    DiscussionNoteCreateSerializer,
    MeetingCreateSerializer,
    ResolutionCreateSerializer,
)
from .serializers.meetings import MeetingDetailSerializer, MeetingListSerializer

TAGS = ["meetings"]
ERRORS = {
    400: OpenApiResponse(description="Invalid input; `{field: [Persian message]}`."),
    404: OpenApiResponse(description="No such meeting, or not yours to see or change."),
    409: OpenApiResponse(description="`version` is stale: somebody else changed the meeting."),
}


def _write(summary: str, body: type, code: int = 201) -> Any:
    return extend_schema(
        summary=summary, tags=TAGS, request=body, responses={code: MeetingDetailSerializer, **ERRORS}
    )


class MeetingFilter(django_filters.FilterSet):
    committee = django_filters.NumberFilter(field_name="committee_id")
    status = django_filters.ChoiceFilter(choices=Meeting.Status.choices)

    class Meta:
        model = Meeting
        fields = ["committee", "status"]


@extend_schema_view(
    list=extend_schema(summary="Meetings of the committees the user may see", tags=TAGS),
    retrieve=extend_schema(
        summary="One meeting: agenda (with sub-items and notes), attendance, resolutions and their actions",
        tags=TAGS,
    ),
)
class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    filterset_class = MeetingFilter

    def get_queryset(self):
        return meeting_list(user=self.request.user)

    def get_serializer_class(self):
        return MeetingDetailSerializer if self.action == "retrieve" else MeetingListSerializer

    def get_object(self) -> Meeting:
        return meeting_detail(user=self.request.user, pk=self.kwargs["pk"])

    def _detail(self, meeting_id: int, *, code: int = status.HTTP_200_OK) -> Response:
        meeting = meeting_detail(user=self.request.user, pk=meeting_id)
        return Response(
            MeetingDetailSerializer(meeting, context=self.get_serializer_context()).data, status=code
        )

    def _managed(self) -> Meeting:
        """The meeting, for its writes: only those who manage its committee; the others get the 404 of
        "not yours" before the body is read (a malformed body must not answer 400 to a stranger)."""
        meeting = self.get_object()
        if not committee_access.can_manage_committee(self.request.user, meeting.committee):
            raise NotAllowed
        return meeting

    def _body(self, serializer_class: type, meeting: Meeting | None = None) -> dict[str, Any]:
        context = {**self.get_serializer_context(), "meeting": meeting}
        serializer = serializer_class(data=self.request.data, context=context)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    @_write(
        "Create a meeting (numbered per committee; the agenda opens with the follow-up report)",
        MeetingCreateSerializer,
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        if not committee_access.can_manage_some_committee(request.user):
            raise NotAllowed  # permission before the body: 404, not 400
        data = self._body(MeetingCreateSerializer)
        committee = committee_detail(user=request.user, pk=data.pop("committee"))
        meeting = services.meeting_create(user=request.user, committee=committee, **data)
        return self._detail(meeting.pk, code=status.HTTP_201_CREATED)

    @_write("Add an agenda item (or a sub-item under `parent`)", AgendaItemCreateSerializer)
    @route(
        detail=True, methods=["post"], url_path="agenda-items", filterset_class=None, pagination_class=None
    )
    def agenda_items(self, request: Request, pk: str | None = None) -> Response:
        meeting = self._managed()
        data = self._body(AgendaItemCreateSerializer, meeting)
        services.agenda_item_add(
            user=request.user,
            meeting=meeting,
            title=data["title"],
            presenter=data["presenter"],
            parent=data["parent"],
            description=data["description"],
            expected_version=data.get("version"),
        )
        return self._detail(meeting.pk, code=status.HTTP_201_CREATED)

    @_write("Record the attendance of an organization or a person", AttendanceSetSerializer)
    @route(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def attendance(self, request: Request, pk: str | None = None) -> Response:
        meeting = self._managed()
        data = self._body(AttendanceSetSerializer, meeting)
        version = data.pop("version", None)
        services.attendance_set(user=request.user, meeting=meeting, expected_version=version, **data)
        return self._detail(meeting.pk, code=status.HTTP_201_CREATED)

    @_write("Add what a speaker said on an agenda item", DiscussionNoteCreateSerializer)
    @route(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def notes(self, request: Request, pk: str | None = None) -> Response:
        meeting = self._managed()
        data = self._body(DiscussionNoteCreateSerializer, meeting)
        services.discussion_note_add(
            user=request.user,
            item=data["item"],
            speaker_name=data["speaker_name"],
            speaker_title=data["speaker_title"],
            summary=data["summary"],
            expected_version=data.get("version"),
        )
        return self._detail(meeting.pk, code=status.HTTP_201_CREATED)

    @_write(
        "Add a resolution row: a draft until the resolutions are dispatched, then one action per "
        "responsible organization",
        ResolutionCreateSerializer,
    )
    @route(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def resolutions(self, request: Request, pk: str | None = None) -> Response:
        meeting = self._managed()
        data = self._body(ResolutionCreateSerializer, meeting)
        version = data.pop("version", None)
        services.resolution_create(user=request.user, meeting=meeting, expected_version=version, **data)
        return self._detail(meeting.pk, code=status.HTTP_201_CREATED)

    @_write("Mark the meeting held", VersionSerializer, code=200)
    @route(detail=True, methods=["post"], url_path="mark-held", filterset_class=None, pagination_class=None)
    def mark_held(self, request: Request, pk: str | None = None) -> Response:
        meeting = self._managed()
        data = self._body(VersionSerializer)
        services.meeting_mark_held(user=request.user, meeting=meeting, expected_version=data.get("version"))
        return self._detail(meeting.pk)

    @_write(
        "Dispatch («ابلاغ») a held meeting's draft resolutions: every row's actions at once",
        VersionSerializer,
        code=200,
    )
    @route(detail=True, methods=["post"], url_path="dispatch", filterset_class=None, pagination_class=None)
    def dispatch_resolutions(self, request: Request, pk: str | None = None) -> Response:
        meeting = self._managed()  # permission before the body: 404, not 400
        data = self._body(VersionSerializer)
        services.meeting_dispatch(user=request.user, meeting=meeting, expected_version=data.get("version"))
        return self._detail(meeting.pk)

    @_write(
        "Approve the minutes and dispatch the draft resolutions (later changes become recorded amendments)",
        VersionSerializer,
        code=200,
    )
    @route(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def approve(self, request: Request, pk: str | None = None) -> Response:
        meeting = self._managed()
        data = self._body(VersionSerializer)
        services.meeting_approve(user=request.user, meeting=meeting, expected_version=data.get("version"))
        return self._detail(meeting.pk)
