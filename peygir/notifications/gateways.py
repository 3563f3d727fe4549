"""SMS gateways of Iranian providers over their HTTP APIs (issue 14 §4), chosen by settings:

    SMS_BACKEND = "peygir.notifications.gateways.KavenegarSmsBackend"   # SMS_API_KEY, SMS_SENDER
    SMS_BACKEND = "peygir.notifications.gateways.SmsIrSmsBackend"       # SMS_API_KEY, SMS_SENDER (line)

Each raises SmsError when the gateway refuses or cannot be reached, so delivery records the failure
(FAILED, retried later) instead of losing the message. The number is never logged whole.

- Kavenegar: GET/POST https://api.kavenegar.com/v1/{key}/sms/send.json (receptor, sender, message);
  the answer's `return.status` is 200 on success, else the gateway's error code and Persian message.
- sms.ir (v1): POST https://api.sms.ir/v1/send/bulk with header `x-api-key`, JSON
  {lineNumber, messageText, mobiles}; the answer's `status` is 1 on success.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from django.conf import settings

from .sms import BaseSmsBackend, SmsError

logger = logging.getLogger("peygir.sms")
TIMEOUT = 15


def _call(request: urllib.request.Request) -> dict[str, Any]:
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - fixed https URLs
            body = response.read()
    except urllib.error.HTTPError as exc:  # the gateways answer errors with a JSON body and a 4xx
        body = exc.read()
        if not body:
            raise SmsError(f"HTTP {exc.code}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise SmsError(f"gateway unreachable: {exc}") from exc
    try:
        return json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise SmsError("gateway answered something that is not JSON") from exc


def _local(to: str) -> str:
    """+989121234567 → 09121234567 (both gateways take the national form)."""
    digits = "".join(ch for ch in to if ch.isdigit())
    if digits.startswith("98") and len(digits) == 12:
        return "0" + digits[2:]
    return digits


class KavenegarSmsBackend(BaseSmsBackend):
    url = "https://api.kavenegar.com/v1/{key}/sms/send.json"

    def send(self, to: str, text: str) -> None:
        data = urllib.parse.urlencode(
            {"receptor": _local(to), "sender": settings.SMS_SENDER, "message": text}
        ).encode()
        request = urllib.request.Request(  # noqa: S310 - a fixed https URL
            self.url.format(key=urllib.parse.quote(settings.SMS_API_KEY, safe="")), data=data, method="POST"
        )
        answer = _call(request)
        status = (answer.get("return") or {}).get("status")
        if status != 200:
            raise SmsError(f"kavenegar {status}: {(answer.get('return') or {}).get('message', '')}")
        logger.info("SMS to …%s accepted by kavenegar", _local(to)[-4:])


class SmsIrSmsBackend(BaseSmsBackend):
    url = "https://api.sms.ir/v1/send/bulk"

    def send(self, to: str, text: str) -> None:
        payload = {"lineNumber": settings.SMS_SENDER, "messageText": text, "mobiles": [_local(to)]}
        request = urllib.request.Request(  # noqa: S310 - a fixed https URL
            self.url,
            data=json.dumps(payload, ensure_ascii=False).encode(),
            headers={
                "x-api-key": settings.SMS_API_KEY,
                "Content-Type": "application/json",
                "Accept": "application/json",
            },
            method="POST",
        )
        answer = _call(request)
        if answer.get("status") != 1:
            raise SmsError(f"sms.ir {answer.get('status')}: {answer.get('message', '')}")
        logger.info("SMS to …%s accepted by sms.ir", _local(to)[-4:])
