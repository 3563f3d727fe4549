"""Scorecards on the API: a territory's (with its organizations and child territories, ranked) and
an organization's. The same rules as the pages (peygir/evaluation/access.py): a missing and a
forbidden subject are both 404."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from peygir.core.api.viewsets import ScopedViewSet
from peygir.evaluation import access, selectors
from peygir.evaluation.web.forms import YearForm
from peygir.territory.models import Territory

from .serializers import ScorecardSerializer, TerritoryScorecardSerializer

TAGS = ["scorecards"]
PARAMETERS = [
    OpenApiParameter("year", OpenApiTypes.INT, description="Jalali year (default: this year)"),
    OpenApiParameter(
        "period",
        OpenApiTypes.STR,
        enum=["S1", "S2", "S3", "S4", *(f"M{m:02d}" for m in range(1, 13))],
        description="a Jalali season (S1..S4) or month (M01..M12) of the year; default the whole year",
    ),
    OpenApiParameter(
        "as_of", OpenApiTypes.STR, description="read as of this day (Jalali or ISO); default today"
    ),
    OpenApiParameter(
        "weights", OpenApiTypes.INT, description="an earlier version of the weights, to reproduce"
    ),
]
ERRORS = {
    400: OpenApiResponse(description="Invalid year, period or date; `{field: [Persian message]}`."),
    404: OpenApiResponse(description="No such territory or organization, or not yours to see."),
}


def _values(request: Request) -> dict:
    form = YearForm(request.query_params or None)
    if form.is_bound and not form.is_valid():
        raise ApiValidationError(form.errors)
    return form.values()


class TerritoryScorecardViewSet(ScopedViewSet):
    serializer_class = TerritoryScorecardSerializer
    pagination_class = None

    def get_queryset(self):
        return Territory.objects.none()  # subjects are looked up by the access rules, not listed

    @extend_schema(
        summary="A territory's scorecard with its organizations and child territories",
        tags=TAGS,
        parameters=PARAMETERS,
        responses={200: TerritoryScorecardSerializer, **ERRORS},
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        territory = access.territory_for(request.user, pk)
        view = selectors.territory_view(territory, **_values(request))
        return Response(TerritoryScorecardSerializer(view).data)


class AgencyScorecardViewSet(ScopedViewSet):
    serializer_class = ScorecardSerializer
    pagination_class = None

    def get_queryset(self):
        return Territory.objects.none()

    @extend_schema(
        summary="An organization's scorecard",
        tags=TAGS,
        parameters=PARAMETERS,
        responses={200: ScorecardSerializer, **ERRORS},
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        organization = access.agency_for(request.user, pk)
        card = selectors.agency_card(organization, **_values(request))
        return Response(ScorecardSerializer(card).data)
