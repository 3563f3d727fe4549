"""The action page and its forms: progress, report done, verify, reject, cancel, change deadline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peygir.actions import access as action_access
from peygir.actions import selectors as action_selectors
from peygir.actions import services
from peygir.actions.models import Action, Evidence
from peygir.core import files
from peygir.core.web.views import call_service
from peygir.organizations import access

from .forms import ACTION_FORMS, VersionedForm

REPORT_OPS = {"progress", "done"}
VERIFY_OPS = {"verify", "reject", "cancel", "deadline"}
S = Action.Status
OP_ORDER = ["progress", "done", "verify", "reject", "deadline", "cancel"]


def _allowed_ops(user: Any, action: Action) -> set[str]:
    """Which forms to show: only what the services would accept from this user in this status."""
    ops: set[str] = set()
    if action.is_closed:
        return ops
    if action_access.can_report_on_action(user, action):
        if action.status in (S.OPEN, S.IN_PROGRESS):
            ops |= {"progress", "done"}
    if action_access.can_verify_action(user, action):
        ops |= {"cancel", "deadline"}
        if action.status == S.REPORTED_DONE:
            ops |= {"verify", "reject"}
    return ops


def _run(op: str, action: Action, user: Any, data: dict[str, Any]) -> str:
    """Call the service for `op`; return the success message."""
    version = data["version"]
    calls: dict[str, tuple[Callable[..., Any], dict[str, Any], str]] = {
        "progress": (
            services.action_report_progress,
            {"text": data.get("text", ""), "progress": data.get("progress"), "files": data.get("files", [])},
            _("گزارش پیشرفت ثبت شد."),
        ),
        "done": (
            services.action_report_done,
            {"text": data.get("text", ""), "files": data.get("files", [])},
            _("انجام اقدام گزارش شد و در انتظار تأیید است."),
        ),
        "verify": (services.action_verify, {"text": data.get("text", "")}, _("انجام اقدام تأیید شد.")),
        "reject": (
            services.action_reject,
            {"reason": data.get("reason", ""), "progress": data.get("progress")},
            _("گزارش انجام تأیید نشد و اقدام به دستگاه مسئول برگشت."),
        ),
        "cancel": (services.action_cancel, {"reason": data.get("reason", "")}, _("اقدام لغو شد.")),
        "deadline": (
            services.action_change_deadline,
            {"deadline": data.get("deadline"), "reason": data.get("reason", "")},
            _("مهلت اقدام تغییر کرد."),
        ),
    }
    service, kwargs, message = calls[op]
    service(action=action, user=user, expected_version=version, **kwargs)
    return message


def _page(
    request: HttpRequest, action: Action, bound: VersionedForm | None = None, op: str = ""
) -> HttpResponse:
    user = request.user
    ops = _allowed_ops(user, action)
    forms = {}
    shown = ops | ({op} if bound is not None else set())
    for name in [n for n in OP_ORDER if n in shown]:
        if bound is not None and name == op:
            forms[name] = bound
        else:
            forms[name] = ACTION_FORMS[name](initial={"version": action.version}, auto_id=f"id_{name}_%s")
    horizon = action_selectors.Horizon.for_day()
    updates = list(action_selectors.action_updates(action))
    history = list(action_selectors.action_history(action))
    adapter = action.source_adapter
    context = {
        "action": action,
        "state": horizon.state(action),
        "updates": updates,
        "history": history,
        "forms": forms,
        "open_op": op,
        "source_label": adapter.describe(action),
        "source_url": adapter.url(action),
        "supporting": list(action.supporting_organizations.all()),
        "status_labels": dict(S.choices),
    }
    return render(request, "web/actions/detail.html", context, status=400 if bound is not None else 200)


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = action_selectors.action_detail(user=request.user, pk=pk)
    return _page(request, action)


@login_required
@require_POST
def action_op(request: HttpRequest, pk: int, op: str) -> HttpResponse:
    """One form's POST. Not allowed → 404 (like a missing action); bad input → the page with errors."""
    if op not in ACTION_FORMS:
        raise Http404
    action = action_selectors.action_detail(user=request.user, pk=pk)
    form = ACTION_FORMS[op](request.POST, request.FILES, auto_id=f"id_{op}_%s")
    if form.is_valid():
        ok, message = call_service(form, _run, op, action, request.user, form.cleaned_data)
        if ok:
            messages.success(request, message)
            return redirect("web:action_detail", pk=action.pk)
    elif op not in _allowed_ops(request.user, action) and not _may_attempt(request.user, action, op):
        raise Http404
    # Re-read: a failed service call rolled back, but the page must show the current state.
    action = action_selectors.action_detail(user=request.user, pk=pk)
    return _page(request, action, bound=form, op=op)


def _may_attempt(user: Any, action: Action, op: str) -> bool:
    if op in REPORT_OPS:
        return action_access.can_report_on_action(user, action)
    return action_access.can_verify_action(user, action)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, only to those who may see its action (the media URL is not the way in)."""
    evidence = access.get_for_user(Evidence.objects.select_related("update"), pk)
    action_selectors.action_detail(user=request.user, pk=evidence.update.action_id)  # 404 unless visible
    return files.download(evidence.file, filename=evidence.original_name, content_type=evidence.content_type)
