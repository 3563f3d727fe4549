"""The action page and its forms: progress, report done, verify, reject, cancel, change deadline;
an extension request and the issuer's answer, an obstacle and its clearing; the escalation ladder."""

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
from peygir.actions import requests as action_requests
from peygir.actions import selectors as action_selectors
from peygir.actions import services
from peygir.actions.models import Action, Evidence, ExtensionRequest
from peygir.core import files
from peygir.core.errors import ValidationError
from peygir.core.web.views import call_service
from peygir.organizations import access
from peygir.organizations.models import Organization

from .forms import ACTION_FORMS, VersionedForm

REPORT_OPS = {"progress", "done", "extension", "obstacle"}
VERIFY_OPS = {"verify", "reject", "cancel", "deadline", "extension-decide"}
S = Action.Status
OP_ORDER = [
    "progress",
    "done",
    "extension",
    "obstacle",
    "verify",
    "reject",
    "extension-decide",
    "deadline",
    "obstacle-clear",
    "cancel",
]


def _pending_request(action: Action) -> ExtensionRequest | None:
    """The request awaiting the issuer's answer (prefetched by `action_detail`)."""
    return next(
        (r for r in action.extension_requests.all() if r.status == ExtensionRequest.Status.PENDING), None
    )


def _open_obstacles(action: Action) -> list:
    return [o for o in action.obstacles.all() if o.cleared_at is None]


def _allowed_ops(user: Any, action: Action) -> set[str]:
    """Which forms to show: only what the services would accept from this user in this status."""
    ops: set[str] = set()
    if action.is_closed:
        return ops
    pending = action.status in Action.PENDING_STATUSES
    can_report = action_access.can_report_on_action(user, action)
    can_verify = action_access.can_verify_action(user, action)
    if can_report and pending:
        ops |= {"progress", "done", "obstacle"}
        if _pending_request(action) is None:
            ops.add("extension")
    if can_verify:
        ops |= {"cancel", "deadline"}
        if action.status == S.REPORTED_DONE:
            ops |= {"verify", "reject"}
        if _pending_request(action) is not None:
            ops.add("extension-decide")
    if (can_report or can_verify) and _open_obstacles(action):
        ops.add("obstacle-clear")
    # A source may answer in its own words instead (a demand's "not ours / planned / done").
    return ops - action.source_adapter.hidden_ops


def _choices(action: Action) -> dict[str, list]:
    """What the obstacle forms offer: the province's other organizations, the open obstacles."""
    parts = [part for part in action.territory_path.split("/") if part]
    province = "/" + "/".join(parts[:2]) + "/" if parts else "/"
    needed = (
        Organization.objects.filter(is_active=True, territory__path__startswith=province)
        .exclude(kind=Organization.Kind.GROUP)
        .exclude(pk=action.responsible_organization_id)
        .order_by("name")
        .values_list("pk", "name")
    )
    obstacles = [(o.pk, o.text[:80]) for o in _open_obstacles(action)]
    return {"needed": list(needed), "obstacle": obstacles}


def _make_form(op: str, action: Action, data: Any = None, files: Any = None) -> VersionedForm:
    kwargs: dict[str, Any] = {"auto_id": f"id_{op}_%s"}
    if op in ("obstacle", "obstacle-clear"):
        kwargs["choices"] = _choices(action)
    if data is not None:
        return ACTION_FORMS[op](data, files, **kwargs)
    return ACTION_FORMS[op](initial={"version": action.version}, **kwargs)


def _run_request(op: str, action: Action, user: Any, data: dict[str, Any]) -> str:
    version = data["version"]
    if op == "extension":
        action_requests.extension_request(
            action=action,
            user=user,
            reason=data["reason"],
            proposed=data["proposed"],
            expected_version=version,
        )
        return _("درخواست تمدید مهلت برای صادرکننده فرستاده شد.")
    if op == "extension-decide":
        request = _pending_request(action)
        if request is None:
            services.check_can_verify(user, action)
            raise ValidationError({"decision": _("درخواست تمدیدی در انتظار پاسخ نیست.")})
        accept = data["decision"] == "accept"
        action_requests.extension_decide(
            request=request, user=user, accept=accept, reason=data["reason"], expected_version=version
        )
        return _("مهلت اقدام تمدید شد.") if accept else _("درخواست تمدید رد شد.")
    if op == "obstacle":
        needed = Organization.objects.filter(pk=data["needed"]).first() if data.get("needed") else None
        action_requests.obstacle_report(
            action=action, user=user, text=data["text"], needed=needed, expected_version=version
        )
        return _("مانع ثبت شد و صادرکننده آن را در صفحه آغاز خود می‌بیند.")
    obstacle = next((o for o in _open_obstacles(action) if o.pk == data["obstacle"]), None)
    if obstacle is None:
        raise ValidationError({"obstacle": _("این مانع پیش‌تر رفع شده است.")})
    action_requests.obstacle_clear(
        obstacle=obstacle, user=user, reason=data["reason"], expected_version=version
    )
    return _("رفع مانع ثبت شد.")


def _run(op: str, action: Action, user: Any, data: dict[str, Any]) -> str:
    """Call the service for `op`; return the success message."""
    if op in ("extension", "extension-decide", "obstacle", "obstacle-clear"):
        return _run_request(op, action, user, data)
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
            forms[name] = _make_form(name, action)
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
        "ladder": action_selectors.escalation_ladder(action),
        "extension_requests": list(action.extension_requests.all()),
        "obstacles": list(action.obstacles.all()),
        "deadline_words_label": adapter.deadline_words_label,
        "source_answers": adapter.answer_forms(action, user),
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
    if op in action.source_adapter.hidden_ops:
        raise Http404  # the source answers this in its own words (see the page's source answers)
    form = _make_form(op, action, request.POST, request.FILES)
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
    if op in action.source_adapter.hidden_ops:
        return False
    if op == "obstacle-clear":
        return action_access.can_report_on_action(user, action) or action_access.can_verify_action(
            user, action
        )
    if op in REPORT_OPS:
        return action_access.can_report_on_action(user, action)
    return action_access.can_verify_action(user, action)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, only to those who may see its action (the media URL is not the way in)."""
    evidence = access.get_for_user(Evidence.objects.select_related("update"), pk)
    action_selectors.action_detail(user=request.user, pk=evidence.update.action_id)  # 404 unless visible
    return files.download(evidence.file, filename=evidence.original_name, content_type=evidence.content_type)
