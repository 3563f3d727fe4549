"""The notifications page; the unread badge comes from the context processor."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from peygir.core.errors import NotAllowed
from peygir.core.web.views import paginate
from peygir.notifications import selectors
from peygir.notifications.services import notification_mark_read


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    page = paginate(request, selectors.notification_list(user=request.user, unread_only=unread_only))
    return render(request, "web/notifications.html", {"page": page, "unread_only": unread_only})


@login_required
@require_POST
def notifications_mark_read(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("id", "")
    try:
        if raw:
            notification_mark_read(user=request.user, notification_id=raw)
        else:
            notification_mark_read(user=request.user, all=True)
    except NotAllowed as exc:
        raise Http404 from exc
    target = request.POST.get("next", "")
    if raw and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("web:notifications")
