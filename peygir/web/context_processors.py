"""What every page's layout needs: the unread badge and the text direction."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language_bidi

from peygir.notifications.selectors import unread_count
from peygir.organizations.access import get_scope


def peygir(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    unread = 0
    memberships: list = []
    if user is not None and user.is_authenticated:
        unread = unread_count(user=user)
        memberships = get_scope(user).memberships
    return {
        "unread_count": unread,
        "my_memberships": memberships,
        "text_dir": "rtl" if get_language_bidi() else "ltr",
    }
