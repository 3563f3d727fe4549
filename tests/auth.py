"""Signing a test client in as a person who gave their second factor (issue 14).

Pages and the API require two-factor sign-in of the roles that verify, administer or see personal
data (peygir.organizations.access.requires_two_factor). `sign_in` is `client.force_login` plus what
django_otp.login leaves in the session: a confirmed TOTP device of the person, verified. Pass
`verified=False` for a session that stopped after the password.
"""

from __future__ import annotations

from typing import Any

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def device_for(user: Any) -> TOTPDevice:
    """The person's confirmed authenticator device (made on first use)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def sign_in(client: Any, user: Any, *, verified: bool = True) -> Any:
    client.force_login(user)
    if verified:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device_for(user).persistent_id
        session.save()
    warm_session_cache(client)
    return client


def warm_session_cache(client: Any) -> None:
    """Leave the client's session in the cache, as a person's first page does (peygir.core.sessions):
    a test that counts a page's queries then counts the same ones on every request, the first too."""
    from peygir.core import dataversion

    store = client.session
    with dataversion.reading():
        type(store)(store.session_key).load()


def totp_code(device: TOTPDevice) -> str:
    """The code an authenticator app holding `device`'s key shows now."""
    from django_otp.oath import totp

    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
    return f"{value:0{device.digits}d}"


def totp_now(user: Any) -> str:
    """The code the person's (confirmed) authenticator app shows now."""
    return totp_code(device_for(user))
