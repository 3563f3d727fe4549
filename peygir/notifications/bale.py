"""Bale (بله), the domestic messenger, through its bot API — the same shape as Telegram's: a POST to
`<api>/bot<token>/sendMessage` with `chat_id` and `text`, answered `{"ok": true, …}`.

Delivery calls `get_bale_backend().send(chat_id, text)`; the class is `settings.PEYGIR_BALE_BACKEND`
(the console one by default, which sends nothing). A person links their chat by sending the bot
«/start CODE» (`link_chat`, called by the webhook view with the update Bale posts).
"""

from __future__ import annotations

import json
import logging
import secrets
import sys
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from .models import Preference

logger = logging.getLogger("peygir.bale")
DEFAULT_API = "https://tapi.bale.ai"
TIMEOUT_SECONDS = 10


class BaleError(Exception):
    """The bot API refused or could not be reached (kept in the message's last_error)."""


class BaseBaleBackend(ABC):
    @abstractmethod
    def send(self, chat_id: str, text: str) -> None:
        """Send or raise BaleError."""


class ConsoleBaleBackend(BaseBaleBackend):
    """The default: writes the message out, sends nothing (no token needed)."""

    def send(self, chat_id: str, text: str) -> None:
        sys.stdout.write(f"[Bale] chat={chat_id}\n{text}\n{'-' * 40}\n")
        logger.info("Bale message to a linked chat (%d chars)", len(text))


class MemoryBaleBackend(BaseBaleBackend):
    """Keeps sent messages in `outbox` (tests)."""

    outbox: list[tuple[str, str]] = []

    def send(self, chat_id: str, text: str) -> None:
        type(self).outbox.append((chat_id, text))


class ApiBaleBackend(BaseBaleBackend):
    """The real bot API (settings.PEYGIR_BALE_BOT_TOKEN; PEYGIR_BALE_API_URL to point elsewhere)."""

    def __init__(self) -> None:
        self.token = getattr(settings, "PEYGIR_BALE_BOT_TOKEN", "")
        self.api = getattr(settings, "PEYGIR_BALE_API_URL", "") or DEFAULT_API
        if not self.token:
            raise BaleError("PEYGIR_BALE_BOT_TOKEN is not set")
        if not self.api.startswith("https://"):
            raise BaleError("PEYGIR_BALE_API_URL must be an https address")

    def send(self, chat_id: str, text: str) -> None:
        body = json.dumps({"chat_id": chat_id, "text": text}).encode()
        request = urllib.request.Request(  # noqa: S310 - an https address, checked in __init__
            f"{self.api.rstrip('/')}/bot{self.token}/sendMessage",
            data=body,
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 - fixed https API
                answer = json.loads(response.read() or b"{}")
        except (urllib.error.URLError, TimeoutError, ValueError) as exc:
            raise BaleError(f"Bale API unreachable: {type(exc).__name__}") from exc
        if not answer.get("ok"):
            raise BaleError(f"Bale API refused: {answer.get('description', 'no description')}"[:300])


@lru_cache(maxsize=4)
def _backend_class(path: str) -> type[BaseBaleBackend]:
    cls = import_string(path)
    if not (isinstance(cls, type) and issubclass(cls, BaseBaleBackend)):
        raise TypeError(f"{path} is not a BaseBaleBackend")
    return cls


def get_bale_backend() -> BaseBaleBackend:
    path = getattr(settings, "PEYGIR_BALE_BACKEND", "") or "peygir.notifications.bale.ConsoleBaleBackend"
    return _backend_class(path)()


def new_link_code() -> str:
    """A short one-time code the person sends the bot; letters and digits a phone keyboard has."""
    return secrets.token_hex(4).upper()


def link_chat(update: dict[str, Any]) -> Preference | None:
    """Link the chat of a «/start CODE» message to the person whose code it is; the code is used up.
    Anything else (another text, an unknown or reused code) links nothing."""
    message = update.get("message") if isinstance(update, dict) else None
    if not isinstance(message, dict):
        return None
    text = str(message.get("text") or "").strip()
    chat = message.get("chat") if isinstance(message.get("chat"), dict) else {}
    chat_id = str(chat.get("id") or "")[:40]
    parts = text.split()
    if len(parts) != 2 or parts[0] != "/start" or not chat_id:
        return None
    code = parts[1].upper()[:16]
    with transaction.atomic():
        preference = Preference.objects.select_for_update().filter(bale_link_code=code).first()
        if preference is None or not code:
            return None
        preference.bale_chat_id = chat_id
        preference.bale_link_code = ""
        preference.bale = True
        preference.version += 1
        preference.save(update_fields=["bale_chat_id", "bale_link_code", "bale", "version"])
    return preference
