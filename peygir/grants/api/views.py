"""Grants resources: calls, proposals, reviews, projects, milestones, instalments — read with the
pages' rules (access.py), written through the same services (approve a proposal, release an
instalment). Missing and forbidden both answer 404."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action as route
from rest_framework.request import Request
from rest_framework.response import Response

from peygir.actions.models import Action
from peygir.core.api.viewsets import ScopedViewSet
from peygir.grants import access
from peygir.grants.models import Review
from peygir.grants.services import allocation, projects

from .serializers import (
    ApproveSerializer,
    CallDetailSerializer,
    CallSerializer,
    InstalmentSerializer,
    MilestoneSerializer,
    ProjectSerializer,
    ProposalDetailSerializer,
    ProposalSerializer,
    ReleaseSerializer,
    ReviewSerializer,
)

TAGS = ["grants"]
ERRORS = {
    400: OpenApiResponse(description="Invalid input; `{field: [Persian message]}`."),
    404: OpenApiResponse(description="Not found, or not yours to see or change."),
    409: OpenApiResponse(description="`version` is stale."),
}


class _ReadOnly(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    pass


@extend_schema_view(
    list=extend_schema(summary="NGO calls the user may see", tags=TAGS),
    retrieve=extend_schema(summary="One call with its county envelopes", tags=TAGS),
)
class CallViewSet(_ReadOnly):
    def get_queryset(self):
        qs = access.calls_visible_to(self.request.user).select_related("office", "territory")
        if self.action == "retrieve":
            qs = qs.prefetch_related("envelopes__county")
        return qs.order_by("-opens_on", "-pk")

    def get_serializer_class(self):
        return CallDetailSerializer if self.action == "retrieve" else CallSerializer


@extend_schema_view(
    list=extend_schema(summary="Proposals the user may see", tags=TAGS),
    retrieve=extend_schema(summary="One proposal with its budget lines and planned milestones", tags=TAGS),
)
class ProposalViewSet(_ReadOnly):
    def get_queryset(self):
        qs = access.proposals_visible_to(self.request.user).select_related("ngo", "county")
        if self.action == "retrieve":
            qs = qs.prefetch_related("budget_lines", "planned_milestones")
        return qs.order_by("-created_at", "-pk")

    def get_serializer_class(self):
        return ProposalSerializer if self.action == "list" else ProposalDetailSerializer

    @extend_schema(
        summary="Approve inside the county's envelope (the guard's matches decided first)",
        tags=TAGS,
        request=ApproveSerializer,
        responses={200: ProposalDetailSerializer, **ERRORS},
    )
    @route(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        proposal = self.get_object()
        body = ApproveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data: dict[str, Any] = body.validated_data
        proposal = allocation.proposal_approve(
            user=request.user,
            proposal=proposal,
            amount_rials=data.get("amount_rials"),
            override_reason=data.get("override_reason", ""),
            expected_version=data.get("version"),
        )
        return Response(ProposalDetailSerializer(proposal).data)


@extend_schema_view(
    list=extend_schema(summary="Reviews the user may see (blind until their own is in)", tags=TAGS),
    retrieve=extend_schema(summary="One review with its scores", tags=TAGS),
)
class ReviewViewSet(_ReadOnly):
    serializer_class = ReviewSerializer

    def get_queryset(self):
        return (
            Review.objects.filter(access.reviews_visible_q(self.request.user))
            .prefetch_related("scores")
            .order_by("-created_at", "-pk")
        )


@extend_schema_view(
    list=extend_schema(summary="Projects the user may see", tags=TAGS),
    retrieve=extend_schema(summary="One project", tags=TAGS),
)
class ProjectViewSet(_ReadOnly):
    serializer_class = ProjectSerializer

    def get_queryset(self):
        return (
            access.projects_visible_to(self.request.user)
            .select_related("ngo", "county", "supervisor", "high_supervisor")
            .order_by("-created_at", "-pk")
        )


@extend_schema_view(
    list=extend_schema(summary="Milestones of the projects the user may see, with their actions", tags=TAGS),
    retrieve=extend_schema(summary="One milestone", tags=TAGS),
)
class MilestoneViewSet(_ReadOnly):
    serializer_class = MilestoneSerializer

    def get_queryset(self):
        return (
            access.milestones_visible_to(self.request.user)
            .prefetch_related(
                Prefetch("actions", queryset=Action.objects.only("pk", "status", "milestone_id"))
            )
            .order_by("project_id", "number")
        )


@extend_schema_view(
    list=extend_schema(summary="Instalments of the projects the user may see", tags=TAGS),
    retrieve=extend_schema(summary="One instalment", tags=TAGS),
)
class InstalmentViewSet(_ReadOnly):
    serializer_class = InstalmentSerializer

    def get_queryset(self):
        return access.instalments_visible_to(self.request.user).order_by("project_id", "pk")

    @extend_schema(
        summary="Release an instalment (verified milestone; the guard's matches decided)",
        tags=TAGS,
        request=ReleaseSerializer,
        responses={200: InstalmentSerializer, **ERRORS},
    )
    @route(detail=True, methods=["post"])
    def release(self, request: Request, pk: str | None = None) -> Response:
        instalment = self.get_object()
        body = ReleaseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        instalment = projects.instalment_release(
            user=request.user,
            instalment=instalment,
            reference=body.validated_data.get("reference", ""),
            expected_version=body.validated_data.get("version"),
        )
        return Response(InstalmentSerializer(instalment).data)
