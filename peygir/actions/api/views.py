"""Actions: the inbox, the record, and the state changes — all through the spine's services.

Every write re-reads the action through `action_detail` (404 outside the scope) and then calls the
service, which checks the finer permission (NotAllowed → 404), locks the row, checks `version`
(ConflictError → 409) and writes the history in the same transaction.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action as route
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from peygir.actions import requests as action_requests
from peygir.actions import services
from peygir.actions.access import can_report_on_action, can_verify_action
from peygir.actions.models import Action, Evidence, ExtensionRequest, Obstacle
from peygir.actions.selectors import Horizon, action_detail, action_history, action_updates
from peygir.core import files
from peygir.core.api.pagination import CountedPagination
from peygir.core.api.viewsets import ScopedViewSet
from peygir.core.errors import ValidationError
from peygir.core.planner import joins_as_written
from peygir.organizations.models import Organization

from .filters import ActionFilter
from .serializers import (
    ActionDeadlineSerializer,
    ActionDetailSerializer,
    ActionProgressSerializer,
    ActionReasonSerializer,
    ActionRejectSerializer,
    ActionReportDoneSerializer,
    ActionSerializer,
    ActionVerifySerializer,
    ExtensionDecideSerializer,
    ExtensionRequestBodySerializer,
    ObstacleBodySerializer,
    ObstacleClearSerializer,
)

TAGS = ["actions"]
ERRORS = {
    400: OpenApiResponse(description="Invalid input; `{field: [Persian message]}`."),
    404: OpenApiResponse(description="No such action, or not yours to see or change."),
    409: OpenApiResponse(description="`version` is stale: somebody else changed the action."),
}


def _write(summary: str, body: type) -> Any:
    return extend_schema(
        summary=summary, tags=TAGS, request=body, responses={200: ActionDetailSerializer, **ERRORS}
    )


@extend_schema_view(
    list=extend_schema(summary="Actions the user may see (the inbox)", tags=TAGS),
    retrieve=extend_schema(summary="One action with its updates, evidence and history", tags=TAGS),
)
class ActionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    filterset_class = ActionFilter
    pagination_class = CountedPagination
    serializer_class = ActionSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        # The filter set replaces this with `action_list(...)`; this is only the model and the fallback.
        return Action.objects.none()

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["horizon"] = self.horizon
        return context

    def list(self, request: Request, *args, **kwargs) -> Response:
        with joins_as_written():  # the page's statement joins a dozen tables (core.planner)
            return super().list(request, *args, **kwargs)

    @property
    def horizon(self) -> Horizon:
        if not hasattr(self.request, "peygir_horizon"):
            self.request.peygir_horizon = Horizon.for_day()
        return self.request.peygir_horizon

    def get_object(self) -> Action:
        return action_detail(user=self.request.user, pk=self.kwargs["pk"])

    def _detail(self, action: Action, *, status: int = 200) -> Response:
        action = action_detail(user=self.request.user, pk=action.pk)
        context = {
            **self.get_serializer_context(),
            "updates": list(action_updates(action)),
            "history": list(action_history(action)),
        }
        return Response(ActionDetailSerializer(action, context=context).data, status=status)

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return self._detail(self.get_object())

    def _body(self, serializer_class: type) -> dict[str, Any]:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @_write("Report progress (multipart with `files` for evidence)", ActionProgressSerializer)
    @route(detail=True, methods=["post"], filterset_class=None)
    def progress(self, request: Request, pk: str | None = None) -> Response:
        action = self.get_object()
        services.check_can_report(request.user, action)  # permission before the body: 404, not 400
        data = self._body(ActionProgressSerializer)
        services.action_report_progress(
            action=action,
            user=request.user,
            text=data["text"],
            progress=data.get("progress"),
            files=data.get("files") or [],
            expected_version=data.get("version"),
        )
        return self._detail(action)

    @_write("Report the action done (multipart with `files` for evidence)", ActionReportDoneSerializer)
    @route(detail=True, methods=["post"], url_path="report-done", filterset_class=None)
    def report_done(self, request: Request, pk: str | None = None) -> Response:
        action = self.get_object()
        services.check_can_report(request.user, action)  # permission before the body: 404, not 400
        data = self._body(ActionReportDoneSerializer)
        services.action_report_done(
            action=action,
            user=request.user,
            text=data["text"],
            files=data.get("files") or [],
            expected_version=data.get("version"),
        )
        return self._detail(action)

    @_write("Verify a reported-done action (closes it)", ActionVerifySerializer)
    @route(detail=True, methods=["post"], filterset_class=None)
    def verify(self, request: Request, pk: str | None = None) -> Response:
        action = self.get_object()
        services.check_can_verify(request.user, action)  # permission before the body: 404, not 400
        data = self._body(ActionVerifySerializer)
        services.action_verify(
            action=action, user=request.user, text=data["text"], expected_version=data.get("version")
        )
        return self._detail(action)

    @_write(
        "Send a reported-done action back, with a reason and the progress accepted", ActionRejectSerializer
    )
    @route(detail=True, methods=["post"], filterset_class=None)
    def reject(self, request: Request, pk: str | None = None) -> Response:
        action = self.get_object()
        services.check_can_verify(request.user, action)  # permission before the body: 404, not 400
        data = self._body(ActionRejectSerializer)
        services.action_reject(
            action=action,
            user=request.user,
            reason=data["reason"],
            progress=data.get("progress"),
            expected_version=data.get("version"),
        )
        return self._detail(action)

    @_write("Cancel an action, with a reason", ActionReasonSerializer)
    @route(detail=True, methods=["post"], filterset_class=None)
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        action = self.get_object()
        services.check_can_verify(request.user, action)  # permission before the body: 404, not 400
        data = self._body(ActionReasonSerializer)
        services.action_cancel(
            action=action, user=request.user, reason=data["reason"], expected_version=data.get("version")
        )
        return self._detail(action)

    @_write("Change the deadline (ISO 8601 or Jalali), with a reason", ActionDeadlineSerializer)
    @route(detail=True, methods=["post"], url_path="change-deadline", filterset_class=None)
    def change_deadline(self, request: Request, pk: str | None = None) -> Response:
        action = self.get_object()
        services.check_can_verify(request.user, action)  # permission before the body: 404, not 400
        data = self._body(ActionDeadlineSerializer)
        services.check_deadline_span(action, data["deadline"])
        services.action_change_deadline(
            action=action,
            user=request.user,
            deadline=data["deadline"],
            deadline_text=data["deadline_text"],
            reason=data["reason"],
            expected_version=data.get("version"),
        )
        return self._detail(action)

    @_write("Ask the issuer for more time: a reason and a proposed date", ExtensionRequestBodySerializer)
    @route(detail=True, methods=["post"], url_path="request-extension", filterset_class=None)
    def request_extension(self, request: Request, pk: str | None = None) -> Response:
        action = self.get_object()
        services.check_can_report(request.user, action)  # permission before the body: 404, not 400
        data = self._body(ExtensionRequestBodySerializer)
        action_requests.extension_request(
            action=action,
            user=request.user,
            reason=data["reason"],
            proposed=data["proposed_deadline"],
            expected_version=data.get("version"),
        )
        return self._detail(action)

    @_write("Accept or refuse the pending extension request", ExtensionDecideSerializer)
    @route(detail=True, methods=["post"], url_path="decide-extension", filterset_class=None)
    def decide_extension(self, request: Request, pk: str | None = None) -> Response:
        action = self.get_object()
        services.check_can_verify(request.user, action)  # the issuer's side, before the body
        data = self._body(ExtensionDecideSerializer)
        pending = action.extension_requests.filter(status=ExtensionRequest.Status.PENDING).first()
        if pending is None:
            raise ValidationError({"accept": _("درخواست تمدیدی در انتظار پاسخ نیست.")})
        if data["accept"] is None:
            raise ValidationError({"accept": _("بپذیرید یا رد کنید (accept: true یا false).")})
        pending.action = action
        action_requests.extension_decide(
            request=pending,
            user=request.user,
            accept=data["accept"],
            reason=data["reason"],
            expected_version=data.get("version"),
        )
        return self._detail(action)

    @_write("Report an obstacle: what blocks and which organization is needed", ObstacleBodySerializer)
    @route(detail=True, methods=["post"], url_path="report-obstacle", filterset_class=None)
    def report_obstacle(self, request: Request, pk: str | None = None) -> Response:
        action = self.get_object()
        services.check_can_report(request.user, action)  # permission before the body: 404, not 400
        data = self._body(ObstacleBodySerializer)
        needed = None
        if data["needed_organization"] is not None:
            needed = Organization.objects.filter(pk=data["needed_organization"], is_active=True).first()
            if needed is None:
                raise ValidationError({"needed_organization": _("چنین سازمانی نیست.")})
        action_requests.obstacle_report(
            action=action,
            user=request.user,
            text=data["text"],
            needed=needed,
            expected_version=data.get("version"),
        )
        return self._detail(action)

    @_write("Say that an obstacle is gone", ObstacleClearSerializer)
    @route(detail=True, methods=["post"], url_path="clear-obstacle", filterset_class=None)
    def clear_obstacle(self, request: Request, pk: str | None = None) -> Response:
        action = self.get_object()
        if not (can_report_on_action(request.user, action) or can_verify_action(request.user, action)):
            raise Http404
        data = self._body(ObstacleClearSerializer)
        obstacle = Obstacle.objects.filter(pk=data["obstacle"] or 0, action=action).first()
        if obstacle is None:
            raise ValidationError({"obstacle": _("مانعی با این شناسه برای این اقدام نیست.")})
        obstacle.action = action
        action_requests.obstacle_clear(
            obstacle=obstacle, user=request.user, reason=data["reason"], expected_version=data.get("version")
        )
        return self._detail(action)

    @extend_schema(
        summary="Download one evidence file",
        tags=TAGS,
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, 404: ERRORS[404]},
    )
    @route(
        detail=True,
        methods=["get"],
        url_path=r"evidence/(?P<evidence_id>[0-9]+)",
        url_name="evidence",
        filterset_class=None,
        pagination_class=None,
    )
    def evidence(
        self, request: Request, pk: str | None = None, evidence_id: str | None = None
    ) -> FileResponse:
        action = self.get_object()
        evidence = Evidence.objects.filter(pk=evidence_id, update__action=action).first()
        if evidence is None or not evidence.file:
            raise Http404
        return files.download(
            evidence.file, filename=evidence.original_name, content_type=evidence.content_type
        )
