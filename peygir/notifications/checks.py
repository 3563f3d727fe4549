"""Production refuses the console email and SMS backends (issue 14 §4).

A console backend "sends" by printing: in production every notice and every citizen's confirmation
code would be lost (and printed into the logs). With settings.PRODUCTION on, the project will not
start with one unless settings.PEYGIR_ALLOW_CONSOLE_BACKENDS says so (a demo server without a gateway).
The check also runs with `peygir check`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error

CONSOLE = {
    "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    "SMS_BACKEND": "peygir.notifications.sms.ConsoleSmsBackend",
}


def console_backends(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if not getattr(settings, "PRODUCTION", False) or getattr(
        settings, "PEYGIR_ALLOW_CONSOLE_BACKENDS", False
    ):
        return []
    return [
        Error(
            f"{name} is the console backend in production: messages would be printed, not sent.",
            hint=f"Set {name} to a real backend, or PEYGIR_ALLOW_CONSOLE_BACKENDS=1 for a demo server.",
            id="peygir.E014",
        )
        for name, console in CONSOLE.items()
        if getattr(settings, name, "") == console
    ]
