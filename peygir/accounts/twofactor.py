"""Two-factor sign-in: a TOTP device (an authenticator app) and recovery codes (django-otp's static
device), for everyone who wants it and required of the roles peygir.organizations.access names.

Enrolment: an unconfirmed TOTP device is made, shown as a QR code; the first code the app gives
confirms it and creates ten recovery codes, shown once. Sign-in: after the password, a code from the
app or one unused recovery code (each works once) verifies the session (django_otp.login).
"""

from __future__ import annotations

import base64
from io import BytesIO
from typing import Any

import django_otp
from django.db import transaction
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from peygir.core.text import to_latin_digits

RECOVERY_CODES = 10
APP_DEVICE = "app"
RECOVERY_DEVICE = "recovery"


def has_device(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user: Any) -> TOTPDevice:
    """The device being enrolled (made on first call, the same one until it is confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)
    return device


def qr_data_uri(device: TOTPDevice) -> str:
    """The provisioning URL as an SVG QR code in a data: URI (allowed by the CSP's img-src)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, grouped by four, for typing into an app that cannot scan."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def clean_token(token: str) -> str:
    return to_latin_digits(token or "").replace(" ", "").replace("-", "").strip().lower()


@transaction.atomic
def confirm(request: HttpRequest, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the device with the app's first code: the new recovery codes, or None if it is wrong."""
    if not device.verify_token(clean_token(token)):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_recovery_codes(device.user)
    django_otp.login(request, device)
    return codes


@transaction.atomic
def new_recovery_codes(user: Any) -> list[str]:
    """Ten fresh recovery codes; the old ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def verify(request: HttpRequest, token: str) -> bool:
    """A code from the app or an unused recovery code: the session is verified."""
    token = clean_token(token)
    if not token:
        return False
    user = request.user
    for device in [
        *TOTPDevice.objects.filter(user=user, confirmed=True),
        *StaticDevice.objects.filter(user=user),
    ]:
        if device.verify_is_allowed()[0] and device.verify_token(token):
            django_otp.login(request, device)
            return True
    return False


@transaction.atomic
def remove_devices(user: Any) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def is_verified(request: HttpRequest) -> bool:
    """Did this session give a second factor? django_otp.login wrote the device's id into the session
    (server-side, renewed at sign-in). Read from the session, not by loading the device, so that a
    page served from the cache still costs no query (OTPMiddleware would load it on every request)."""
    return (
        bool(request.session.get(django_otp.DEVICE_ID_SESSION_KEY)) if hasattr(request, "session") else False
    )
