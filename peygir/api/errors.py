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


from django.db import DataError  # noqa: E402


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
    elif isinstance(exc, OverflowError | DataError):
        # The last line of defence (the filter backend checks ids first): a number no column holds
        # (SQLite raises OverflowError, PostgreSQL a DataError, e.g. for a path id beyond 64 bits).
        exc = exceptions.ValidationError({"non_field_errors": [_("عددی بیش از اندازه بزرگ فرستاده شد.")]})
    return drf_exception_handler(exc, context)


# Answers for addresses no view matched and for unexpected errors, in the machine interfaces' own
# formats: JSON under /api/, the Open311 error array under /open311/ (XML for a .xml address). The
# root URLconf (peygir/urls.py) asks here first and falls back to the site's Persian pages.
MESSAGES = {404: _("یافت نشد."), 500: _("خطای داخلی سامانه؛ دوباره تلاش کنید.")}
CODES = {404: "not_found", 500: "server_error"}


def machine_error(request: HttpRequest, status_code: int) -> HttpResponse | None:
    path = request.path
    message = str(MESSAGES[status_code])
    if path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": CODES[status_code]}, status=status_code)
    if path.startswith("/open311/"):
        errors = [{"code": status_code, "description": message}]
        if path.endswith(".xml"):
            context = {"response": HttpResponse(status=status_code)}
            body = Open311XMLRenderer().render(errors, renderer_context=context)
            return HttpResponse(body, status=status_code, content_type="text/xml; charset=utf-8")
        return JsonResponse(errors, status=status_code, safe=False)
    return None
