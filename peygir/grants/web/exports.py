"""Downloads of a call: allocations and payments (Excel), awarded grants as open data (JSON)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse

from peygir.grants import exports, selectors

from .calls import _reads_call

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def allocations_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.call_detail(user=request.user, pk=pk)
    if not _reads_call(request.user, call):
        raise Http404
    content = exports.allocations_xlsx(call, list(selectors.awarded_projects_all(call)))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="grants-{call.pk}-allocations.xlsx"'
    return response


@login_required
def open_data(request: HttpRequest, pk: int) -> HttpResponse:
    """Open data of a published call: whoever may see the call may download its awarded grants."""
    call = selectors.call_detail(user=request.user, pk=pk)
    data = exports.open_data(call, list(selectors.awarded_projects_all(call)))
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="grants-{call.pk}-360giving.json"'
    return response
