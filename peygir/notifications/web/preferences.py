"""«How I am told»: a person's notification channels, the daily digest and the Bale link; and the
webhook Bale posts the bot's updates to."""

from __future__ import annotations

import hmac
import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from peygir.core.errors import ConflictError, NotAllowed, ValidationError
from peygir.notifications import services
from peygir.notifications.bale import link_chat
from peygir.notifications.models import Preference

MAX_UPDATE_BYTES = 64 * 1024


class PreferenceForm(forms.Form):
    email = forms.BooleanField(label=gettext_lazy("رایانامه برای هر رویداد"), required=False)
    sms = forms.BooleanField(
        label=gettext_lazy("پیامک برای موارد فوری (ارجاع به مقام بالاتر)"), required=False
    )
    bale = forms.BooleanField(label=gettext_lazy("پیام در بله"), required=False)
    digest = forms.BooleanField(
        label=gettext_lazy("به جای پیام‌های تکی، یک خلاصه روزانه بفرست"), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = "form-check-input"


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    preference = Preference.objects.filter(user=request.user).first() or Preference(user=request.user)
    initial = {
        "email": preference.email,
        "sms": preference.sms,
        "bale": preference.bale,
        "digest": preference.digest,
        "version": preference.version,
    }
    form = PreferenceForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.preferences_change(
                user=request.user,
                email=d["email"],
                sms=d["sms"],
                bale=d["bale"],
                digest=d["digest"],
                expected_version=d["version"] if preference.pk else None,
            )
        except (ValidationError, ConflictError) as exc:
            form.add_error(None, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("ترجیحات اطلاع‌رسانی ذخیره شد."))
            return redirect("web:notification_preferences")
    context = {
        "form": form,
        "preference": preference,
        "bot_name": getattr(settings, "PEYGIR_BALE_BOT_NAME", ""),
        "has_email": bool(request.user.email),
        "has_mobile": bool(getattr(request.user, "mobile", "")),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "web/notification_preferences.html", context, status=status)


@login_required
@require_POST
def bale_link(request: HttpRequest) -> HttpResponse:
    if request.POST.get("unlink"):
        services.bale_unlink(user=request.user)
        messages.info(request, _("حساب بله جدا شد."))
    else:
        services.bale_link_start(user=request.user)
    return redirect("web:notification_preferences")


@csrf_exempt
@require_POST
def bale_webhook(request: HttpRequest, secret: str) -> HttpResponse:
    """Bale posts each update of the bot here; the path's secret is the only key (no session)."""
    expected = getattr(settings, "PEYGIR_BALE_WEBHOOK_SECRET", "")
    if not expected or not hmac.compare_digest(secret.encode(), expected.encode()):
        raise Http404
    if len(request.body) > MAX_UPDATE_BYTES:
        return JsonResponse({"ok": False}, status=413)
    try:
        update = json.loads(request.body or b"{}")
    except ValueError:
        return JsonResponse({"ok": False}, status=400)
    try:
        linked = link_chat(update)
    except NotAllowed:
        linked = None
    return JsonResponse({"ok": True, "linked": linked is not None})
