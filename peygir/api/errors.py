"""Turn the errors services raise into API answers.

Services speak Django (ValidationError keyed by field, with a Persian message), ConflictError for a
stale `version`, NotAllowed for a forbidden act. The API answers 400 with field names, 409, and 404 —
the same 404 as a missing object, so that "forbidden" reveals nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from peygir.core.errors import ConflictError, NotAllowed
from peygir.core.jalali import JalaliDateError
from peygir.demands.api.open311.renderers import Open311XMLRenderer


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def validation_detail(exc: DjangoValidationError) -> dict[str, list[str]]:
    """`{field: [messages]}` from a Django ValidationError; form-wide errors under non_field_errors."""
    if hasattr(exc, "error_dict"):
        detail: dict[str, list[str]] = {}
        for field, messages in exc.message_dict.items():
            key = "non_field_errors" if field == NON_FIELD_ERRORS else field
            detail.setdefault(key, []).extend(str(m) for m in messages)
        return detail
    return {"non_field_errors": [str(m) for m in exc.messages]}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, taught the service errors. Order matters: ConflictError is a ValidationError."""
    if isinstance(exc, ConflictError):
        messages = [str(m) for m in exc.messages]
        return Response(
            {"detail": messages[0] if messages else _("تداخل ویرایش."), "code": "conflict"},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, NotAllowed):
        exc = Http404()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(validation_detail(exc))
    elif isinstance(exc, JalaliDateError):
        exc = exceptions.ValidationError({"non_field_errors": [str(exc)]})
    elif isinstance(exc, OverflowError):
        # The last line of defence (the filter backend checks ids first): a number no column holds.
        exc = exceptions.ValidationError({"non_field_errors": [_("عددی بیش از اندازه بزرگ فرستاده شد.")]})
    return drf_exception_handler(exc, context)


# Answers for addresses no view matched and for unexpected errors: JSON under /api/ and Open311 (in
# the format of the URL's suffix), the site's own pages elsewhere. Wired in peygir/urls.py.
def _machine_error(request: HttpRequest, status_code: int, message: str) -> HttpResponse | None:
    path = request.path
    if path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": _CODES[status_code]}, status=status_code)
    if path.startswith("/open311/"):
        errors = [{"code": status_code, "description": message}]
        if path.endswith(".xml"):
            body = Open311XMLRenderer().render(
                errors, renderer_context={"response": HttpResponse(status=status_code)}
            )
            return HttpResponse(body, status=status_code, content_type="text/xml; charset=utf-8")
        return JsonResponse(errors, status=status_code, safe=False)
    return None


_CODES = {404: "not_found", 500: "server_error"}


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    answer = _machine_error(request, 404, _("یافت نشد."))
    return answer if answer is not None else defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    answer = _machine_error(request, 500, _("خطای پیش‌بینی‌نشده‌ای رخ داد؛ گزارش آن ثبت شد."))
    return answer if answer is not None else defaults.server_error(request)
