"""The person's own account: password, two-factor sign-in and recovery codes, signing out everywhere.

Every signed-in person reaches these pages for their own account only (nothing here takes an id).
Whether their role requires two-factor sign-in is decided above this package (the web shell sets
`request.requires_two_factor`, peygir/web/security.py).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordChangeView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peygir.accounts import twofactor
from peygir.accounts.sessions import end_all_sessions

from .forms import StyledPasswordChangeForm, TokenForm


def _required(request: HttpRequest) -> bool:
    check = getattr(request, "requires_two_factor", None)
    return bool(check()) if callable(check) else False


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if ok and target.startswith("/") else str(reverse_lazy("web:home"))


@login_required
def security(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/security.html",
        {
            "enrolled": twofactor.has_device(request.user),
            "required": _required(request),
            "verified": twofactor.is_verified(request),
        },
    )


class PasswordChange(PasswordChangeView):
    """Django's view (the session survives, the person's other sessions end: the password is part of
    their check); Peygir's validators apply (settings.AUTH_PASSWORD_VALIDATORS)."""

    template_name = "accounts/password_change.html"
    form_class = StyledPasswordChangeForm
    success_url = reverse_lazy("account:security")

    def form_valid(self, form: StyledPasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("گذرواژه شما تغییر کرد؛ نشست‌های شما در دستگاه‌های دیگر پایان یافت."))
        return response

    def form_invalid(self, form: StyledPasswordChangeForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


password_change = login_required(PasswordChange.as_view())


@login_required
def otp_enrol(request: HttpRequest) -> HttpResponse:
    """Scan the QR code, type the first code: two-factor sign-in is on, recovery codes shown once.
    Replacing a device needs the old one first: a password alone must not enrol a new one."""
    if twofactor.has_device(request.user) and not twofactor.is_verified(request):
        return redirect(f"{reverse('account:otp_verify')}?{urlencode({'next': _next(request)})}")
    device = twofactor.pending_device(request.user)
    form = TokenForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        codes = twofactor.confirm(request, device, form.data.get("token", "")) if form.is_valid() else None
        if codes is not None:
            messages.success(request, _("ورود دومرحله‌ای فعال شد."))
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)})
        form.add_error("token", _("کد درست نیست؛ کد تازه‌ای را که برنامه نشان می‌دهد وارد کنید."))
        status = 400
    context = {
        "form": form,
        "qr": twofactor.qr_data_uri(device),
        "secret": twofactor.secret_text(device),
        "required": _required(request),
        "next": _next(request),
    }
    return render(request, "accounts/otp_enrol.html", context, status=status)


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the app, or one recovery code."""
    if not twofactor.has_device(request.user):
        return redirect("account:otp_enrol")
    form = TokenForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid() and twofactor.verify(request, form.cleaned_data["token"]):
            return redirect(_next(request))
        form.add_error("token", _("کد درست نیست یا پیش‌تر به کار رفته است."))
        status = 400
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _next(request)}, status=status)


@login_required
@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes (the old ones stop working), for a session that gave its second factor."""
    if not twofactor.has_device(request.user) or not twofactor.is_verified(request):
        return redirect("account:security")
    codes = twofactor.new_recovery_codes(request.user)
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": str(reverse_lazy("account:security"))},
    )


@login_required
@require_POST
def otp_disable(request: HttpRequest) -> HttpResponse:
    """Turn two-factor sign-in off — only where the role does not require it."""
    if _required(request):
        messages.error(request, _("ورود دومرحله‌ای برای نقش شما الزامی است و خاموش نمی‌شود."))
        return redirect("account:security")
    twofactor.remove_devices(request.user)
    messages.success(request, _("ورود دومرحله‌ای خاموش شد."))
    return redirect("account:security")


@login_required
@require_POST
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    """End every session of the person — in every browser, this one included — and their API tokens."""
    end_all_sessions(request.user)
    logout(request)
    messages.success(request, _("از همه دستگاه‌ها خارج شدید."))
    return redirect("login")
