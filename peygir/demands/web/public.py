"""The citizen's pages, without an account: submit a demand online, confirm the mobile with the SMS
code, follow it with the tracking code and the last four digits of the mobile, rate it when closed.

These pages never show personal data. A wrong code and wrong digits give one and the same neutral
message (a guess learns nothing); too many tries answer 429 with a Persian message. After a successful
lookup the code and the four digits stay in the session (not in the page), so the rating form does not
carry them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from peygir.core.http import client_ip
from peygir.core.web.views import errors_to_form
from peygir.demands import services
from peygir.demands.ratelimit import RateLimited
from peygir.territory.models import Territory

from .forms import public as df

PENDING_KEY = "peygir_pending_demand"
LOOKUP_KEY = "peygir_citizen_demand"


def _too_many(request: HttpRequest, template: str, context: dict[str, Any], exc: Exception) -> HttpResponse:
    text = " ".join(getattr(exc, "messages", None) or [str(exc)]) or _(
        "تعداد تلاش‌ها زیاد است؛ کمی بعد دوباره امتحان کنید."
    )
    return render(request, template, {**context, "limited": text}, status=429)


# ---------------------------------------------------------------- online submission


# Up to this many active neighbourhoods, the form lists them all before a county is chosen (a
# pilot's few offices); beyond, the county comes first (10,000 neighbourhoods at national scale made a
# 700 KB page that took ~900 ms to render).
ALL_NEIGHBOURHOODS_UP_TO = 200


def _int(value: Any) -> int | None:
    try:
        return int(str(value)) if value not in (None, "") else None
    except ValueError:
        return None


def _county_of(path: str) -> int | None:
    """The county a neighbourhood lies in: the third id of its path `/country/province/county/…/`
    (None above a county's children). Called for every neighbourhood: string work only."""
    return int(path.split("/", 4)[3]) if path.count("/") > 4 else None


def _places(
    county_id: Any, neighbourhood_id: Any = None
) -> tuple[list[Territory], list[Territory], Territory | None]:
    """Every active county of every province, the chosen one (or the county of `neighbourhood_id`, for
    a form sent without it) and the places to offer: the chosen county's neighbourhoods and, last, the
    county itself for anywhere else in it (no office there: the county's managers take the demand);
    without a chosen county, every neighbourhood in a small deployment, else none until one is."""
    active = Territory.objects.filter(kind=Territory.Kind.NEIGHBOURHOOD, is_active=True)
    counties = list(
        Territory.objects.filter(kind=Territory.Kind.COUNTY, is_active=True)
        .select_related("parent")
        .order_by("parent__name_fa", "name_fa")
    )
    by_id = {c.pk: c for c in counties}
    chosen = by_id.get(_int(county_id))
    if chosen is None and (place := _int(neighbourhood_id)) is not None:
        if place in by_id:
            chosen = by_id[place]
        else:
            path = active.filter(pk=place).values_list("path", flat=True).first()
            chosen = by_id.get(_county_of(path)) if path else None
    listed = active.select_related("parent").order_by("name_fa")
    if chosen is not None:
        return counties, [*listed.filter(path__startswith=chosen.path), chosen], chosen
    if active.count() <= ALL_NEIGHBOURHOODS_UP_TO:
        return counties, list(listed), None
    return counties, [], None


@require_http_methods(["GET", "POST"])
def public_submit(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    source = data or request.GET
    counties, neighbourhoods, chosen = _places(source.get("county"), source.get("neighbourhood"))
    if data is not None and chosen is not None and not data.get("county"):
        data = data.copy()  # the county found from the neighbourhood shows as chosen
        data["county"] = str(chosen.pk)
    template = "public/submit.html"
    if data is not None and "choose_county" in data:
        # Without JavaScript the county is chosen by this button: the same form again, filled in as
        # it was, with the county's neighbourhoods (nothing is checked or sent yet).
        initial = {name: data.get(name) for name in df.PublicSubmitForm.field_order if name in data}
        form = df.PublicSubmitForm(counties=counties, neighbourhoods=neighbourhoods, initial=initial)
        return render(request, template, {"form": form})
    form = df.PublicSubmitForm(
        data,
        request.FILES if data is not None else None,
        counties=counties,
        neighbourhoods=neighbourhoods,
        initial={"county": chosen.pk if chosen else None},
    )
    if request.headers.get("HX-Request") == "true" and request.method == "GET":
        # The county select narrowed the neighbourhoods: only the select is swapped.
        return render(request, "public/_neighbourhood_select.html", {"field": form["neighbourhood"]})
    if data is None:
        return render(request, template, {"form": form})
    if form.is_valid():
        d = form.cleaned_data
        try:
            demand = services.demand_submit_online(
                category=d["category"],
                neighbourhood=d["neighbourhood"],
                title=d["title"],
                description=d["description"],
                citizen_name=d["citizen_name"],
                citizen_mobile=d["citizen_mobile"],
                consent=d["consent"],
                client_ip=client_ip(request),
                on_behalf_of_group=d["on_behalf_of_group"],
                latitude=d["latitude"],
                longitude=d["longitude"],
                photos=d["photos"],
            )
        except RateLimited as exc:
            return _too_many(request, template, {"form": form}, exc)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            request.session[PENDING_KEY] = demand.tracking_code
            return redirect("web:demand_public_confirm")
    return render(request, template, {"form": form}, status=400)


@require_http_methods(["GET", "POST"])
def public_confirm(request: HttpRequest) -> HttpResponse:
    """The code sent by SMS: only after it does the online demand count (and get routed)."""
    template = "public/confirm.html"
    pending = request.session.get(PENDING_KEY, "")
    if request.method == "GET":
        form = df.ConfirmForm(initial={"tracking_code": pending} if pending else None)
        return render(request, template, {"form": form, "pending": bool(pending)})
    if "resend" in request.POST:
        return _resend(request, pending)
    form = df.ConfirmForm(request.POST)
    if form.is_valid():
        try:
            demand = services.demand_confirm(
                tracking_code=form.cleaned_data["tracking_code"],
                code=form.cleaned_data["code"],
                client_ip=client_ip(request),
            )
        except RateLimited as exc:
            return _too_many(request, template, {"form": form, "pending": bool(pending)}, exc)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            request.session.pop(PENDING_KEY, None)
            return render(request, "public/confirmed.html", {"code": demand.tracking_code})
    return render(request, template, {"form": form, "pending": bool(pending)}, status=400)


def _resend(request: HttpRequest, pending: str) -> HttpResponse:
    """A new SMS code for the demand waiting in this session (silent when there is none)."""
    template = "public/confirm.html"
    form = df.ConfirmForm(initial={"tracking_code": pending} if pending else None)
    if pending:
        try:
            services.demand_resend_code(tracking_code=pending, client_ip=client_ip(request))
        except RateLimited as exc:
            return _too_many(request, template, {"form": form, "pending": True}, exc)
    messages.info(request, _("اگر درخواستی در انتظار تأیید باشد، کد تازه برای شماره همراه آن پیامک شد."))
    return redirect("web:demand_public_confirm")


# ---------------------------------------------------------------- status and rating


def _lookup(request: HttpRequest, code: str, last4: str) -> Any:
    return services.demand_public_status(tracking_code=code, mobile_last4=last4, client_ip=client_ip(request))


def _status_page(
    request: HttpRequest,
    *,
    lookup_form: df.StatusLookupForm,
    status: Any = None,
    rate_form: df.RateForm | None = None,
    http_status: int = 200,
    miss: bool = False,
) -> HttpResponse:
    context = {
        "form": lookup_form,
        "status": status,
        "code": status.tracking_code if status is not None else "",
        "rate_form": rate_form if rate_form is not None else df.RateForm(),
        "miss": _("کد رهگیری یا چهار رقم آخر شماره همراه درست نیست.") if miss else "",
    }
    return render(request, "public/status.html", context, status=http_status)


@require_http_methods(["GET", "POST"])
def public_status(request: HttpRequest) -> HttpResponse:
    """GET shows the lookup form (or, after a lookup in this session, the status again); POST looks up."""
    template = "public/status.html"
    if request.method == "GET":
        saved = request.session.get(LOOKUP_KEY)
        if saved and "new" not in request.GET:
            try:
                status = _lookup(request, saved["code"], saved["last4"])
            except RateLimited as exc:
                return _too_many(request, template, {"form": df.StatusLookupForm(), "rate_form": None}, exc)
            if status is not None:
                return _status_page(request, lookup_form=df.StatusLookupForm(), status=status)
            request.session.pop(LOOKUP_KEY, None)
        initial = {"tracking_code": request.GET.get("code", "")[:20]}
        return _status_page(request, lookup_form=df.StatusLookupForm(initial=initial))
    form = df.StatusLookupForm(request.POST)
    if not form.is_valid():
        return _status_page(request, lookup_form=form, http_status=400)
    code, last4 = form.cleaned_data["tracking_code"], form.cleaned_data["mobile_last4"]
    try:
        status = _lookup(request, code, last4)
    except RateLimited as exc:
        return _too_many(request, template, {"form": form, "rate_form": None}, exc)
    if status is None:
        request.session.pop(LOOKUP_KEY, None)
        return _status_page(request, lookup_form=form, miss=True)
    request.session[LOOKUP_KEY] = {"code": code, "last4": last4}
    return _status_page(request, lookup_form=df.StatusLookupForm(), status=status)


@require_POST
def public_rate(request: HttpRequest) -> HttpResponse:
    """One question after closing; «مشکل حل نشد» reopens the follow-up with the office."""
    template = "public/status.html"
    saved = request.session.get(LOOKUP_KEY)
    if not saved:
        messages.info(request, _("برای ثبت نظر، ابتدا کد رهگیری و چهار رقم آخر شماره همراه را وارد کنید."))
        return redirect("web:demand_public_status")
    form = df.RateForm(request.POST)
    if form.is_valid():
        try:
            services.demand_rate(
                tracking_code=saved["code"],
                mobile_last4=saved["last4"],
                rating=form.cleaned_data["rating"],
                resolved=not form.cleaned_data["not_resolved"],
                comment=form.cleaned_data["comment"],
                client_ip=client_ip(request),
            )
        except RateLimited as exc:
            return _too_many(request, template, {"form": df.StatusLookupForm(), "rate_form": None}, exc)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            if form.cleaned_data["not_resolved"]:
                messages.success(request, _("نظر شما ثبت شد و درخواست دوباره پیگیری می‌شود."))
            else:
                messages.success(request, _("از نظر شما سپاسگزاریم."))
            return redirect("web:demand_public_status")
    try:
        status = _lookup(request, saved["code"], saved["last4"])
    except RateLimited as exc:
        return _too_many(request, template, {"form": df.StatusLookupForm(), "rate_form": None}, exc)
    if status is None:
        request.session.pop(LOOKUP_KEY, None)
        return _status_page(request, lookup_form=df.StatusLookupForm(), miss=True)
    return _status_page(
        request, lookup_form=df.StatusLookupForm(), status=status, rate_form=form, http_status=400
    )
