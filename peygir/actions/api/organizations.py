"""Organizations: the directory (every signed-in user) and the record (those who may read it)."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.request import Request
from rest_framework.response import Response

from peygir.actions.selectors import action_counts
from peygir.core.api.viewsets import ScopedViewSet
from peygir.core.text import normalize_text
from peygir.organizations import access
from peygir.organizations.api.serializers import OrganizationDetailSerializer, OrganizationSerializer
from peygir.organizations.models import Organization
from peygir.territory.models import Territory


class OrganizationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Organization.Kind.choices)
    territory = django_filters.NumberFilter(method="filter_territory", label="In this territory or below")
    parent = django_filters.NumberFilter(field_name="parent_id")
    q = django_filters.CharFilter(method="filter_q", label="Search the name (Persian letters normalized)")
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = Organization
        fields = ["kind", "territory", "parent", "q", "is_active"]

    def filter_territory(self, queryset, name: str, value: int):
        root = Territory.objects.filter(pk=value).only("path").first()
        return queryset.filter(territory__path__startswith=root.path) if root else queryset.none()

    def filter_q(self, queryset, name: str, value: str):
        text = normalize_text(value)
        return queryset.filter(name_normalized__contains=text) if text else queryset


@extend_schema_view(
    list=extend_schema(summary="Organizations (directory)", tags=["organizations"]),
)
class OrganizationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    filterset_class = OrganizationFilter

    def get_queryset(self):
        qs = Organization.objects.select_related("territory", "parent")
        if self.action == "retrieve":
            qs = qs.select_related("supervisor").prefetch_related("members_of_group")
        return access.organizations_visible_to(self.request.user, qs).order_by("name", "id")

    def get_serializer_class(self):
        return OrganizationDetailSerializer if self.action == "retrieve" else OrganizationSerializer

    @extend_schema(
        summary="One organization; `action_counts` only for those who may read its record",
        tags=["organizations"],
    )
    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        organization = self.get_object()
        counts = None
        if access.can_view_organization_record(request.user, organization):
            counts = action_counts(user=request.user, organization_id=organization.pk)
        serializer = OrganizationDetailSerializer(organization, context={"action_counts": counts})
        return Response(serializer.data)
