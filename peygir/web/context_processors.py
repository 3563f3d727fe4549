"""What every page's layout needs: the unread badge, the text direction and which menus to show."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language_bidi

from peygir.notifications.selectors import BADGE_CAP, unread_count
from peygir.organizations.access import Scope, get_scope
from peygir.organizations.models import Organization


class _OfficesToRegisterFor:
    """«ثبت مطالبه» for a territorial manager: only where their territory has an office to register
    for (the page refuses otherwise). Asked once, and only when the menu is drawn — templates call it."""

    def __init__(self, user: Any) -> None:
        self.user, self.answer = user, None

    def __call__(self) -> bool:
        if self.answer is None:
            from peygir.demands.web.intake import intake_offices_q

            self.answer = intake_offices_q(self.user).exists()
        return self.answer


def menu_for(scope: Scope, user: Any = None) -> dict[str, Any]:
    """Which entries of the main menu the person can use: hiding the rest is a courtesy, not the
    control — every page checks its own rule. Read from the scope already loaded, with no query
    (but for a territorial manager's «ثبت مطالبه», asked when drawn)."""
    if scope.is_superuser:
        return {**dict.fromkeys(("work", "demands", "triage", "register", "offices"), True), "ngo": False}
    kinds = {m.organization.kind for m in scope.memberships}
    facilitator = Organization.Kind.FACILITATION_OFFICE in kinds
    work = bool(scope.org_ids or scope.read_paths)
    register: Any = facilitator
    if not facilitator and scope.manage_paths:
        register = _OfficesToRegisterFor(user) if user is not None else True
    return {
        "work": work,
        # Agencies answer the demands routed to them; offices and territorial readers see theirs.
        "demands": work,
        "triage": bool(scope.manage_paths) or facilitator,
        "register": register,
        "offices": bool(scope.read_paths) or facilitator,
        # The NGO's desk answers only an NGO's representatives.
        "ngo": Organization.Kind.NGO in kinds,
    }


def peygir(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    unread = 0
    memberships: list = []
    menu: dict[str, bool] = {}
    if user is not None and user.is_authenticated:
        unread = unread_count(user=user, cap=BADGE_CAP)
        scope = get_scope(user)
        memberships = scope.memberships
        menu = menu_for(scope, user)
    return {
        "unread_count": unread,
        "unread_cap": BADGE_CAP,
        "my_memberships": memberships,
        "menu": menu,
        "text_dir": "rtl" if get_language_bidi() else "ltr",
    }
