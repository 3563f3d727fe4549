"""Committees the user may see, with their members."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins

from peygir.committees.models import Committee
from peygir.committees.selectors import committee_detail, committee_list
from peygir.core.api.viewsets import ScopedViewSet

from .serializers.committees import CommitteeDetailSerializer, CommitteeSerializer


class CommitteeFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Committee.Kind.choices)
    parent = django_filters.NumberFilter(field_name="parent_id")
    territory = django_filters.NumberFilter(field_name="territory_id")

    class Meta:
        model = Committee
        fields = ["kind", "parent", "territory"]


@extend_schema_view(
    list=extend_schema(summary="Committees the user may see", tags=["committees"]),
    retrieve=extend_schema(summary="One committee with its members", tags=["committees"]),
)
class CommitteeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    filterset_class = CommitteeFilter

    def get_queryset(self):
        return committee_list(user=self.request.user)

    def get_object(self) -> Committee:
        return committee_detail(user=self.request.user, pk=self.kwargs["pk"])

    def get_serializer_class(self):
        return CommitteeDetailSerializer if self.action == "retrieve" else CommitteeSerializer
