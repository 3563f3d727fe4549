"""Staff pages of citizens' demands: the facilitator's intake, the list, the triage queue and the
demand page with the office's and the agency's forms.

Every write goes through `peygir.demands.services`; a NotAllowed answers 404 like a missing demand (a
forbidden demand reveals nothing), and a ValidationError shows its Persian message on the form, with
nothing written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from peygir.actions.models import EscalationStep
from peygir.core import files
from peygir.core.jalali import format_jalali
from peygir.core.web.views import PER_PAGE, call_service, is_htmx, paginate
from peygir.core.xlsx import table_workbook, xlsx_response
from peygir.demands import access as demand_access
from peygir.demands import selectors, services
from peygir.demands.models import Demand, DemandAttachment, DemandEvent
from peygir.organizations import access
from peygir.organizations.models import Organization
from peygir.territory.selectors import province_path

from .forms import demands as df
from .intake import intake_offices_q

S = Demand.Status
OP_ORDER = [
    "assign",
    "reroute",
    "accept_plan",
    "decline_plan",
    "verify",
    "reject_done",
    "planned",
    "done",
    "not_ours",
    "public_note",
    "merge",
    "close",
]
OP_LABELS = {
    "assign": gettext_lazy("تعیین دستگاه مسئول"),
    "reroute": gettext_lazy("ارجاع به دستگاه دیگر"),
    "accept_plan": gettext_lazy("پذیرش تاریخ پیشنهادی"),
    "decline_plan": gettext_lazy("رد تاریخ پیشنهادی"),
    "close": gettext_lazy("بستن (خارج از موضوع)"),
    "merge": gettext_lazy("ادغام با مطالبهٔ تکراری"),
    "verify": gettext_lazy("تأیید انجام"),
    "reject_done": gettext_lazy("عدم تأیید انجام"),
    "planned": gettext_lazy("در برنامه است"),
    "done": gettext_lazy("اعلام انجام"),
    "not_ours": gettext_lazy("مربوط به ما نیست"),
    "public_note": gettext_lazy("توضیح عمومی"),
}


# ---------------------------------------------------------------- helpers


def agencies_in(paths: set[str]) -> dict[str, list[Organization]]:
    """Active agencies of each province path, in one query."""
    result: dict[str, list[Organization]] = {p: [] for p in paths}
    if not paths:
        return result
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(territory__path__startswith=path)
    rows = (
        Organization.objects.filter(query, kind=Organization.Kind.AGENCY, is_active=True)
        .select_related("territory")
        .order_by("name")
        .only("id", "name", "territory__path")
    )
    for org in rows:
        for path in paths:
            if org.territory.path.startswith(path):
                result[path].append(org)
    return result


def allowed_ops(user: Any, demand: Demand) -> list[str]:
    """The forms this user may use on this demand now: what the services would accept."""
    ops: set[str] = set()
    if demand.status in (S.UNCONFIRMED, S.MERGED, S.REJECTED):
        return []
    if demand_access.can_handle_demand(user, demand):
        if demand.status == S.TRIAGE:
            ops.add("assign")
        if demand.status in (S.ROUTED, S.PLANNED, S.DONE):
            ops.add("reroute")
        if demand.status in (S.ROUTED, S.PLANNED) and demand.proposed_date is not None:
            ops |= {"accept_plan", "decline_plan"}
        if demand.status == S.DONE:
            ops |= {"verify", "reject_done"}
        ops.add("public_note")
        if demand.status in Demand.OPEN_STATUSES:
            ops |= {"close", "merge"}
    if demand_access.can_answer_demand(user, demand) and demand.status in (S.ROUTED, S.PLANNED):
        ops |= {"planned", "done", "not_ours"}
    return [op for op in OP_ORDER if op in ops]


def _may_attempt(user: Any, demand: Demand, op: str) -> bool:
    side = df.DEMAND_OPS[op][1]
    if side == "office":
        return demand_access.can_handle_demand(user, demand)
    return demand_access.can_answer_demand(user, demand)


def _make_form(op: str, demand: Demand, data: Any = None, files: Any = None) -> Form:
    form_class = df.DEMAND_OPS[op][0]
    kwargs: dict[str, Any] = {"auto_id": f"id_{op}_%s"}
    if issubclass(form_class, df.AgencyChoiceForm):
        path = province_path(demand.neighbourhood.path)
        kwargs["agencies"] = [
            a for a in agencies_in({path})[path] if a.pk != demand.agency_id or op == "assign"
        ]
    if data is not None:
        return form_class(data, files, **kwargs)
    return form_class(initial={"version": demand.version}, **kwargs)


def _run(op: str, demand: Demand, user: Any, data: dict[str, Any]) -> str:
    """Call the service for `op`; return the success message."""
    svc = services
    calls: dict[str, tuple[Callable[..., Any], dict[str, Any], str]] = {
        "assign": (
            svc.demand_assign_from_triage,
            {"agency": data.get("agency"), "reason": data.get("reason", "")},
            _("درخواست به دستگاه مسئول ارجاع شد."),
        ),
        "reroute": (
            svc.demand_reroute,
            {"agency": data.get("agency"), "reason": data.get("reason", "")},
            _("درخواست به دستگاه دیگری ارجاع شد."),
        ),
        "accept_plan": (svc.demand_accept_plan, {}, _("تاریخ پیشنهادی دستگاه پذیرفته شد.")),
        "decline_plan": (
            svc.demand_decline_plan,
            {"reason": data.get("reason", "")},
            _("تاریخ پیشنهادی پذیرفته نشد؛ مهلت پیشین برقرار است."),
        ),
        "close": (
            svc.demand_close_rejected,
            {"reason": data.get("reason", "")},
            _("درخواست به عنوان خارج از موضوع بسته شد."),
        ),
        "verify": (
            svc.demand_verify,
            {"public_note": data.get("public_note", "")},
            _("انجام درخواست تأیید و پرونده بسته شد."),
        ),
        "reject_done": (
            svc.demand_reject_done,
            {"reason": data.get("reason", "")},
            _("گزارش انجام تأیید نشد و درخواست به دستگاه برگشت."),
        ),
        "public_note": (
            svc.demand_set_public_note,
            {"text": data.get("text", "")},
            _("توضیح عمومی ثبت شد."),
        ),
        "not_ours": (
            svc.demand_answer_not_ours,
            {"reason": data.get("reason", "")},
            _("درخواست با دلیل شما به صف تعیین مسئول برگشت."),
        ),
        "planned": (
            svc.demand_answer_planned,
            {"date": data.get("date"), "note": data.get("note", "")},
            _("تاریخ برنامه ثبت شد و پس از پذیرش دفتر مهلت تازه می‌شود."),
        ),
        "done": (
            svc.demand_answer_done,
            {"text": data.get("text", ""), "files": data.get("files", [])},
            _("انجام درخواست گزارش شد و در انتظار تأیید دفتر است."),
        ),
    }
    if op == "merge":
        # The demand it repeats, among those this user may see: a code they may not see reads as unknown.
        into = selectors.visible_demands(user).filter(tracking_code=data["into"]).first()
        if into is None:
            raise ValidationError({"into": _("مطالبه‌ای با این کد رهگیری نیست.")})
        svc.demand_merge(
            user=user,
            demand=demand,
            into=into,
            reason=data.get("reason", ""),
            expected_version=data.get("version"),
        )
        return _("مطالبه با مطالبهٔ %(code)s ادغام شد و درخواست‌کننده‌اش به پشتیبانان آن افزوده شد.") % {
            "code": into.tracking_code
        }
    service, kwargs, message = calls[op]
    service(user=user, demand=demand, expected_version=data.get("version"), **kwargs)
    return message


# ---------------------------------------------------------------- list and triage


@dataclass
class WindowPage:
    """One page of a list that is not counted as a whole: a province's office reads some 100,000
    demands, and counting them reads them all (~1 s at national scale), where the page itself is an
    index walk that stops after its rows. The page fetches one row more than it shows to know whether
    a next page exists; the total is known, and shown, once the last page is reached."""

    object_list: list
    number: int
    per_page: int
    has_more: bool

    @property
    def count(self) -> int | None:
        """How many rows the whole list has, when this page shows its end (None otherwise)."""
        return None if self.has_more else (self.number - 1) * self.per_page + len(self.object_list)

    @property
    def num_pages(self) -> int | None:
        count = self.count
        return None if count is None else max(1, -(-count // self.per_page))

    def has_next(self) -> bool:
        return self.has_more

    def has_previous(self) -> bool:
        return self.number > 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def window_page(request: HttpRequest, queryset: Any, per_page: int = PER_PAGE) -> WindowPage:
    """The requested page (a bad number gives page 1; one past the end gives the last page, like
    `Paginator.get_page`, at the price of one count on that rare path)."""
    try:
        number = max(1, int(request.GET.get("page") or 1))
    except (TypeError, ValueError):
        number = 1

    def fetch(number: int) -> list:
        start = (number - 1) * per_page
        return list(queryset[start : start + per_page + 1])

    rows = fetch(number)
    if not rows and number > 1:
        number = max(1, -(-queryset.count() // per_page))
        rows = fetch(number)
    return WindowPage(rows[:per_page], number, per_page, has_more=len(rows) > per_page)


@login_required
@require_GET
def demand_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    scope = access.get_scope(user)
    agencies = [
        o
        for o in Organization.objects.filter(
            Q(pk__in=scope.org_ids) | scope.path_q("territory__path", scope.read_paths)
            if not scope.is_superuser
            else Q(),
            kind=Organization.Kind.AGENCY,
            is_active=True,
        )
        .order_by("name")
        .only("id", "name")
    ]
    form = df.DemandFilterForm(request.GET or None, agencies=agencies)
    filters = form.values()
    demands = selectors.demand_list(user=user, filters=filters)
    page = window_page(request, demands)
    context = {
        "form": form,
        "page": page,
        "rows": page.object_list,
        "today": timezone.localdate(),
        "can_intake": intake_offices_q(user).exists(),
    }
    template = "web/demands/_table.html" if is_htmx(request) else "web/demands/list.html"
    return render(request, template, context)


@login_required
@require_GET
def triage(request: HttpRequest) -> HttpResponse:
    """The office's queue of demands no rule routed (or an agency sent back), each with an
    assign-to-agency form."""
    demands = selectors.triage_queue(user=request.user)
    page = paginate(request, demands)
    rows = list(page.object_list)
    agencies = agencies_in({province_path(d.neighbourhood.path) for d in rows})
    forms = {d.pk: _make_assign_form(d, agencies) for d in rows}
    context = {"page": page, "rows": [(d, forms[d.pk]) for d in rows]}
    return render(request, "web/demands/triage.html", context)


def _make_assign_form(demand: Demand, agencies: dict[str, list[Organization]]) -> Form:
    return df.AssignForm(
        agencies=agencies[province_path(demand.neighbourhood.path)],
        initial={"version": demand.version},
        auto_id=f"id_assign_{demand.pk}_%s",
    )


# ---------------------------------------------------------------- the demand page


def _page(request: HttpRequest, demand: Demand, bound: Form | None = None, op: str = "") -> HttpResponse:
    user = request.user
    ops = allowed_ops(user, demand)
    if bound is not None and op not in ops:
        ops.append(op)
    forms: dict[str, Form] = {}
    for name in ops:
        forms[name] = bound if (bound is not None and name == op) else _make_form(name, demand)
    # demand_detail masked the citizen's fields for users who may not see them and logged the read.
    personal = bool(getattr(demand, "personal_data_visible", False))
    mobile = demand.citizen_mobile if personal else ""
    context = {
        "demand": demand,
        "code": demand.tracking_code,
        "personal": personal,
        "mobile": ("0" + mobile[3:]) if mobile.startswith("+98") else mobile,
        "supporters": selectors.demand_supporters(user=user, demand=demand) if personal else [],
        "routes": list(selectors.demand_routes(demand)),
        "attachments": list(selectors.demand_attachments(demand)),
        "history": _label_events(selectors.demand_history(demand)),
        "forms": [(name, OP_LABELS[name], form) for name, form in forms.items()],
        "open_op": op,
        "today": timezone.localdate(),
        "status_labels": dict(S.choices),
    }
    return render(request, "web/demands/detail.html", context, status=400 if bound is not None else 200)


NO_RULE_REASON = gettext_lazy("قاعده ارجاعی برای این دسته و محله تعریف نشده است")


def _label_events(events: Any) -> list:
    """The history's rows named by the model's own choices (one list of kinds, so a new kind cannot be
    left without its Persian name, as a separate table here once left six), with what each event's
    data says that its status change and public text do not: the ladder's rung, the proposed or new
    date, the agency's words, the citizen's score."""
    rows = list(events)
    for ev in rows:
        ev.pg_label = ev.get_kind_display()
        data = ev.data or {}
        ev.pg_step = ""
        if ev.kind == DemandEvent.Kind.ESCALATED and data.get("step") in EscalationStep.Step.values:
            ev.pg_step = EscalationStep.Step(data["step"]).label
        ev.pg_date = None
        if data.get("date"):
            try:
                ev.pg_date = dt.date.fromisoformat(data["date"])
            except (TypeError, ValueError):
                ev.pg_date = None
        ev.pg_words = data.get("note") or data.get("text") or ""
        ev.pg_rating = data.get("rating") if ev.kind == DemandEvent.Kind.RATED else None
        # routing's own code for "no rule matched" is a word of the code, not of the office
        ev.pg_reason = NO_RULE_REASON if data.get("reason") == "no_rule" else data.get("reason") or ""
    return rows


@login_required
@require_GET
def demand_detail(request: HttpRequest, pk: int) -> HttpResponse:
    demand = selectors.demand_detail(user=request.user, pk=pk)
    return _page(request, demand)


@login_required
@require_GET
def demand_attachment(request: HttpRequest, pk: int) -> FileResponse:
    """A citizen's attachment, only to those who may see its demand (the media URL is not the way in)."""
    attachment = access.get_for_user(DemandAttachment.objects.all(), pk)
    selectors.demand_detail(user=request.user, pk=attachment.demand_id)  # 404 unless visible
    return files.download(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


@login_required
@require_POST
def demand_op(request: HttpRequest, pk: int, op: str) -> HttpResponse:
    """One form's POST. Not allowed → 404 (like a missing demand); bad input → the page with errors."""
    if op not in df.DEMAND_OPS:
        raise Http404
    demand = selectors.demand_detail(user=request.user, pk=pk, log_read=False)
    if not _may_attempt(request.user, demand, op):
        raise Http404
    form = _make_form(op, demand, request.POST, request.FILES)
    action_id = demand.current_action_id
    if form.is_valid():
        ok, message = call_service(form, _run, op, demand, request.user, form.cleaned_data)
        if ok:
            messages.success(request, message)
            if request.POST.get("next") == "triage":
                return redirect("web:triage")
            if request.POST.get("next") == "action" and action_id:
                return redirect("web:action_detail", pk=action_id)  # answered from the action's page
            return redirect("web:demand_detail", pk=demand.pk)
    # Re-read: a failed service call rolled back, but the page must show the current state.
    demand = selectors.demand_detail(user=request.user, pk=pk)
    return _page(request, demand, bound=form, op=op)


# ---------------------------------------------------------------- Excel of the lists

_DEMAND_HEADERS = [
    gettext_lazy("کد رهگیری"),
    gettext_lazy("عنوان"),
    gettext_lazy("دسته"),
    gettext_lazy("محله"),
    gettext_lazy("دفتر تسهیلگری"),
    gettext_lazy("دستگاه مسئول"),
    gettext_lazy("تاریخ ثبت"),
    gettext_lazy("تاریخ مورد انتظار"),
    gettext_lazy("وضعیت"),
    gettext_lazy("معوق"),
    gettext_lazy("درخواست‌کنندگان"),
    gettext_lazy("امتیاز شهروند"),
]


def _demand_rows(demands: Any) -> Any:
    """One row per demand, without the citizen's name or number: a list export never carries them
    (the demand's own page shows them to those who may see them, and logs the read)."""
    today = timezone.localdate()
    for d in demands.iterator(chunk_size=2000):
        overdue = bool(d.expected_on and d.expected_on < today and d.status in selectors.ANSWERED_STATUSES)
        yield [
            d.tracking_code,
            d.title,
            d.category.name,
            d.neighbourhood.name_fa,
            d.office.organization.name if d.office_id else "",
            d.agency.name if d.agency_id else "",
            format_jalali(d.created_at),
            format_jalali(d.expected_on) if d.expected_on else "",
            d.get_status_display(),
            _("بله") if overdue else "",
            d.supporters_count,
            d.rating,
        ]


@login_required
@require_GET
def demand_list_xlsx(request: HttpRequest) -> HttpResponse:
    form = df.DemandFilterForm(request.GET or None, agencies=[])
    demands = selectors.demand_list(user=request.user, filters=form.values())
    return xlsx_response(
        table_workbook(_("مطالبات مردمی"), _DEMAND_HEADERS, _demand_rows(demands)), "demands.xlsx"
    )


@login_required
@require_GET
def triage_xlsx(request: HttpRequest) -> HttpResponse:
    demands = selectors.triage_queue(user=request.user)
    return xlsx_response(
        table_workbook(_("صف تعیین مسئول"), _DEMAND_HEADERS, _demand_rows(demands)), "triage.xlsx"
    )
