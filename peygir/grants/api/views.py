"""Grants resources: calls, proposals, reviews, projects, milestones, instalments — read with the
pages' rules (access.py), written through the same services (approve a proposal, release an
instalment). Missing and forbidden both answer 404."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action as route
from rest_framework.request import Request
from rest_framework.response import Response

from peygir.actions.models import Action
from peygir.core.api.viewsets import ScopedViewSet
from peygir.core.errors import NotAllowed, ValidationError
from peygir.grants import access, selectors
from peygir.grants.models import Review
from peygir.grants.services import allocation, projects, proposals, reviews
from peygir.grants.services.proposals import Plan
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from .serializers import (
    ApproveSerializer,
    CallDetailSerializer,
    CallSerializer,
    InstalmentSerializer,
    MilestoneSerializer,
    ProjectSerializer,
    ProposalCreateSerializer,
    ProposalDecisionSerializer,
    ProposalDetailSerializer,
    ProposalReviewSerializer,
    ProposalSerializer,
    ProposalSubmitSerializer,
    ProposalUpdateSerializer,
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


def _ngo_of(user: Any, requested: int | None) -> Organization:
    """The NGO the user writes for: the one named, or their only one."""
    ids = access.ngo_ids(user)
    if requested is None:
        if len(ids) != 1:
            raise ValidationError({"ngo": _("سمنی را که طرح از سوی آن است (ngo) مشخص کنید.")})
        requested = next(iter(ids))
    if requested not in ids:
        raise ValidationError({"ngo": _("شما نماینده این سمن نیستید.")})
    return Organization.objects.get(pk=requested)


def _plan(call: Any, data: dict[str, Any]) -> Plan:
    """The body as the service's Plan; places outside the call's territory are refused by the
    service's own checks, places that do not exist here."""
    ids = {data["county"], *data.get("neighbourhoods", [])}
    by_id = {t.pk: t for t in Territory.objects.filter(pk__in=ids, is_active=True)}
    if data["county"] not in by_id:
        raise ValidationError({"county": _("شهرستان یافت نشد.")})
    hoods = []
    for pk in data.get("neighbourhoods", []):
        hood = by_id.get(pk)
        if hood is None or hood.kind != Territory.Kind.NEIGHBOURHOOD:
            raise ValidationError({"neighbourhoods": _("محله %(n)s یافت نشد.") % {"n": pk}})
        hoods.append(hood)
    return Plan(
        title=data["title"],
        summary=data.get("summary", ""),
        county=by_id[data["county"]],
        theme=data.get("theme", ""),
        neighbourhoods=hoods,
        beneficiaries_planned=data.get("beneficiaries_planned", 0),
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        requested_rials=data["requested_rials"],
        budget_lines=[(line["title"], line["amount_rials"]) for line in data["budget_lines"]],
        milestones=[(m["title"], m["due_on"], m["amount_rials"]) for m in data["milestones"]],
        answers=data.get("answers") or {},
    )


def _current(proposal: Any) -> dict[str, Any]:
    """The proposal's content in the body's shape, for a PATCH to change only what it sends."""
    return {
        "title": proposal.title,
        "summary": proposal.summary,
        "county": proposal.county_id,
        "theme": proposal.theme,
        "neighbourhoods": [t.pk for t in proposal.neighbourhoods.all()],
        "beneficiaries_planned": proposal.beneficiaries_planned,
        "starts_on": proposal.starts_on,
        "ends_on": proposal.ends_on,
        "requested_rials": proposal.requested_rials,
        "budget_lines": [
            {"title": b.title, "amount_rials": b.amount_rials} for b in proposal.budget_lines.all()
        ],
        "milestones": [
            {"title": m.title, "due_on": m.due_on, "amount_rials": m.amount_rials}
            for m in proposal.planned_milestones.all()
        ],
        "answers": dict(proposal.answers or {}),
    }


@extend_schema_view(
    list=extend_schema(summary="Proposals the user may see", tags=TAGS),
    retrieve=extend_schema(summary="One proposal with its budget lines and planned milestones", tags=TAGS),
)
class ProposalViewSet(mixins.CreateModelMixin, _ReadOnly):
    def get_queryset(self):
        qs = access.proposals_visible_to(self.request.user).select_related("ngo", "county", "call")
        if self.action in ("retrieve", "partial_update"):
            qs = qs.prefetch_related("budget_lines", "planned_milestones")
        return qs.order_by("-created_at", "-pk")

    def get_serializer_class(self):
        return ProposalSerializer if self.action == "list" else ProposalDetailSerializer

    def _detail(self, proposal: Any, status: int = 200) -> Response:
        proposal = selectors.proposal_detail(user=self.request.user, pk=proposal.pk)
        return Response(ProposalDetailSerializer(proposal).data, status=status)

    @extend_schema(
        summary="Write a draft proposal of your NGO to an open call (answers to the call's questions)",
        tags=TAGS,
        request=ProposalCreateSerializer,
        responses={201: ProposalDetailSerializer, 400: ERRORS[400], 404: ERRORS[404]},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not access.ngo_ids(request.user):
            raise NotAllowed  # only an NGO's representative writes proposals: 404 before the body
        body = ProposalCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data: dict[str, Any] = body.validated_data
        call = selectors.call_detail(user=request.user, pk=data["call"])
        proposal = proposals.proposal_create(
            user=request.user, call=call, ngo=_ngo_of(request.user, data.get("ngo")), plan=_plan(call, data)
        )
        return self._detail(proposal, status=201)

    @extend_schema(
        summary="Submit a draft or a returned proposal before the call's deadline",
        tags=TAGS,
        request=ProposalSubmitSerializer,
        responses={200: ProposalDetailSerializer, **ERRORS},
    )
    @route(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        proposal = self.get_object()
        if not access.can_edit_proposal(request.user, proposal):
            raise NotAllowed  # permission before the body: 404, not 400
        body = ProposalSubmitSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        proposal = proposals.proposal_submit(
            user=request.user, proposal=proposal, expected_version=body.validated_data["version"]
        )
        return self._detail(proposal)

    @extend_schema(
        summary="Change your NGO's draft or returned proposal (only the fields sent; `version` required)",
        tags=TAGS,
        request=ProposalUpdateSerializer,
        responses={200: ProposalDetailSerializer, **ERRORS},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        proposal = self.get_object()
        if not access.can_edit_proposal(request.user, proposal):
            raise NotAllowed  # permission before the body: 404, not 400
        body = ProposalUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(body.validated_data)
        version = data.pop("version")
        plan = _plan(proposal.call, {**_current(proposal), **data})
        # The service refuses a proposal past draft (unless returned) with its Persian message.
        proposal = proposals.proposal_update(
            user=request.user, proposal=proposal, plan=plan, expected_version=version
        )
        return self._detail(proposal)

    def _decide(self, request: Request, service: Any) -> Response:
        proposal = self.get_object()
        if not access.can_decide_proposal(request.user, proposal):
            raise NotAllowed  # permission before the body: 404, not 400
        body = ProposalDecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        proposal = service(
            user=request.user,
            proposal=proposal,
            reason=body.validated_data.get("reason", ""),
            expected_version=body.validated_data["version"],
        )
        return self._detail(proposal)

    @extend_schema(
        summary="Return a submitted or reviewed proposal to its NGO for changes, with what to change",
        tags=TAGS,
        request=ProposalDecisionSerializer,
        responses={200: ProposalDetailSerializer, **ERRORS},
    )
    @route(detail=True, methods=["post"], url_path="return", url_name="return")
    def send_back(self, request: Request, pk: str | None = None) -> Response:
        return self._decide(request, proposals.proposal_return)

    @extend_schema(
        summary="Reject a submitted or reviewed proposal, with the reason",
        tags=TAGS,
        request=ProposalDecisionSerializer,
        responses={200: ProposalDetailSerializer, **ERRORS},
    )
    @route(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        return self._decide(request, proposals.proposal_reject)

    @extend_schema(
        summary="Record your review: a score per criterion, or a declared conflict of interest (recused)",
        tags=TAGS,
        request=ProposalReviewSerializer,
        responses={201: ReviewSerializer, 400: ERRORS[400], 404: ERRORS[404]},
    )
    @route(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        proposal = self.get_object()
        if not access.can_review_proposal(request.user, proposal):
            raise NotAllowed  # permission before the body: 404, not 400
        body = ProposalReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data: dict[str, Any] = body.validated_data
        if data.get("conflict"):
            review = reviews.review_declare_conflict(
                user=request.user, proposal=proposal, reason=data.get("conflict_reason", "")
            )
        else:
            scores: dict[int, Any] = {}
            for row in data.get("scores") or []:
                if row["criterion"] in scores:
                    raise ValidationError({"scores": _("برای هر معیار تنها یک امتیاز بفرستید.")})
                scores[row["criterion"]] = row["score"]
            review = reviews.review_submit(
                user=request.user, proposal=proposal, scores=scores, comment=data.get("comment", "")
            )
        review = Review.objects.prefetch_related("scores").get(pk=review.pk)
        return Response(ReviewSerializer(review).data, status=201)

    @extend_schema(
        summary="Approve inside the county's envelope (the guard's matches decided first)",
        tags=TAGS,
        request=ApproveSerializer,
        responses={200: ProposalDetailSerializer, **ERRORS},
    )
    @route(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        proposal = self.get_object()
        if not access.can_decide_proposal(request.user, proposal):
            raise NotAllowed  # permission before the body: 404, not 400
        body = ApproveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data: dict[str, Any] = body.validated_data
        proposal = allocation.proposal_approve(
            user=request.user,
            proposal=proposal,
            amount_rials=data.get("amount_rials"),
            override_reason=data.get("override_reason", ""),
            expected_version=data["version"],
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
        if not access.can_high_supervise(request.user, instalment.project):
            raise NotAllowed  # permission before the body: 404, not 400
        body = ReleaseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        instalment = projects.instalment_release(
            user=request.user,
            instalment=instalment,
            reference=body.validated_data.get("reference", ""),
            expected_version=body.validated_data["version"],
        )
        return Response(InstalmentSerializer(instalment).data)
