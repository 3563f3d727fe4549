"""Small helpers the demand API and Open311 share: ids in bodies, the client's address, the 429."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, status

from peygir.demands.models import DemandCategory
from peygir.demands.ratelimit import RateLimited
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

ERRORS = {
    400: OpenApiResponse(description="Invalid input; `{field: [Persian message]}`."),
    404: OpenApiResponse(description="No such object, or not yours to see or change."),
    409: OpenApiResponse(description="Somebody else changed it meanwhile (stale `version`)."),
}


def lookup(model: type, pk: int | None, field: str, message: str, **extra: Any) -> Any:
    """An object named by id in a body; a wrong id is bad input of that field (400), not a 404."""
    if pk is None:
        return None
    obj = model.objects.filter(pk=pk, **extra).first()
    if obj is None:
        raise ValidationError({field: message})
    return obj


def agency_by_id(pk: int) -> Organization:
    return lookup(Organization, pk, "agency", _("دستگاه پیدا نشد."), is_active=True)


def category_by_id(pk: int | None) -> DemandCategory | None:
    return lookup(DemandCategory, pk, "category", _("دسته مطالبه پیدا نشد."))


def territory_by_id(pk: int | None, field: str) -> Territory | None:
    return lookup(Territory, pk, field, _("محدوده پیدا نشد."))


class RateLimitedAPI(exceptions.APIException):
    """429 with the service's Persian message."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "rate_limited"

    def __init__(self, exc: RateLimited) -> None:
        super().__init__(detail=exc.message)
        self.wait = exc.retry_after  # DRF turns `wait` into a Retry-After header
