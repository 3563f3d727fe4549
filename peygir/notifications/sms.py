"""SMS backends. Delivery calls `get_sms_backend().send(to, text)`; the class is `settings.SMS_BACKEND`.

Iran's SMS gateways (Kavenegar, Ghasedak, the operators' own panels …) all take a number and a text:
a project-specific backend subclasses `BaseSmsBackend` and raises `SmsError` when the gateway refuses,
so delivery can record the failure instead of losing it.
"""

from __future__ import annotations

import logging
import sys
from abc import ABC, abstractmethod
from functools import lru_cache

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("peygir.sms")


class SmsError(Exception):
    """The gateway refused or could not be reached; the message says why (kept in last_error)."""


class BaseSmsBackend(ABC):
    """One short text to one mobile number."""

    @abstractmethod
    def send(self, to: str, text: str) -> None:
        """Send or raise; returning means the gateway accepted the message."""


class ConsoleSmsBackend(BaseSmsBackend):
    """The default: writes the message to stdout and the log, as Django's console email backend does."""

    def __init__(self, stream=None) -> None:
        self.stream = stream

    def send(self, to: str, text: str) -> None:
        stream = self.stream or sys.stdout
        stream.write(f"[SMS] to={to}\n{text}\n{'-' * 40}\n")
        stream.flush()
        # The log keeps no personal data: only the last digits, enough to match a complaint.
        logger.info("SMS to …%s (%d chars)", to[-4:], len(text))


class MemorySmsBackend(BaseSmsBackend):
    """Keeps sent messages in `MemorySmsBackend.outbox` (for tests, like django.core.mail.outbox)."""

    outbox: list[tuple[str, str]] = []

    def send(self, to: str, text: str) -> None:
        type(self).outbox.append((to, text))


@lru_cache(maxsize=8)
def _backend_class(path: str) -> type[BaseSmsBackend]:
    cls = import_string(path)
    if not (isinstance(cls, type) and issubclass(cls, BaseSmsBackend)):
        raise TypeError(f"{path} is not a BaseSmsBackend")
    return cls


def get_sms_backend() -> BaseSmsBackend:
    """A fresh instance of the configured backend (settings.SMS_BACKEND)."""
    path = getattr(settings, "SMS_BACKEND", "") or "peygir.notifications.sms.ConsoleSmsBackend"
    return _backend_class(path)()
