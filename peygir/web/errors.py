"""Persian error pages that say what to do next; JSON for the machine interfaces.

Django calls these for errors no view handled (`handler404` … in peygir/urls.py) and for a refused
CSRF check. The 500 page is rendered without the request's context: the context processors query the
database, which may be what failed.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

# Paths answered in JSON: the REST API and Open311 clients cannot read an HTML page.
MACHINE_PREFIXES = ("/api/", "/open311/")


def _is_machine(request: HttpRequest) -> bool:
    return request.path.startswith(MACHINE_PREFIXES)


def _json(status: int, detail: str, code: str) -> JsonResponse:
    return JsonResponse(
        {"detail": detail, "code": code}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def bad_request(request: HttpRequest, exception: Any = None) -> HttpResponse:
    if _is_machine(request):
        return _json(400, _("درخواست نامعتبر است."), "bad_request")
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Any = None) -> HttpResponse:
    if _is_machine(request):
        return _json(403, _("اجازه این کار را ندارید."), "permission_denied")
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    if _is_machine(request):
        return _json(404, _("پیدا نشد."), "not_found")
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_machine(request):
        return _json(500, _("خطای داخلی سامانه؛ دوباره تلاش کنید."), "server_error")
    return HttpResponse(render_to_string("errors/500.html"), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form kept open past its session, or posted from elsewhere: reload and send again."""
    if _is_machine(request):
        return _json(403, _("درخواست بدون نشانه امنیتی معتبر فرستاده شد."), "csrf_failed")
    return render(request, "errors/csrf.html", status=403)
