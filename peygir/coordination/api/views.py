"""Coordination on the API: candidate pairs and their review, decisions and their undo, the entry
check for agencies' own systems. The same services and rules as the pages: permission before the
body (a forbidden request is 404 whatever it carries), `version` on undo (409 when stale)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action as route
from rest_framework.request import Request
from rest_framework.response import Response

from peygir.core.api.viewsets import ScopedViewSet
from peygir.core.errors import NotAllowed, ValidationError

from .. import access, selectors, services
from ..checks import Draft, check_entry, territory_of
from ..models import CandidatePair, Decision
from ..pairs import parse_key
from .serializers import (
    CandidatePairSerializer,
    CandidateSerializer,
    CheckQuerySerializer,
    DecideSerializer,
    DecisionCreateSerializer,
    DecisionSerializer,
    UndoSerializer,
)

TAGS = ["coordination"]
ERRORS = {
    400: OpenApiResponse(description="Invalid input; `{field: [Persian message]}`."),
    404: OpenApiResponse(description="No such pair or decision, or not yours to decide."),
}


class _TitlesMixin:
    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()  # type: ignore[misc]
        context.setdefault("titles", {})
        return context

    def paginated(self, queryset: Any) -> Response:
        page = self.paginate_queryset(queryset)  # type: ignore[attr-defined]
        titles = selectors.titles(self.request.user, [k for obj in page for k in (obj.a_key, obj.b_key)])  # type: ignore[attr-defined]
        data = self.get_serializer_class()(
            page, many=True, context={**self.get_serializer_context(), "titles": titles}
        ).data  # type: ignore[attr-defined]
        return self.get_paginated_response(data)  # type: ignore[attr-defined]

    def one(self, obj: Any, status: int = 200) -> Response:
        titles = selectors.titles(self.request.user, [obj.a_key, obj.b_key])  # type: ignore[attr-defined]
        data = self.get_serializer_class()(
            obj, context={**self.get_serializer_context(), "titles": titles}
        ).data  # type: ignore[attr-defined]
        return Response(data, status=status)


@extend_schema_view(
    list=extend_schema(summary="Open candidate pairs of parallel work for the office's review", tags=TAGS),
    retrieve=extend_schema(summary="One candidate pair", tags=TAGS),
)
class CandidatePairViewSet(_TitlesMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = CandidatePairSerializer

    def get_queryset(self):
        status = self.request.query_params.get("status") or CandidatePair.Status.OPEN
        if status not in CandidatePair.Status.values:
            status = CandidatePair.Status.OPEN
        return selectors.candidates_for_review(self.request.user, status=status)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.paginated(self.get_queryset())

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.one(self.get_object())

    @extend_schema(
        summary="Decide a candidate pair (the office): parallel with a lead, co-funded, or not",
        tags=TAGS,
        request=DecideSerializer,
        responses={201: DecisionSerializer, **ERRORS},
    )
    @route(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        pair = self.get_object()  # permission before the body: the office's own pairs only
        body = DecideSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        decision = services.decide(
            user=request.user,
            first=pair.a_key,
            second=pair.b_key,
            outcome=data["outcome"],
            lead={"a": pair.a_key, "b": pair.b_key}.get(data["lead"]),
            note=data["note"],
            origin=Decision.Origin.REVIEW,
            score=pair.score,
        )
        self.serializer_class = DecisionSerializer
        return self.one(decision, status=201)


@extend_schema_view(
    list=extend_schema(
        summary="Decisions about pairs of records (the coordination graph's edges)", tags=TAGS
    ),
    retrieve=extend_schema(summary="One decision", tags=TAGS),
)
class DecisionViewSet(_TitlesMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = DecisionSerializer

    def get_queryset(self):
        qs = selectors.decisions_visible_to(self.request.user).select_related(
            "a_organization", "b_organization"
        )
        if self.request.query_params.get("current") in ("1", "true"):
            qs = qs.filter(undone_at__isnull=True)
        return qs.order_by("-decided_at", "-pk")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.paginated(self.get_queryset())

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.one(self.get_object())

    @extend_schema(
        summary="Decide about two records (who acts for one of them, or the office)",
        tags=TAGS,
        request=DecisionCreateSerializer,
        responses={201: DecisionSerializer, **ERRORS},
    )
    def create(self, request: Request) -> Response:
        if not access.can_check(request.user):
            raise NotAllowed
        body = DecisionCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        first, second = parse_key(data["first"]), parse_key(data["second"])
        # A key the serializer let through but that names no record ("_:0"): a field error, not a 500.
        bad = {
            name: _("مورد را به شکل «نوع:شناسه» بنویسید.")
            for name, key in (("first", first), ("second", second))
            if key is None
        }
        if bad:
            raise ValidationError(bad)
        decision = services.decide(
            user=request.user,
            first=first,
            second=second,
            outcome=data["outcome"],
            lead=parse_key(data["lead"]),
            note=data["note"],
            origin=Decision.Origin.API,
        )
        return self.one(decision, status=201)

    @extend_schema(
        summary="Undo a decision (kept in the history; the pair may be asked again)",
        tags=TAGS,
        request=UndoSerializer,
        responses={
            200: DecisionSerializer,
            **ERRORS,
            409: OpenApiResponse(description="`version` is stale: somebody else changed the decision."),
        },
    )
    @route(detail=True, methods=["post"])
    def undo(self, request: Request, pk: str | None = None) -> Response:
        decision = self.get_object()
        if decision.undone_at is None:
            services.check_undo(request.user, decision)  # permission before the body: 404, not 400
        body = UndoSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        decision = services.undo(
            user=request.user, decision=decision, reason=data["reason"], expected_version=data.get("version")
        )
        return self.one(decision)


class EntryCheckViewSet(ScopedViewSet):
    serializer_class = CandidateSerializer
    pagination_class = None

    def get_queryset(self):
        return CandidatePair.objects.none()

    @extend_schema(
        summary="The entry check: other bodies' similar work for a record about to be entered",
        tags=TAGS,
        parameters=[CheckQuerySerializer],
        responses={200: CandidateSerializer(many=True), **ERRORS},
    )
    def list(self, request: Request) -> Response:
        if not access.can_check(request.user):
            raise NotAllowed
        query = CheckQuerySerializer(
            data={**request.query_params.dict(), "organization": request.query_params.getlist("organization")}
        )
        query.is_valid(raise_exception=True)
        data = query.validated_data
        county, hood, path = territory_of(data.get("territory"))
        draft = Draft(
            title=data["title"],
            body=data["body"],
            organization_ids=frozenset(data["organization"]),
            county_id=county,
            neighbourhood_id=hood,
            territory_path=path,
            starts_on=data.get("starts_on"),
            ends_on=data.get("ends_on"),
        )
        return Response(CandidateSerializer(check_entry(draft, request.user), many=True).data)
