"""Territories: the tree for every signed-in user; the geometry only on its own endpoint."""

from __future__ import annotations

import django_filters
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from peygir.core.api.viewsets import ScopedViewSet
from peygir.territory.models import Territory, TerritoryBoundary
from peygir.territory.selectors import territory_ancestors

from .serializers import (
    TerritoryBoundarySerializer,
    TerritoryDetailSerializer,
    TerritorySerializer,
)


class TerritoryFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Territory.Kind.choices)
    parent = django_filters.NumberFilter(field_name="parent_id")
    within = django_filters.NumberFilter(method="filter_within", label="Descendants of this territory")

    class Meta:
        model = Territory
        fields = ["kind", "parent", "within"]

    def filter_within(self, queryset, name: str, value: int):
        root = Territory.objects.filter(pk=value).only("path").first()
        if root is None:
            return queryset.none()
        return queryset.filter(path__startswith=root.path).exclude(pk=root.pk)


@extend_schema_view(
    list=extend_schema(summary="Territories (no geometry)", tags=["territories"]),
    retrieve=extend_schema(summary="One territory with its ancestors", tags=["territories"]),
)
class TerritoryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """The territorial tree is public to every signed-in user (it is geography, not a record)."""

    filterset_class = TerritoryFilter

    def get_queryset(self):
        return Territory.objects.filter(is_active=True).order_by("path")

    def get_serializer_class(self):
        return TerritoryDetailSerializer if self.action == "retrieve" else TerritorySerializer

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        territory = self.get_object()
        ancestors = list(territory_ancestors(territory, include_self=False))
        return Response(TerritoryDetailSerializer(territory, context={"ancestors": ancestors}).data)

    @extend_schema(summary="The boundary of one territory (GeoJSON)", tags=["territories"])
    @action(detail=True, methods=["get"], serializer_class=TerritoryBoundarySerializer, filterset_class=None)
    def boundary(self, request: Request, pk: str | None = None) -> Response:
        territory = self.get_object()
        boundary = TerritoryBoundary.objects.filter(territory=territory).first()
        if boundary is None:
            raise Http404
        return Response(TerritoryBoundarySerializer(boundary).data)
