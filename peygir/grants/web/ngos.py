"""Pages of the NGO registry: an NGO registers itself (no account needed) and confirms its
representative's mobile with the code sent by SMS, the province office's queue of registrations, the NGO's profile (verify or refuse with the reason; correct and send again),
its documents."""

from __future__ import annotations

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from peygir.core.files import download
from peygir.core.http import client_ip
from peygir.core.web.views import call_service, paginate
from peygir.grants import access, selectors
from peygir.grants.models import NgoDocument, NgoProfile
from peygir.grants.services import ngo_codes, ngo_prune, ngos
from peygir.notifications.ratelimit import RateLimited
from peygir.organizations.access import get_for_user
from peygir.territory.models import Territory

from .forms import ReasonForm, message_form
from .ngo_forms import CodeForm, NgoProfileForm, NgoRegisterForm

# The registration a visitor has just sent, waiting for its SMS code (its profile's id).
PENDING_KEY = "peygir_pending_ngo"


def _counties() -> list[Territory]:
    return list(
        Territory.objects.filter(kind=Territory.Kind.COUNTY, is_active=True)
        .select_related("parent")
        .order_by("parent__name_fa", "name_fa")
    )


@require_http_methods(["GET", "POST"])
def ngo_register(request: HttpRequest) -> HttpResponse:
    """Open to anyone: a visitor creates the representative's account with the registration; a
    signed-in person registers an NGO they represent. Either way a code goes by SMS to the
    representative's mobile (the confirm page next), and then the NGO waits for the office."""
    counties = _counties()
    with_account = not request.user.is_authenticated
    form = NgoRegisterForm(
        request.POST or None,
        request.FILES or None,
        counties=counties,
        with_account=with_account,
        initial=None if with_account else {"mobile": request.user.mobile},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            county = next(c for c in counties if c.pk == d["county"])
            try:
                ok, profile = call_service(
                    form,
                    ngos.ngo_apply,
                    user=request.user,
                    account=form.account(),
                    mobile=d["mobile"],
                    name=d["name"],
                    county=county,
                    national_id=d["national_id"],
                    registration_number=d["registration_number"],
                    licence_issuer=d["licence_issuer"],
                    licence_expires_on=d["licence_expires_on"],
                    themes=d["themes"],
                    sheba=d["sheba"],
                    board_contacts=form.board_contacts(),
                    phone=d["phone"],
                    email=d["email"],
                    documents=form.documents(),
                    client_ip=client_ip(request),
                )
            except RateLimited as exc:
                form.add_error(None, exc.message)
                ok, status = False, 429
            if ok:
                request.session[PENDING_KEY] = profile.pk
                messages.info(
                    request,
                    _("کد تأیید به تلفن همراه نماینده پیامک شد؛ آن را وارد کنید تا درخواست به دفتر برسد."),
                )
                return redirect("web:grant_ngo_confirm")
    return render(
        request, "web/grants/ngo_register.html", {"form": form, "with_account": with_account}, status=status
    )


def _waiting_registration(request: HttpRequest) -> NgoProfile | None:
    """The registration this visitor has just sent (kept in the session), or the signed-in applicant's
    latest one still waiting for its code."""
    qs = NgoProfile.objects.select_related("organization").filter(status=NgoProfile.Status.UNCONFIRMED)
    pending = request.session.get(PENDING_KEY)
    if isinstance(pending, int):
        profile = qs.filter(pk=pending).first()
        if profile is not None:
            return profile
    if request.user.is_authenticated:
        return qs.filter(applicant_id=request.user.pk).order_by("-created_at", "-pk").first()
    return None


@require_http_methods(["GET", "POST"])
def ngo_confirm(request: HttpRequest) -> HttpResponse:
    """The code sent by SMS at registration: only after it does the registration reach the office's
    queue. Wrong, expired and spent codes are told apart in Persian; "send again" sends a new one."""
    profile = _waiting_registration(request)
    if profile is None:
        request.session.pop(PENDING_KEY, None)
        messages.info(request, _("ثبت‌نامی در انتظار کد تأیید نیست."))
        return redirect("web:grant_ngo_register")
    form = CodeForm(request.POST if "resend" not in request.POST else None)
    status, refused = 200, ""
    if request.method == "POST":
        status = 400
        try:
            if "resend" in request.POST:
                ngo_codes.ngo_resend_code(profile=profile)
                messages.info(request, _("کد تازه به همان شماره همراه پیامک شد."))
                return redirect("web:grant_ngo_confirm")
            if form.is_valid():
                ok, confirmed = call_service(
                    form,
                    ngo_codes.ngo_confirm_mobile,
                    profile=profile,
                    code=form.cleaned_data["code"],
                    client_ip=client_ip(request),
                )
                if ok:
                    return _confirmed(request, confirmed)
        except RateLimited as exc:
            # a refused "send again" has an unbound form: the message goes above it
            if form.is_bound:
                form.add_error(None, exc.message)
            else:
                refused = exc.message
            status = 429
    context = {
        "form": form,
        "refused": refused,
        "profile": profile,
        "mobile": ngo_codes.masked_mobile(profile),
        # the limits as the settings have them, so the page says what the service will do
        "minutes": max(1, int(ngo_codes.code_ttl().total_seconds() + 59) // 60),
        "attempts": ngo_codes.code_attempts(),
        "resend_seconds": int(ngo_codes.resend_wait().total_seconds()),
        "abandoned_days": f"{ngo_prune.unconfirmed_age().total_seconds() / 86400:g}",
    }
    return render(request, "web/grants/ngo_confirm.html", context, status=status)


def _confirmed(request: HttpRequest, profile: NgoProfile) -> HttpResponse:
    request.session.pop(PENDING_KEY, None)
    messages.success(
        request,
        _(
            "شماره همراه تأیید شد و درخواست ثبت «%(n)s» به دفتر امور اجتماعی رسید؛ "
            "نتیجه بررسی را در پرونده سمن می‌بینید."
        )
        % {"n": profile.organization.name},
    )
    target = reverse("web:grant_ngo_profile", args=[profile.pk])
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?{urlencode({'next': target})}")
    return redirect(target)


@login_required
def ngo_list(request: HttpRequest) -> HttpResponse:
    """The registrations the user may see, pending first: the office's queue."""
    statuses = [(v, label) for v, label in NgoProfile.Status.choices if v != NgoProfile.Status.UNCONFIRMED]
    status = request.GET.get("status", NgoProfile.Status.PENDING)
    if status not in dict(statuses) and status != "all":
        status = NgoProfile.Status.PENDING
    qs = selectors.ngo_registrations(user=request.user, status=None if status == "all" else status)
    return render(
        request,
        "web/grants/ngo_list.html",
        {"page": paginate(request, qs), "status": status, "statuses": statuses},
    )


@login_required
@require_http_methods(["GET", "POST"])
def ngo_profile(request: HttpRequest, pk: int) -> HttpResponse:
    profile = selectors.ngo_profile_for(user=request.user, pk=pk)
    editable = access.can_edit_ngo(request.user, profile.organization, profile)
    initial = {
        "registration_number": profile.registration_number,
        "licence_issuer": profile.licence_issuer,
        "licence_expires_on": profile.licence_expires_on,
        "themes": profile.themes,
        "sheba": profile.sheba,
        "board": "\n".join(
            f"{b.get('name', '')} | {b.get('role', '')} | {b.get('phone', '')}"
            for b in profile.board_contacts
        ),
    }
    form = NgoProfileForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST":
        if not editable:
            raise Http404
        if form.is_valid():
            d = form.cleaned_data
            documents = (
                [(d["document_title"] or d["document"].name[:200], d["document"])]
                if d.get("document")
                else []
            )
            was_verified = profile.status == NgoProfile.Status.VERIFIED
            ok, updated = call_service(
                form,
                ngos.ngo_profile_update,
                user=request.user,
                profile=profile,
                expected_version=_version(request),
                registration_number=d["registration_number"],
                licence_issuer=d["licence_issuer"],
                licence_expires_on=d["licence_expires_on"],
                themes=d["themes"],
                sheba=d["sheba"],
                board_contacts=form.board_contacts(),
                documents=documents,
            )
            if ok:
                if was_verified and updated.status == NgoProfile.Status.PENDING:
                    messages.success(
                        request,
                        _(
                            "مجوز تازه ثبت شد و برای بررسی به دفتر امور اجتماعی رفت؛ پس از تأیید، طرح تازه می‌پذیریم."
                        ),
                    )
                else:
                    messages.success(request, _("پرونده سمن به‌روز شد."))
                return redirect("web:grant_ngo_profile", profile.pk)
    status = 400 if request.method == "POST" else 200
    verifier = access.can_verify_ngo(request.user, profile)
    context = {
        "profile": profile,
        "form": form,
        "editable": editable,
        "verifier": verifier,
        "applicant": access.is_applicant(request.user, profile),
        # The office calls the representative while reading the documents: the number the code confirmed.
        "rep_mobile": ngo_codes.confirmed_mobile(profile) if verifier else "",
        "documents": list(profile.documents.all()),
        "events": list(profile.events.select_related("actor")),
        "reason_form": ReasonForm(),
    }
    return render(request, "web/grants/ngo_profile.html", context, status=status)


def _version(request: HttpRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() and len(value) < 10 else None


@login_required
@require_POST
def ngo_op(request: HttpRequest, pk: int, op: str) -> HttpResponse:
    profile = selectors.ngo_profile_for(user=request.user, pk=pk)
    version = _version(request)
    ok = False
    form = message_form()
    if op == "verify":
        ok, _r = call_service(
            form, ngos.ngo_verify, user=request.user, profile=profile, expected_version=version
        )
    elif op == "refuse":
        if not access.can_verify_ngo(request.user, profile):
            raise Http404
        form = ReasonForm(request.POST)
        if form.is_valid():
            ok, _r = call_service(
                form,
                ngos.ngo_refuse,
                user=request.user,
                profile=profile,
                reason=form.cleaned_data["reason"],
                expected_version=version,
            )
    elif op == "resubmit":
        ok, _r = call_service(
            form, ngos.ngo_resubmit, user=request.user, profile=profile, expected_version=version
        )
    else:
        raise Http404
    if ok:
        messages.success(request, _("ثبت شد."))
        return redirect("web:grant_ngo_profile", profile.pk)
    return render(
        request,
        "web/grants/form_errors.html",
        {"form": form, "back": profile, "back_url": "web:grant_ngo_profile"},
        status=400,
    )


@login_required
def ngo_document(request: HttpRequest, pk: int) -> FileResponse:
    """A document of a profile the user may see (the office checks them before verifying)."""
    visible = NgoDocument.objects.filter(
        profile__in=access.ngo_profiles_visible_to(request.user).values("pk")
    )
    document = get_for_user(visible, pk)
    return download(
        document.file, filename=os.path.basename(document.file.name), content_type=document.content_type
    )
