"""Open311 GeoReport v2 at /open311/v2/: services, POST requests, GET requests, GET requests/{id}.

Choices this server makes where the spec leaves room (also in the API docs):
- Each URL ends in `.json` or `.xml` and that suffix alone decides the format.
- `service_code` is a demand category's `code`; every active category is a service (metadata false,
  type realtime); `group` is the root of the category's branch.
- POST without `api_key` creates an UNCONFIRMED online demand through `demand_submit_online` (the same
  protections as the web form: per-address and per-phone limits and an SMS code); `phone` is then
  required. It counts once confirmed, on the status page or with the extension
  `POST requests/{id}/confirm.json`. POST with the `api_key` of a facilitator registers a confirmed
  demand through `demand_intake` in the facilitator's office (routed at once).
- The neighbourhood: `address_id` (extension: a neighbourhood's id), else the neighbourhood whose stored
  boundary contains `lat`/`long`, else a neighbourhood named exactly `address_string`; otherwise 400.
- GET requests lists only with an `api_key` (staff token), scoped by `demand_access.demands_visible_to`.
  Without one, a citizen reads their own request by id with the extension `mobile_last4`, through the
  same rate-limited check as the status page. Personal data is never in any answer.
- `service_request_id` is the tracking code; `expected_datetime` is the end of the expected day.
- Errors are the spec's array of {code, description} in both formats: 400 bad input, 403 bad or
  missing api_key, 404 unknown id, 429 too many attempts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.authentication import BaseAuthentication, TokenAuthentication
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from peygir.core.errors import NotAllowed
from peygir.core.http import client_ip
from peygir.core.text import normalize_text, to_latin_digits
from peygir.demands import access as demand_access
from peygir.demands import services
from peygir.demands.codes import normalize_tracking_code
from peygir.demands.models import Demand, DemandCategory
from peygir.demands.ratelimit import RateLimited
from peygir.facilitation.models import FacilitationOffice
from peygir.organizations.models import Membership
from peygir.territory.models import Territory

from ..support import RateLimitedAPI
from . import schema  # noqa: F401  (registers the api_key scheme)
from .geo import neighbourhood_at
from .renderers import SuffixNegotiation
from .serializers import (
    CLOSED,
    OPEN,
    OPEN_STATUSES,
    ConfirmSerializer,
    ErrorSerializer,
    PostRequestSerializer,
    PostResultSerializer,
    ServiceRequestSerializer,
    ServiceSerializer,
)

TAGS = ["open311"]
DEFAULT_SPAN = dt.timedelta(days=90)  # the spec's default window for GET requests
MAX_ROWS = 1000  # … and its default cap
NOT_YOURS = gettext_lazy("با این api_key نمی‌توان در این محله مطالبه ثبت کرد.")
ERRORS = {
    400: OpenApiResponse(ErrorSerializer(many=True), description="Invalid input."),
    403: OpenApiResponse(ErrorSerializer(many=True), description="Missing or invalid api_key."),
    404: OpenApiResponse(ErrorSerializer(many=True), description="No such service request."),
    429: OpenApiResponse(ErrorSerializer(many=True), description="Too many attempts; try later."),
}


def open311_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """The API's handler (NotAllowed → 404, ValidationError → 400 …), reshaped as the spec's error array.

    A field error reads "field: message" so a client knows what to fix; messages come from our
    validators and services, which never repeat the value given (no phone number echoed back).
    """
    if isinstance(exc, RateLimited):
        exc = RateLimitedAPI(exc)
    # The API's own handler, reached through DRF's settings: the mapping lives in the API shell.
    response = api_settings.EXCEPTION_HANDLER(exc, context)
    if response is None:
        return None
    response.data = [{"code": response.status_code, "description": d} for d in _descriptions(response.data)]
    return response


def _descriptions(data: Any, field: str = "") -> list[str]:
    if isinstance(data, dict):
        if "detail" in data and len(data) <= 2:
            return _descriptions(data["detail"], field)
        out: list[str] = []
        for key, value in data.items():
            name = "" if key == "non_field_errors" else key
            out.extend(_descriptions(value, f"{field}.{name}" if field and name else name or field))
        return out
    if isinstance(data, list):
        return [d for item in data for d in _descriptions(item, field)]
    return [f"{field}: {data}" if field else str(data)]


class ApiKeyAuthentication(BaseAuthentication):
    """The spec's `api_key` (query string or body) is a staff API token (`peygir token create USER`).

    An unknown key answers 403 (this class has no authenticate header, so DRF says 403, not 401).
    """

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        key = request.query_params.get("api_key")
        if not key and request.method == "POST":
            key = request.data.get("api_key") if hasattr(request.data, "get") else None
        if not key:
            return None
        try:
            return TokenAuthentication().authenticate_credentials(str(key).strip())
        except exceptions.AuthenticationFailed as exc:
            raise exceptions.AuthenticationFailed(_("api_key نامعتبر است.")) from exc


class Open311View(APIView):
    """Shared: public by default, the spec's errors, the URL suffix decides the format."""

    permission_classes = [AllowAny]
    authentication_classes = [ApiKeyAuthentication, TokenAuthentication]
    content_negotiation_class = SuffixNegotiation
    parser_classes = [FormParser, MultiPartParser, JSONParser]
    xml_root = "service_requests"
    xml_item = "request"

    def get_exception_handler(self):
        return open311_exception_handler

    @property
    def staff(self) -> Any:
        user = self.request.user
        return user if user is not None and user.is_authenticated else None


# ---------------------------------------------------------------- services


class ServiceListView(Open311View):
    xml_root = "services"
    xml_item = "service"

    @extend_schema(
        summary="GET services: the demand categories as Open311 services",
        tags=TAGS,
        auth=[],
        parameters=[OpenApiParameter("jurisdiction_id", str, required=False, description="Ignored.")],
        responses={200: ServiceSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        categories = list(DemandCategory.objects.order_by("order", "name", "id"))
        by_id = {c.pk: c for c in categories}
        trail: dict[int, list[str]] = {}
        for category in categories:
            names, node, seen = [], category, set()
            while node is not None and node.pk not in seen:
                seen.add(node.pk)
                names.append(node.name)
                node = by_id.get(node.parent_id)
            trail[category.pk] = names[::-1]
        active = [c for c in categories if c.is_active]
        return Response(ServiceSerializer(active, many=True, context={"trail": trail}).data)


# ---------------------------------------------------------------- requests


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in to_latin_digits(value or "").split(",") if part.strip()]


def _moment(value: str, field: str) -> dt.datetime:
    text = to_latin_digits(value).strip()
    # Well-formed but impossible (30 February, hour 25, a year no calendar reaches): the same 400.
    try:
        moment = parse_datetime(text)
        if moment is None:
            day = parse_date(text)
            if day is None:
                raise ValueError(text)
            moment = dt.datetime.combine(day, dt.time(0, 0))
        moment = timezone.make_aware(moment) if timezone.is_naive(moment) else moment
        # Year 1 at +14:00 falls before year 1 in UTC: no database takes it.
        moment.astimezone(dt.UTC)
        return moment
    except (ValueError, OverflowError) as exc:
        raise ValidationError(
            {field: _("تاریخ را به شکل ISO 8601 بدهید (مثلاً 2024-04-20T10:00:00+03:30).")}
        ) from exc


def requests_queryset() -> QuerySet[Demand]:
    return Demand.objects.select_related("category", "agency", "neighbourhood", "office__organization")


class RequestListView(Open311View):
    @extend_schema(
        summary="GET requests (needs a staff api_key; scoped like the REST API)",
        description=(
            "Filters: service_request_id (comma list; overrides the others), service_code (comma list), "
            "start_date, end_date (ISO 8601), status open|closed (comma list). Default: the last 90 days, "
            "at most 1000 requests, newest first. Without api_key: only `service_request_id` with the "
            "extension `mobile_last4` (one request, rate-limited like the status page)."
        ),
        tags=TAGS,
        parameters=[
            OpenApiParameter("api_key", str, required=False),
            OpenApiParameter("service_request_id", str, required=False),
            OpenApiParameter("service_code", str, required=False),
            OpenApiParameter("start_date", str, required=False),
            OpenApiParameter("end_date", str, required=False),
            OpenApiParameter("status", str, required=False, enum=[OPEN, CLOSED]),
            OpenApiParameter("mobile_last4", str, required=False, description="Extension, see above."),
            OpenApiParameter("jurisdiction_id", str, required=False, description="Ignored."),
        ],
        responses={200: ServiceRequestSerializer(many=True), 400: ERRORS[400], 403: ERRORS[403]},
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        codes = [normalize_tracking_code(c) for c in _split(params.get("service_request_id"))]
        if self.staff is None:
            if len(codes) != 1 or not params.get("mobile_last4"):
                raise exceptions.PermissionDenied(_("برای فهرست درخواست‌ها api_key لازم است."))
            demand = citizen_lookup(request, codes[0], params["mobile_last4"])
            return Response(ServiceRequestSerializer([demand], many=True).data)
        qs = demand_access.demands_visible_to(self.staff, requests_queryset())
        if codes:
            qs = qs.filter(tracking_code__in=codes)
        else:
            qs = self._filter(qs.exclude(status=Demand.Status.UNCONFIRMED), params)
        rows = list(qs.order_by("-created_at", "-id")[:MAX_ROWS])
        return Response(ServiceRequestSerializer(rows, many=True).data)

    def _filter(self, qs: QuerySet[Demand], params: Any) -> QuerySet[Demand]:
        service_codes = _split(params.get("service_code"))
        if service_codes:
            qs = qs.filter(category__code__in=service_codes)
        wanted = set(_split(params.get("status")))
        if wanted - {OPEN, CLOSED}:
            raise ValidationError({"status": _("وضعیت باید open یا closed باشد.")})
        if wanted == {OPEN}:
            qs = qs.filter(status__in=OPEN_STATUSES)
        elif wanted == {CLOSED}:
            qs = qs.exclude(status__in=OPEN_STATUSES)
        start = _moment(params["start_date"], "start_date") if params.get("start_date") else None
        end = _moment(params["end_date"], "end_date") if params.get("end_date") else None
        if start is None and end is None:
            start = timezone.now() - DEFAULT_SPAN
        if start is not None:
            qs = qs.filter(created_at__gte=start)
        if end is not None:
            qs = qs.filter(created_at__lte=end)
        return qs

    @extend_schema(
        summary="POST requests: a citizen's demand (unconfirmed without api_key; see the description)",
        description=__doc__,
        tags=TAGS,
        auth=[{}, {"tokenAuth": []}],
        request={
            "application/x-www-form-urlencoded": PostRequestSerializer,
            "multipart/form-data": PostRequestSerializer,
            "application/json": PostRequestSerializer,
        },
        responses={201: PostResultSerializer(many=True), **ERRORS},
    )
    def post(self, request: Request) -> Response:
        body = PostRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        category = DemandCategory.objects.filter(code=data["service_code"].strip(), is_active=True).first()
        if category is None:
            raise ValidationError({"service_code": _("خدمتی با این service_code نیست.")})
        neighbourhood = find_neighbourhood(data)
        description = data["description"].strip()
        citizen_name = " ".join(
            p for p in (data.get("first_name", ""), data.get("last_name", "")) if p
        ).strip()
        common = {
            "category": category,
            "neighbourhood": neighbourhood,
            "title": (data.get("title") or "").strip() or _title_from(description),
            "description": description,
            "citizen_name": citizen_name,
            "citizen_mobile": data.get("phone", ""),
            "consent": data["consent"],
            "on_behalf_of_group": data["on_behalf_of_group"],
            "latitude": data.get("lat"),
            "longitude": data.get("long"),
        }
        if self.staff is not None:
            try:
                demand = services.demand_intake(
                    user=self.staff, office=staff_office(self.staff, neighbourhood), **common
                )
            except NotAllowed as exc:
                raise exceptions.PermissionDenied(NOT_YOURS) from exc
            notice = _("مطالبه ثبت و به دستگاه مسئول ارجاع شد.")
        else:
            if not common["citizen_mobile"]:
                raise ValidationError({"phone": _("شماره همراه لازم است؛ کد تأیید به آن پیامک می‌شود.")})
            try:
                demand = services.demand_submit_online(
                    client_ip=client_ip(request), channel=Demand.Channel.OPEN311, **common
                )
            except RateLimited as exc:
                raise RateLimitedAPI(exc) from exc
            notice = _("کد تأیید به شماره همراه شما پیامک شد؛ مطالبه پس از تأیید شماره ثبت می‌شود.")
        result = {"service_request_id": demand.tracking_code, "service_notice": notice, "account_id": None}
        return Response(PostResultSerializer([result], many=True).data, status=status.HTTP_201_CREATED)


def _title_from(description: str, limit: int = 80) -> str:
    line = description.splitlines()[0] if description else ""
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def find_neighbourhood(data: dict[str, Any]) -> Territory:
    """address_id, else the boundary containing lat/long, else an exact neighbourhood name."""
    neighbourhoods = Territory.objects.filter(kind=Territory.Kind.NEIGHBOURHOOD, is_active=True)
    if data.get("address_id") is not None:
        found = neighbourhoods.filter(pk=data["address_id"]).first()
        if found is None:
            raise ValidationError({"address_id": _("محله‌ای با این شناسه نیست.")})
        return found
    if data.get("lat") is not None and data.get("long") is not None:
        found = neighbourhood_at(lat=data["lat"], lon=data["long"])
        if found is not None:
            return found
    name = normalize_text(data.get("address_string") or "")
    if name:
        matches = list(neighbourhoods.filter(name_normalized=name)[:2])
        if len(matches) == 1:
            return matches[0]
    raise ValidationError(
        {"address_id": _("محله را نمی‌توان از نشانی یا نقطه داده‌شده یافت؛ شناسه محله (address_id) را بدهید.")}
    )


def staff_office(user: Any, neighbourhood: Territory) -> FacilitationOffice:
    """The api_key owner's office that serves the neighbourhood, else their only office, else the
    neighbourhood's own office (a provincial manager registering there); the intake service decides."""
    offices = FacilitationOffice.objects.filter(
        organization__memberships__user=user,
        organization__memberships__is_active=True,
        organization__memberships__role__in=[Membership.Role.FACILITATOR, Membership.Role.HEAD],
    ).distinct()
    serving = list(offices.filter(neighbourhoods=neighbourhood)[:2])
    mine = list(offices[:2])
    office = (
        serving[0]
        if len(serving) == 1
        else mine[0]
        if len(mine) == 1
        else services.office_for_neighbourhood(neighbourhood)
    )
    if office is None:
        raise exceptions.PermissionDenied(NOT_YOURS)
    return office


def citizen_lookup(request: Request, code: str, last4: str) -> Demand:
    """The citizen's own request: the status page's check (rate-limited; wrong code = wrong digits)."""
    try:
        found = services.demand_public_status(
            tracking_code=code, mobile_last4=last4, client_ip=client_ip(request)
        )
    except RateLimited as exc:
        raise RateLimitedAPI(exc) from exc
    demand = (
        requests_queryset().filter(tracking_code=normalize_tracking_code(code)).first() if found else None
    )
    if demand is None:
        raise Http404(_("درخواستی با این مشخصات پیدا نشد."))
    return demand


class RequestDetailView(Open311View):
    @extend_schema(
        summary="GET requests/{id}: one request by tracking code (api_key, or the extension mobile_last4)",
        tags=TAGS,
        parameters=[
            OpenApiParameter("api_key", str, required=False),
            OpenApiParameter("mobile_last4", str, required=False, description="Extension: without api_key."),
            OpenApiParameter("jurisdiction_id", str, required=False, description="Ignored."),
        ],
        responses={
            200: ServiceRequestSerializer(many=True),
            403: ERRORS[403],
            404: ERRORS[404],
            429: ERRORS[429],
        },
    )
    def get(self, request: Request, service_request_id: str) -> Response:
        code = normalize_tracking_code(service_request_id)
        if self.staff is None:
            if not request.query_params.get("mobile_last4"):
                raise exceptions.PermissionDenied(_("api_key یا چهار رقم آخر شماره همراه لازم است."))
            demand = citizen_lookup(request, code, request.query_params["mobile_last4"])
        else:
            demand = (
                demand_access.demands_visible_to(self.staff, requests_queryset())
                .filter(tracking_code=code)
                .first()
            )
            if demand is None:
                raise Http404(_("درخواستی با این شناسه پیدا نشد."))
        return Response(ServiceRequestSerializer([demand], many=True).data)


class RequestConfirmView(Open311View):
    @extend_schema(
        summary="Extension: confirm an unconfirmed request with the SMS code",
        tags=TAGS,
        auth=[],
        request={
            "application/x-www-form-urlencoded": ConfirmSerializer,
            "application/json": ConfirmSerializer,
        },
        responses={
            200: ServiceRequestSerializer(many=True),
            400: ERRORS[400],
            404: ERRORS[404],
            429: ERRORS[429],
        },
    )
    def post(self, request: Request, service_request_id: str) -> Response:
        body = ConfirmSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            demand = services.demand_confirm(
                tracking_code=normalize_tracking_code(service_request_id),
                code=body.validated_data["code"],
                client_ip=client_ip(request),
            )
        except RateLimited as exc:
            raise RateLimitedAPI(exc) from exc
        demand = requests_queryset().get(pk=demand.pk)
        return Response(ServiceRequestSerializer([demand], many=True).data)
