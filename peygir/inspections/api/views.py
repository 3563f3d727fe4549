"""API resources of inspections: facilities, checklists, plans, visits (with the device's submit and
photo upload), findings."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from peygir.actions.models import Action
from peygir.core.api.viewsets import ScopedViewSet
from peygir.core.errors import ValidationError

from .. import access, amendments, schedule, selectors, visits
from ..models import Finding
from . import serializers as s


@extend_schema_view(
    list=extend_schema(summary="Facilities the user may see", tags=["inspections"]),
    retrieve=extend_schema(summary="One facility", tags=["inspections"]),
)
class FacilityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = s.FacilitySerializer

    def get_queryset(self):
        return selectors.facility_list(self.request.user)


@extend_schema_view(
    list=extend_schema(summary="Checklist templates", tags=["inspections"]),
    retrieve=extend_schema(summary="One checklist with its latest version's questions", tags=["inspections"]),
)
class ChecklistViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    def get_queryset(self):
        return selectors.template_list(self.request.user)

    def get_serializer_class(self):
        return s.ChecklistDetailSerializer if self.action == "retrieve" else s.ChecklistSerializer


@extend_schema_view(
    list=extend_schema(
        summary="Inspection plans the user may read (seals, never dates)", tags=["inspections"]
    ),
    retrieve=extend_schema(summary="One plan", tags=["inspections"]),
)
class PlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = s.PlanSerializer

    def get_queryset(self):
        return selectors.plan_list(self.request.user).prefetch_related("draws")

    @extend_schema(
        summary="The plan's coming drawn visits, to amend them (managers only): facility, inspector and "
        "version — never a date",
        responses={200: s.ComingVisitSerializer(many=True)},
        tags=["inspections"],
    )
    @action(detail=True, methods=["get"], url_path="coming-visits")
    def coming_visits(self, request, pk=None):
        plan = schedule.managed_plan(request.user, self.get_object())
        page = self.paginate_queryset(schedule.coming_visits(plan=plan))
        return self.get_paginated_response(s.ComingVisitSerializer(page, many=True).data)


@extend_schema_view(
    list=extend_schema(
        summary="Visits whose date the user may know: their own up to tomorrow, past ones of plans they read",
        tags=["inspections"],
    ),
    retrieve=extend_schema(summary="One visit", tags=["inspections"]),
)
class VisitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = s.VisitSerializer

    def get_queryset(self):
        # Ordered by id, which is drawn in a random order: never by date.
        return access.visits_visible_to(self.request.user).select_related("facility").order_by("-pk")

    @extend_schema(
        summary="Submit a filled visit (idempotent by submission_id; 409 when the visit was done by another submission)",
        request=s.SubmitSerializer,
        responses={200: s.VisitSerializer},
        tags=["inspections"],
    )
    @action(detail=True, methods=["post"], parser_classes=[JSONParser])
    def submit(self, request, pk=None):
        visit = self.get_object()
        body = s.SubmitSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        result = visits.visit_submit(
            user=request.user,
            visit=visit,
            submission_id=data["submission_id"],
            answers={a["question"]: a for a in data["answers"]},
            checklist_version=data.get("checklist_version"),
            device_started_at=data.get("device_started_at"),
            device_submitted_at=data.get("device_submitted_at"),
            note=data.get("note", ""),
        )
        payload = s.VisitSerializer(result.visit).data
        payload["duplicate"] = result.duplicate
        payload["warnings"] = result.warnings
        return Response(payload, status=status.HTTP_200_OK)

    @extend_schema(
        summary="Amend a coming visit of a sealed schedule (the plan's managers): another inspector of the "
        "plan and/or another day drawn afresh, with a reason; a stale version answers 409. The answer "
        "names no date.",
        request=s.AmendSerializer,
        responses={200: s.DrawAmendmentSerializer},
        tags=["inspections"],
    )
    @action(detail=True, methods=["post"], parser_classes=[JSONParser])
    def amend(self, request, pk=None):
        # Not `get_object`: a coming visit is outside `visits_visible_to` for whoever amends it.
        visit = schedule.visit_to_amend(request.user, pk)
        body = s.AmendSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        inspector = None
        if data.get("inspector") is not None:
            inspector = visit.draw.plan.inspectors.filter(pk=data["inspector"]).first()
            if inspector is None:
                raise ValidationError({"inspector": _("بازرس تازه باید از بازرسان همین برنامه باشد.")})
        amendment = amendments.visit_amend(
            user=request.user,
            visit=visit,
            reason=data["reason"],
            inspector=inspector,
            redraw_date=data["redraw_date"],
            expected_version=data["version"],
        )
        return Response(s.DrawAmendmentSerializer(amendment).data, status=status.HTTP_200_OK)

    @extend_schema(
        summary="Upload one photo of a visit (images only; idempotent by client_id)",
        request=s.PhotoSerializer,
        responses={201: None, 200: None},
        tags=["inspections"],
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def photos(self, request, pk=None):
        visit = self.get_object()
        body = s.PhotoSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        photo, created = visits.visit_photo_add(
            user=request.user,
            visit=visit,
            client_id=body.validated_data["client_id"],
            upload=body.validated_data["file"],
            question_id=body.validated_data.get("question"),
        )
        return Response({"id": photo.pk, "created": created}, status=201 if created else 200)


@extend_schema_view(
    list=extend_schema(summary="Findings of the facilities the user may see", tags=["inspections"]),
    retrieve=extend_schema(summary="One finding with its action", tags=["inspections"]),
)
class FindingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = s.FindingSerializer

    def get_queryset(self):
        visible = access.facilities_visible_to(self.request.user).values("pk")
        return (
            Finding.objects.filter(facility__in=visible)
            .select_related("facility")
            .prefetch_related(Prefetch("actions", queryset=Action.objects.order_by("-pk")))
            .order_by("-pk")
        )
