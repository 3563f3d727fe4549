"""No full phone number, SMS code or tracking code in any log line (issue 14 §4).

`RedactFilter` sits on every handler (settings.LOGGING): it formats the record once, masks

- mobile numbers (09…, +989…, 989…, 00989…, in any digits, with spaces or dashes) to their last four
  digits ("…4567"), enough to match a complaint;
- citizens' tracking codes (XXXX-XXXX in the codes' alphabet) to "XXXX-****";
- one-time codes: a run of 4–8 digits after a word that names a code (code, کد, رمز, otp),

and leaves the rest of the line as it was. Logging a citizen's data is a bug; this is the net under it.
"""

from __future__ import annotations

import logging
import re

from peygir.core.text import to_latin_digits

_SEP = r"[\s\-]?"
MOBILE = re.compile(r"(?<!\d)(?:\+|00)?(?:98|0)" + _SEP + r"9\d{2}" + _SEP + r"\d{3}" + _SEP + r"\d{4}(?!\d)")
TRACKING = re.compile(r"\b([234679ACDEFGHJKMNPRTWXY]{4})-[234679ACDEFGHJKMNPRTWXY]{4}\b")
CODE = re.compile(r"(?i)((?:code|otp|کد|رمز)[^\d\n]{0,12})\d{4,8}(?!\d)")


def redact(text: str) -> str:
    text = to_latin_digits(text)
    text = MOBILE.sub(lambda m: "…" + re.sub(r"\D", "", m.group(0))[-4:], text)
    text = TRACKING.sub(r"\1-****", text)
    return CODE.sub(r"\1****", text)


class RedactFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed record is logged as it is, not dropped
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
