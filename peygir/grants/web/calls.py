"""Pages of calls: the list, the call page, creating and running a call (envelopes, reviewers,
publishing), the review board, the county allocation view and the county ranking by verified results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from peygir.core.jalali import today as local_today
from peygir.core.text import to_persian_digits
from peygir.core.web.views import call_service, paginate
from peygir.grants import access, scores, selectors
from peygir.grants.services import allocation, calls
from peygir.organizations.access import get_scope
from peygir.organizations.models import Organization
from peygir.programs.models import PolicyDocument

from .forms import CallForm, EnvelopesForm, QuestionsForm, ReviewerForm, message_form


@login_required
def call_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.call_list(user=request.user).order_by("-opens_on", "-pk"))
    offices = _offices(request.user)
    return render(
        request,
        "web/grants/call_list.html",
        {"page": page, "can_create": bool(offices), "today": local_today(), "ngo_queue": bool(offices)},
    )


def _offices(user) -> list[Organization]:
    scope = get_scope(user)
    offices = Organization.objects.filter(kind=Organization.Kind.SOCIAL_OFFICE, is_active=True)
    if not scope.is_superuser:
        offices = offices.filter(scope.path_q("territory__path", scope.manage_paths))
    return list(offices.select_related("territory")[:20])


@login_required
@require_http_methods(["GET", "POST"])
def call_create(request: HttpRequest) -> HttpResponse:
    offices = _offices(request.user)
    if not offices:
        raise Http404
    office = offices[0]
    documents = PolicyDocument.objects.filter(is_active=True, territory__path__in=_paths(office)).order_by(
        "title"
    )
    form = CallForm(request.POST or None, documents=documents)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        ok, call = call_service(
            form,
            calls.call_create,
            user=request.user,
            office=office,
            title=d["title"],
            description=d["description"],
            themes=d["themes"],
            policy_document=documents.filter(pk=d["policy_document"]).first()
            if d["policy_document"]
            else None,
            total_rials=d["total"] or 0,
            opens_on=d["opens_on"],
            closes_on=d["closes_on"],
            window_days=d["window_days"] or 90,
            eligibility=d["eligibility"],
            criteria=d["criteria"],
        )
        if ok:
            messages.success(request, _("فراخوان ثبت شد؛ سهم شهرستان‌ها را تعیین و آن را منتشر کنید."))
            return redirect("web:grant_call_detail", call.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "web/grants/call_form.html", {"form": form, "office": office}, status=status)


def _paths(office: Organization) -> list[str]:
    """The office's territory and its ancestors (a national document serves a provincial call)."""
    parts = [p for p in office.territory.path.split("/") if p]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


@login_required
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.call_detail(user=request.user, pk=pk)
    manager = access.can_manage_call(request.user, call)
    today = local_today()
    form_version = call.current_form()
    context = {
        "call": call,
        "manager": manager,
        "accepts": call.accepts_on(today),
        "shown_status": call.shown_status(today),
        "form_version": form_version,
        "questions": form_version.fields if form_version else [],
        "events": list(call.events.select_related("actor")) if manager else [],
        "envelopes": selectors.envelope_rows(call),
        "criteria": list(call.criteria.all()),
        "ngo_ids": access.ngo_ids(request.user),
        "reviewer": access.is_reviewer(request.user, call),
        "reviewers": list(call.reviewers.select_related("user")) if manager else [],
        "form": EnvelopesForm(counties=calls.counties_of(call)) if manager else None,
        "reviewer_form": ReviewerForm() if manager else None,
    }
    return render(request, "web/grants/call_detail.html", context)


@login_required
@require_POST
def call_op(request: HttpRequest, pk: int, op: str) -> HttpResponse:
    call = selectors.call_managed(user=request.user, pk=pk)
    if op == "publish":
        form = message_form()
        ok, _result = call_service(form, calls.call_publish, user=request.user, call=call)
    elif op == "envelopes":
        form = EnvelopesForm(request.POST, counties=calls.counties_of(call))
        ok = form.is_valid()
        if ok:
            ok, _result = call_service(
                form,
                calls.call_envelopes_set,
                user=request.user,
                call=call,
                method=form.cleaned_data["method"],
                manual=form.manual(),
                need=form.need(),
            )
    elif op == "reviewer":
        form = ReviewerForm(request.POST)
        ok = form.is_valid()
        if ok:
            reviewer = (
                get_user_model()
                .objects.filter(username=form.cleaned_data["username"], is_active=True)
                .first()
            )
            if reviewer is None:
                form.add_error("username", _("کاربری با این نام نیست."))
                ok = False
            else:
                ok, _result = call_service(
                    form, calls.call_reviewer_add, user=request.user, call=call, reviewer=reviewer
                )
    else:
        raise Http404
    if ok:
        messages.success(request, _("ثبت شد."))
        return redirect("web:grant_call_detail", call.pk)
    return render(
        request,
        "web/grants/form_errors.html",
        {"form": form, "back": call, "back_url": "web:grant_call_detail"},
        status=400,
    )


@login_required
def review_board(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.call_detail(user=request.user, pk=pk)
    rows = selectors.review_board(user=request.user, call=call)
    return render(
        request,
        "web/grants/review_board.html",
        {"call": call, "rows": rows, "criteria": list(call.criteria.all())},
    )


def _reads_call(user, call) -> bool:
    return access.can_manage_call(user, call) or get_scope(user).reads_path(call.territory_path)


@login_required
def allocation_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Each county's envelope, what is approved and left, and its ranked proposals with suggestions."""
    call = selectors.call_detail(user=request.user, pk=pk)
    if not _reads_call(request.user, call):
        raise Http404
    envelopes = selectors.envelope_rows(call)
    county = request.GET.get("county")
    chosen = next(
        (e for e in envelopes if str(e.envelope.county_id) == county), envelopes[0] if envelopes else None
    )
    ranking = allocation.ranking(call, chosen.envelope.county_id)[2] if chosen else []
    return render(
        request,
        "web/grants/allocation.html",
        {
            "call": call,
            "envelopes": envelopes,
            "chosen": chosen,
            "ranking": ranking,
            "manager": access.can_manage_call(request.user, call),
            "total_committed": sum(e.committed for e in envelopes),
        },
    )


@login_required
def county_ranking(request: HttpRequest, pk: int) -> HttpResponse:
    """Open to whoever sees the call: counties compete on verified results, in the open."""
    call = selectors.call_detail(user=request.user, pk=pk)
    return render(
        request,
        "web/grants/county_ranking.html",
        {"call": call, "counties": scores.county_ranking(call), "weights": scores},
    )


@login_required
@require_http_methods(["GET", "POST"])
def call_questions(request: HttpRequest, pk: int) -> HttpResponse:
    """The call's own questions, edited by its managers: each save is a new version of the form;
    proposals already written keep theirs."""
    call = selectors.call_managed(user=request.user, pk=pk)
    current = call.current_form()
    form = QuestionsForm(request.POST or None, current=current.fields if current else [])
    if request.method == "POST" and form.is_valid():
        ok, version = call_service(
            form,
            calls.call_form_update,
            user=request.user,
            call=call,
            fields=form.questions(),
            expected_version=_version(request),
        )
        if ok:
            messages.success(
                request, _("پرسش‌ها ذخیره شد (نسخه %(n)s فرم).") % {"n": to_persian_digits(version.number)}
            )
            return redirect("web:grant_call_detail", call.pk)
    status = 400 if request.method == "POST" else 200
    versions = list(call.form_versions.annotate(answered=Count("proposals")).order_by("-number")[:20])
    return render(
        request,
        "web/grants/call_questions.html",
        {"call": call, "form": form, "current": current, "versions": versions},
        status=status,
    )


def _version(request: HttpRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() and len(value) < 10 else None
