"""No personal data in log lines; production refuses console email/SMS backends (issue 14 §4)."""

from __future__ import annotations

import logging

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from peygir.core.logredact import RedactFilter, redact
from peygir.notifications.checks import console_backends


@pytest.mark.parametrize(
    ("line", "secret", "kept"),
    [
        ("SMS to 09121234567 failed", "09121234567", "…4567"),
        ("sending to +98 912 123 4567", "123 4567", "…4567"),
        ("to ۰۹۳۵۱۱۱۲۲۳۳ ok", "09351112233", "…2233"),
        ("citizen 989121234567 confirmed", "989121234567", "…4567"),
        ("demand ACDE-2346 looked up", "ACDE-2346", "ACDE-****"),
        ("کد تأیید شما: 123456", "123456", "****"),
        ("otp code=842913 sent", "842913", "****"),
    ],
)
def test_redact(line, secret, kept):
    cleaned = redact(line)
    assert secret not in cleaned and kept in cleaned


def test_the_configured_handlers_redact_every_line(caplog):
    # settings.LOGGING puts the filter on the console handler; caplog's handler gets it the same way.
    assert any(isinstance(f, RedactFilter) for h in logging.getLogger().handlers for f in h.filters), (
        "settings.LOGGING's handler carries the filter"
    )
    caplog.handler.addFilter(RedactFilter())
    logging.getLogger("peygir.demands").warning(
        "code %s sent to %s for %s", "123456", "09121234567", "ACDE-2346"
    )
    line = caplog.records[-1].getMessage()
    assert "09121234567" not in line and "123456" not in line and "ACDE-2346" not in line
    assert "…4567" in line


def test_ordinary_lines_are_untouched():
    assert redact("escalation scan 2023-11-15: 12 actions") == "escalation scan 2023-11-15: 12 actions"


@pytest.mark.parametrize("name", ["EMAIL_BACKEND", "SMS_BACKEND"])
def test_production_refuses_console_backends(settings, name):
    settings.PRODUCTION = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.SMS_BACKEND = "peygir.notifications.sms.MemorySmsBackend"
    assert console_backends() == []
    setattr(
        settings,
        name,
        {
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            "SMS_BACKEND": "peygir.notifications.sms.ConsoleSmsBackend",
        }[name],
    )
    [error] = console_backends()
    assert name in error.msg and error.id == "peygir.E014"
    with pytest.raises(ImproperlyConfigured):
        apps.get_app_config("notifications").ready()
    settings.PEYGIR_ALLOW_CONSOLE_BACKENDS = True
    assert console_backends() == []


def test_development_may_use_console_backends(settings):
    settings.PRODUCTION = False
    settings.SMS_BACKEND = "peygir.notifications.sms.ConsoleSmsBackend"
    assert console_backends() == []
