"""What a person does with their notifications.

Notifications themselves are written by the domain that has news (`actions/notify.py`, the demands'
messages to citizens) through `outbox.Outbox`, inside the transaction of the change they report.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.versioning import check_version, lock_row, save_versioned

from .bale import new_link_code
from .models import Notification, Preference


def notification_mark_read(*, user: Any, notification_id: int | None = None, all: bool = False) -> int:  # noqa: A002
    """Mark one of the user's notifications (or all of them) read; returns how many changed.

    Someone else's notification and a missing one look the same: NotAllowed (the view answers 404).
    """
    if not getattr(user, "is_authenticated", False):
        raise NotAllowed
    own = Notification.objects.filter(recipient_id=user.pk)
    now = timezone.now()
    if all:
        return own.filter(read_at__isnull=True).update(read_at=now)
    try:
        pk = int(str(notification_id))
    except (TypeError, ValueError) as exc:
        raise NotAllowed from exc
    if not own.filter(pk=pk).exists():
        raise NotAllowed
    return own.filter(pk=pk, read_at__isnull=True).update(read_at=now)


def check_preferences_change(*, user: Any, bale: bool) -> None:
    """Anyone signed in keeps their own preferences; Bale needs a linked chat first."""
    if not getattr(user, "is_authenticated", False):
        raise NotAllowed
    if bale and not Preference.objects.filter(user=user).exclude(bale_chat_id="").exists():
        raise ValidationError({"bale": _("اول حساب بله خود را با فرستادن کد اتصال به ربات وصل کنید.")})


def preferences_change(
    *,
    user: Any,
    email: bool,
    sms: bool,
    bale: bool,
    digest: bool,
    expected_version: int | None = None,
) -> Preference:
    """Change how the person is told (their own row; two tabs saving at once: the later is refused)."""
    check_preferences_change(user=user, bale=bale)
    with transaction.atomic():
        preference, _created = Preference.objects.get_or_create(user=user)
        preference = lock_row(Preference.objects.all(), preference.pk)
        check_version(preference, expected_version)
        preference.email, preference.sms, preference.bale, preference.digest = email, sms, bale, digest
        save_versioned(preference, "email", "sms", "bale", "digest")
    return preference


def bale_link_start(*, user: Any) -> Preference:
    """A fresh one-time code for linking a Bale chat (the page shows it with the bot's name)."""
    if not getattr(user, "is_authenticated", False):
        raise NotAllowed
    with transaction.atomic():
        preference, _created = Preference.objects.get_or_create(user=user)
        Preference.objects.filter(pk=preference.pk).update(bale_link_code=new_link_code())
    preference.refresh_from_db()
    return preference


def bale_unlink(*, user: Any) -> Preference:
    if not getattr(user, "is_authenticated", False):
        raise NotAllowed
    preference, _created = Preference.objects.get_or_create(user=user)
    Preference.objects.filter(pk=preference.pk).update(bale=False, bale_chat_id="", bale_link_code="")
    preference.refresh_from_db()
    return preference
