"""Pages of the NGO registry: an NGO registers itself (no account needed), the province office's
queue of registrations, the NGO's profile (verify or refuse with the reason; correct and send again),
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
from peygir.grants.services import ngos
from peygir.organizations.access import get_for_user
from peygir.territory.models import Territory

from .forms import ReasonForm, message_form
from .ngo_forms import NgoProfileForm, NgoRegisterForm


def _counties() -> list[Territory]:
    return list(
        Territory.objects.filter(kind=Territory.Kind.COUNTY, is_active=True)
        .select_related("parent")
        .order_by("parent__name_fa", "name_fa")
    )


@require_http_methods(["GET", "POST"])
def ngo_register(request: HttpRequest) -> HttpResponse:
    """Open to anyone: a visitor creates the representative's account with the registration; a
    signed-in person registers an NGO they represent. Either way the NGO waits for the office."""
    counties = _counties()
    with_account = not request.user.is_authenticated
    form = NgoRegisterForm(
        request.POST or None, request.FILES or None, counties=counties, with_account=with_account
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        county = next(c for c in counties if c.pk == d["county"])
        ok, profile = call_service(
            form,
            ngos.ngo_apply,
            user=request.user,
            account=form.account(),
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
        if ok:
            messages.success(
                request,
                _(
                    "درخواست ثبت «%(n)s» رسید. دفتر امور اجتماعی مدارک را بررسی می‌کند؛ "
                    "نتیجه را در پرونده سمن می‌بینید."
                )
                % {"n": profile.organization.name},
            )
            target = reverse("web:grant_ngo_profile", args=[profile.pk])
            if with_account:
                return redirect(f"{reverse('login')}?{urlencode({'next': target})}")
            return redirect(target)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "web/grants/ngo_register.html", {"form": form, "with_account": with_account}, status=status
    )


@login_required
def ngo_list(request: HttpRequest) -> HttpResponse:
    """The registrations the user may see, pending first: the office's queue."""
    status = request.GET.get("status", NgoProfile.Status.PENDING)
    if status not in NgoProfile.Status.values and status != "all":
        status = NgoProfile.Status.PENDING
    qs = selectors.ngo_registrations(user=request.user, status=None if status == "all" else status)
    return render(
        request,
        "web/grants/ngo_list.html",
        {"page": paginate(request, qs), "status": status, "statuses": NgoProfile.Status.choices},
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
            ok, _r = call_service(
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
                messages.success(request, _("پرونده سمن به‌روز شد."))
                return redirect("web:grant_ngo_profile", profile.pk)
    status = 400 if request.method == "POST" else 200
    context = {
        "profile": profile,
        "form": form,
        "editable": editable,
        "verifier": access.can_verify_ngo(request.user, profile),
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
