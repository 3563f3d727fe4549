"""Offices, demand categories and routing rules through the API: what demands are routed by.

Reads: offices through `facilitation.selectors` (scoped), categories and rules for every signed-in user
(they are not secret; Open311 publishes the categories). Writes of rules through
`demands.services.routing_rule_*`, which check who may write (NotAllowed → 404).
"""

from __future__ import annotations

from typing import Any

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action as route
from rest_framework.request import Request
from rest_framework.response import Response

from peygir.core.api.viewsets import ScopedViewSet
from peygir.core.errors import NotAllowed
from peygir.demands import offices as demand_offices
from peygir.demands import services
from peygir.demands.categories import can_manage_rule, can_manage_some_rule
from peygir.demands.models import DemandCategory, RoutingRule
from peygir.facilitation import selectors as office_selectors
from peygir.facilitation.models import FacilitationOffice

from .serializers import (
    CategorySerializer,
    CategoryTreeSerializer,
    OfficeSerializer,
    RoutingRuleSerializer,
    RoutingRuleWriteSerializer,
)
from .support import ERRORS, agency_by_id, category_by_id, territory_by_id

# ---------------------------------------------------------------- offices


@extend_schema_view(
    list=extend_schema(summary="Facilitation offices the user may see", tags=["offices"]),
    retrieve=extend_schema(summary="One facilitation office", tags=["offices"]),
)
class OfficeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = OfficeSerializer

    def get_queryset(self):
        return demand_offices.office_list(user=self.request.user)

    def get_object(self) -> FacilitationOffice:
        office = office_selectors.office_detail(user=self.request.user, pk=self.kwargs["pk"])
        return (
            FacilitationOffice.objects.prefetch_related("neighbourhoods")
            .select_related("organization__territory", "operator")
            .get(pk=office.pk)
        )


# ---------------------------------------------------------------- categories


class CategoryFilter(django_filters.FilterSet):
    is_active = django_filters.BooleanFilter()
    parent = django_filters.NumberFilter(field_name="parent_id")

    class Meta:
        model = DemandCategory
        fields = ["is_active", "parent"]


@extend_schema_view(
    list=extend_schema(summary="Demand categories (flat, with `parent`)", tags=["demands"]),
    retrieve=extend_schema(summary="One demand category", tags=["demands"]),
)
class CategoryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Categories are not secret: every signed-in user reads them (Open311 publishes them anyway)."""

    serializer_class = CategorySerializer
    filterset_class = CategoryFilter
    queryset = DemandCategory.objects.order_by("order", "name", "id")

    @extend_schema(
        summary="The category tree: roots with their `children`, recursively",
        tags=["demands"],
        responses=CategoryTreeSerializer(many=True),
    )
    @route(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def tree(self, request: Request) -> Response:
        children: dict[int | None, list[DemandCategory]] = {}
        for category in DemandCategory.objects.order_by("order", "name", "id"):
            children.setdefault(category.parent_id, []).append(category)
        roots = children.get(None, [])
        return Response(CategoryTreeSerializer(roots, many=True, context={"children": children}).data)


# ---------------------------------------------------------------- routing rules


class RoutingRuleFilter(django_filters.FilterSet):
    category = django_filters.NumberFilter(field_name="category_id")
    agency = django_filters.NumberFilter(field_name="agency_id")
    territory = django_filters.NumberFilter(field_name="territory_id")
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = RoutingRule
        fields = ["category", "agency", "territory", "is_active"]


@extend_schema_view(
    list=extend_schema(summary="Routing rules: (category, territory) → agency", tags=["demands"]),
    retrieve=extend_schema(summary="One routing rule", tags=["demands"]),
)
class RoutingRuleViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, ScopedViewSet
):
    """Read by every signed-in user; written only by office staff (the services check, NotAllowed → 404)."""

    serializer_class = RoutingRuleSerializer
    filterset_class = RoutingRuleFilter
    queryset = RoutingRule.objects.select_related("category", "territory", "agency").order_by(
        "category__order", "category__name", "territory__path", "id"
    )

    def _fields(self, *, partial: bool = False) -> dict[str, Any]:
        body = RoutingRuleWriteSerializer(data=self.request.data, partial=partial)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        if "category" in data:
            data["category"] = category_by_id(data["category"])
        if "territory" in data:
            data["territory"] = territory_by_id(data["territory"], "territory")
        if "agency" in data:
            data["agency"] = agency_by_id(data["agency"])
        return data

    def _answer(self, rule: RoutingRule, code: int = 200) -> Response:
        rule = self.get_queryset().get(pk=rule.pk)
        return Response(RoutingRuleSerializer(rule).data, status=code)

    @extend_schema(
        summary="Create a routing rule (office staff)",
        tags=["demands"],
        request=RoutingRuleWriteSerializer,
        responses={201: RoutingRuleSerializer, 400: ERRORS[400], 404: ERRORS[404]},
    )
    def create(self, request: Request) -> Response:
        if not can_manage_some_rule(request.user):
            raise NotAllowed  # permission before the body: 404, not 400
        fields = self._fields()
        is_active = fields.pop("is_active", True)
        rule = services.routing_rule_create(user=request.user, **fields)
        if not is_active:
            rule = services.routing_rule_update(user=request.user, rule=rule, is_active=False)
        return self._answer(rule, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a routing rule (office staff)",
        tags=["demands"],
        request=RoutingRuleWriteSerializer,
        responses={200: RoutingRuleSerializer, 400: ERRORS[400], 404: ERRORS[404]},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        rule = self.get_object()
        if not can_manage_rule(request.user, rule.territory):
            raise NotAllowed  # permission before the body: 404, not 400
        rule = services.routing_rule_update(user=request.user, rule=rule, **self._fields(partial=True))
        return self._answer(rule)

    @extend_schema(
        summary="Delete a routing rule (office staff)",
        tags=["demands"],
        responses={204: None, 404: ERRORS[404]},
    )
    def destroy(self, request: Request, pk: str | None = None) -> Response:
        services.routing_rule_delete(user=request.user, rule=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
