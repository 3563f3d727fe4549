"""Programs, duties, indicators and values over the API, with the pages' permissions (access.py).

Bulk entry (`POST indicator-values/bulk/`) writes every row or none: a bad row anywhere answers 400
with `rows: [{row, errors}]` (rows numbered from 1 in the order sent).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action as route
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from peygir.actions.models import Action
from peygir.core.api.viewsets import ScopedViewSet
from peygir.organizations.access import get_for_user, organizations_visible_to
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from .. import access, approvals, duties, selectors
from .. import indicators as definitions
from ..imports import values_enter_many
from ..models import Duty, Goal, IndicatorValue, Program
from ..periods import Period, PeriodError, parse_period
from ..values import BulkError, Row, find_closure, value_comment
from . import serializers as s

ERRORS = {
    400: OpenApiResponse(description="Invalid input; `{field: [Persian message]}`."),
    404: OpenApiResponse(description="No such object, or not yours to see or change."),
}


def _body(view: Any, serializer_class: type) -> dict[str, Any]:
    serializer = serializer_class(data=view.request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _territory(pk: int) -> Territory:
    try:
        return Territory.objects.get(pk=pk)
    except Territory.DoesNotExist as exc:
        raise NotFound from exc


class ProgramFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=Program.Level.choices)
    theme = django_filters.CharFilter()
    territory = django_filters.NumberFilter(field_name="territory_id")

    class Meta:
        model = Program
        fields = ["level", "theme", "territory"]


@extend_schema_view(
    list=extend_schema(summary="Programs the user may see", tags=["programs"]),
    retrieve=extend_schema(summary="One program with its goals", tags=["programs"]),
)
class ProgramViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    filterset_class = ProgramFilter

    def get_queryset(self):
        qs = access.programs_visible_to(self.request.user).select_related("territory", "owner")
        if self.action == "retrieve":
            qs = qs.prefetch_related("goals")
        return qs.order_by("-start_year", "title", "id")

    def get_serializer_class(self):
        return s.ProgramDetailSerializer if self.action == "retrieve" else s.ProgramSerializer

    @extend_schema(
        summary="Create a program (a province adopts a national one with `adopted_from`)",
        tags=["programs"],
        request=s.ProgramCreateSerializer,
        responses={201: s.ProgramDetailSerializer, **ERRORS},
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        if not access.may_manage_some_program(request.user):
            raise NotFound
        data = _body(self, s.ProgramCreateSerializer)
        territory = _territory(data.pop("territory"))
        owner = get_object_or_404(
            organizations_visible_to(request.user, Organization.objects.all()), pk=data.pop("owner")
        )
        adopted = data.pop("adopted_from")
        if adopted is not None:
            national = get_for_user(access.programs_visible_to(request.user), adopted)
            program = duties.program_adopt(
                user=request.user, national=national, territory=territory, owner=owner
            )
        else:
            program = duties.program_create(user=request.user, territory=territory, owner=owner, **data)
        return Response(s.ProgramDetailSerializer(program).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Add a goal to a program",
        tags=["programs"],
        request=s.GoalCreateSerializer,
        responses={201: s.GoalSerializer, **ERRORS},
    )
    @route(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def goals(self, request: Request, pk: str | None = None) -> Response:
        program = self.get_object()
        if not access.can_manage_program(request.user, program):
            raise NotFound
        goal = duties.goal_add(
            user=request.user, program=program, title=_body(self, s.GoalCreateSerializer)["title"]
        )
        return Response(s.GoalSerializer(goal).data, status=status.HTTP_201_CREATED)


class DutyFilter(django_filters.FilterSet):
    program = django_filters.NumberFilter(field_name="program_id")
    responsible = django_filters.NumberFilter(field_name="responsible_id")
    recurrence = django_filters.ChoiceFilter(choices=Duty.Recurrence.choices)

    class Meta:
        model = Duty
        fields = ["program", "responsible", "recurrence"]


@extend_schema_view(
    list=extend_schema(summary="Duties of the programs the user may see", tags=["programs"]),
    retrieve=extend_schema(summary="One duty with its actions", tags=["programs"]),
)
class DutyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    filterset_class = DutyFilter
    serializer_class = s.DutySerializer

    def get_queryset(self):
        visible = access.programs_visible_to(self.request.user).values("pk")
        return (
            Duty.objects.filter(program__in=visible)
            .select_related("responsible")
            .prefetch_related(
                Prefetch("actions", queryset=Action.objects.only("id", "duty_id").order_by("id"))
            )
            .order_by("program_id", "id")
        )

    @extend_schema(
        summary="Create a duty: its action(s) go to the responsible organization",
        tags=["programs"],
        request=s.DutyCreateSerializer,
        responses={201: s.DutySerializer, **ERRORS},
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        if not access.may_manage_some_program(request.user):
            raise NotFound
        data = _body(self, s.DutyCreateSerializer)
        program = get_for_user(
            access.programs_visible_to(request.user).select_related("territory", "owner"), data.pop("program")
        )
        responsible = get_object_or_404(Organization, pk=data.pop("responsible"))
        goal_id = data.pop("goal")
        goal = get_object_or_404(program.goals, pk=goal_id) if goal_id else None
        duty = duties.duty_create(
            user=request.user, program=program, responsible=responsible, goal=goal, **data
        )
        return Response(s.DutySerializer(duty).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Indicators and their current definitions", tags=["indicators"]),
    retrieve=extend_schema(summary="One indicator", tags=["indicators"]),
)
class IndicatorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = s.IndicatorSerializer
    filterset_class = None

    def get_queryset(self):
        return access.indicators_visible_to(self.request.user, selectors.indicators_for()).order_by("code")

    @extend_schema(
        summary="Define an indicator (national staff; a program's managers for their program): its first version",
        tags=["indicators"],
        request=s.IndicatorCreateSerializer,
        responses={201: s.IndicatorSerializer, **ERRORS},
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        if not access.may_define_some_indicator(request.user):
            raise NotFound
        data = _body(self, s.IndicatorCreateSerializer)
        program_id = data.pop("program")
        program = get_for_user(access.programs_visible_to(request.user), program_id) if program_id else None
        indicator = definitions.indicator_create(user=request.user, program=program, **data)
        return Response(s.IndicatorSerializer(indicator).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="A new version of the definition (values keep theirs)",
        tags=["indicators"],
        request=s.DefinitionSerializer,
        responses={201: s.IndicatorSerializer, **ERRORS},
    )
    @route(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def versions(self, request: Request, pk: str | None = None) -> Response:
        indicator = self.get_object()
        if not access.can_edit_indicator(request.user, indicator):
            raise NotFound
        definitions.indicator_new_version(
            user=request.user, indicator=indicator, **_body(self, s.DefinitionSerializer)
        )
        indicator.refresh_from_db()
        return Response(s.IndicatorSerializer(indicator).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Set a yearly target for a territory",
        tags=["indicators"],
        request=s.TargetCreateSerializer,
        responses={201: s.TargetSerializer, **ERRORS},
    )
    @route(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def targets(self, request: Request, pk: str | None = None) -> Response:
        indicator = self.get_object()
        if not access.may_manage_some_program(request.user):
            raise NotFound
        data = _body(self, s.TargetCreateSerializer)
        territory = _territory(data["territory"])
        goal = None
        if data["goal"]:
            goal = get_object_or_404(
                Goal.objects.filter(program__in=access.programs_visible_to(request.user)),
                pk=data["goal"],
            )
        target = definitions.target_set(
            user=request.user,
            indicator=indicator,
            territory=territory,
            year=data["year"],
            value=data["value"],
            goal=goal,
            expected_version=data["version"],
        )
        return Response(s.TargetSerializer(target).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="The indicator's figure for a territory and a period (rates from summed numerators and denominators)",
        tags=["indicators"],
        parameters=[
            OpenApiParameter("territory", int, required=True),
            OpenApiParameter("period", str, required=True),
        ],
        responses={200: s.FigureSerializer, **ERRORS},
    )
    @route(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def figure(self, request: Request, pk: str | None = None) -> Response:
        indicator = self.get_object()
        try:
            territory = _territory(int(request.query_params.get("territory", "")))
            period = parse_period(request.query_params.get("period", ""))
        except (ValueError, PeriodError) as exc:
            raise ValidationError({"period": [str(exc)]}) from exc
        if not access.can_read_territory(request.user, territory):
            raise NotFound
        aggregate = selectors.aggregate_value(indicator, territory, period)
        return Response(s.FigureSerializer(aggregate).data)


class ValueFilter(django_filters.FilterSet):
    indicator = django_filters.NumberFilter(field_name="indicator_id")
    territory = django_filters.NumberFilter(field_name="territory_id")
    year = django_filters.NumberFilter()
    status = django_filters.ChoiceFilter(choices=IndicatorValue.Status.choices)

    class Meta:
        model = IndicatorValue
        fields = ["indicator", "territory", "year", "status"]


@extend_schema_view(
    list=extend_schema(summary="Indicator values the user may see", tags=["indicators"]),
    retrieve=extend_schema(summary="One value", tags=["indicators"]),
)
class IndicatorValueViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    filterset_class = ValueFilter
    serializer_class = s.IndicatorValueSerializer

    def get_queryset(self):
        return (
            access.values_visible_to(self.request.user)
            .select_related("territory")
            .order_by("-period_start", "id")
        )

    @extend_schema(
        summary="Enter values in bulk: every row or none",
        description="Rows are numbered from 1 in the order sent. A bad row anywhere (territory, period, "
        "number, zero denominator, range, locked value, closed period, repeated row) answers 400 with "
        "`rows: [{row, errors}]` and nothing is written. A sudden jump is reported in `flagged`, not refused.",
        tags=["indicators"],
        request=s.BulkValuesSerializer,
        responses={201: s.BulkResultSerializer, 400: s.BulkErrorSerializer, 404: ERRORS[404]},
    )
    @route(detail=False, methods=["post"], filterset_class=None, pagination_class=None)
    def bulk(self, request: Request) -> Response:
        data = _body(self, s.BulkValuesSerializer)
        indicator = get_for_user(
            access.indicators_visible_to(request.user, selectors.indicators_for()), data["indicator"]
        )
        rows = [
            (
                r["period"],
                Row(
                    territory=r["territory"],
                    value=r["value"],
                    numerator=r["numerator"],
                    denominator=r["denominator"],
                    disaggregation=r["disaggregation"],
                    comment=r["comment"],
                    line=n,
                ),
            )
            for n, r in enumerate(data["rows"], start=1)
        ]
        try:
            result = values_enter_many(user=request.user, indicator=indicator, rows=rows)
        except BulkError as exc:
            return Response(
                {"detail": exc.messages[0], "rows": [{"row": n, "errors": m} for n, m in exc.rows.items()]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        body = {
            "created": result.created,
            "changed": result.changed,
            "unchanged": result.unchanged,
            "flagged": [{"row": n, "errors": m} for n, m in result.flagged.items()],
        }
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Approve a territory's values of a period at a level (county, province, national)",
        tags=["indicators"],
        request=s.ApprovalSerializer,
        responses={200: s.ApprovalResultSerializer, **ERRORS},
    )
    @route(detail=False, methods=["post"], filterset_class=None, pagination_class=None)
    def approve(self, request: Request) -> Response:
        data = _body(self, s.ApprovalSerializer)
        territory = _territory(data["territory"])
        try:
            period = parse_period(data["period"])
        except PeriodError as exc:
            raise ValidationError({"period": [str(exc)]}) from exc
        indicators = selectors.indicators_for().filter(current_version__period_type=period.type)
        if data["indicators"]:
            indicators = indicators.filter(pk__in=data["indicators"])
        count = approvals.values_approve(
            user=request.user,
            indicators=list(indicators),
            territory=territory,
            period=period,
            level=data["level"],
        )
        return Response({"approved": count})

    @extend_schema(
        summary="Comment on a value (kept in its history)",
        tags=["indicators"],
        request=s.CommentSerializer,
        responses={201: s.CommentResultSerializer, **ERRORS},
    )
    @route(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def comments(self, request: Request, pk: str | None = None) -> Response:
        value = self.get_object()
        event = value_comment(user=request.user, value=value, text=_body(self, s.CommentSerializer)["text"])
        return Response({"id": event.pk, "text": event.text}, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Send an approved value back for correction (history keeps it)",
        tags=["indicators"],
        request=s.ReopenSerializer,
        responses={200: s.IndicatorValueSerializer, **ERRORS},
    )
    @route(detail=True, methods=["post"], filterset_class=None, pagination_class=None)
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        value = self.get_object()
        closure = find_closure(value.territory_path, Period(value.period_type, value.year, value.number))
        if not approvals.can_reopen(request.user, value, closure):
            raise NotFound
        value = approvals.value_reopen(
            user=request.user, value=value, reason=_body(self, s.ReopenSerializer)["reason"]
        )
        return Response(s.IndicatorValueSerializer(value).data)
