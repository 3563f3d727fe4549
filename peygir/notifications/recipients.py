"""Who hears about an action: members of organizations by role, loaded in bulk and cached.

The escalation scan asks the same questions for thousands of actions of a few hundred organizations;
one `Directory` per scan answers them with one query per batch of new organizations instead of one per
action.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from peygir.organizations.models import Membership, Organization

Role = Membership.Role

# The people who answer for an organization's work day to day, and those who answer for it above them.
LIAISON_ROLES = frozenset({Role.LIAISON})
HEAD_ROLES = frozenset({Role.HEAD})
RESPONSIBLE_ROLES = frozenset({Role.LIAISON, Role.HEAD})
ISSUER_ROLES = frozenset({Role.OFFICE_STAFF, Role.HEAD})
SUPERVISOR_ROLES = frozenset({Role.HEAD, Role.OFFICE_STAFF, Role.COUNTY_DEPUTY})
PROVINCE_ROLES = frozenset({Role.OFFICE_STAFF, Role.HEAD})


@dataclass(frozen=True)
class Recipient:
    """Where one person is told, as their preferences (notifications.Preference) say: an empty
    `email`/`mobile`/`bale_chat` is a channel they do not get; `digest` holds single messages back."""

    user_id: int
    email: str
    mobile: str
    bale_chat: str = ""
    digest: bool = False


# The preference columns read with each member (a LEFT JOIN: no row means the defaults).
PREF = "user__notification_preference__"
PREF_FIELDS = (f"{PREF}email", f"{PREF}sms", f"{PREF}bale", f"{PREF}bale_chat_id", f"{PREF}digest")


def recipient(user_id: int, email: str, mobile: str, *prefs: object) -> Recipient:
    wants_email, wants_sms, bale, chat, digest = prefs
    return Recipient(
        user_id,
        (email or "") if wants_email is not False else "",
        (mobile or "") if wants_sms is not False else "",
        (chat or "") if bale else "",
        bool(digest),
    )


class Directory:
    """Active members of organizations (active users, active memberships), cached by organization."""

    def __init__(self) -> None:
        self._members: dict[int, list[tuple[str, Recipient]]] = {}
        self._users: dict[int, Recipient | None] = {}
        self._province_offices: dict[int, list[int]] = {}

    # ------------------------------------------------------------ loading
    def load(self, org_ids: Iterable[int | None]) -> None:
        """Read the members of the organizations not seen yet, in one query."""
        missing = {pk for pk in org_ids if pk is not None and pk not in self._members}
        if not missing:
            return
        for pk in missing:
            self._members[pk] = []
        rows = Membership.objects.filter(
            organization_id__in=missing,
            is_active=True,
            organization__is_active=True,
            user__is_active=True,
        ).values_list("organization_id", "role", "user_id", "user__email", "user__mobile", *PREF_FIELDS)
        for org_id, role, *person in rows.order_by("organization_id", "user_id"):
            self._members[org_id].append((role, recipient(*person)))

    def load_users(self, user_ids: Iterable[int | None]) -> None:
        from django.contrib.auth import get_user_model

        missing = {pk for pk in user_ids if pk is not None and pk not in self._users}
        if not missing:
            return
        for pk in missing:
            self._users[pk] = None
        rows = get_user_model().objects.filter(pk__in=missing, is_active=True)
        fields = [name.removeprefix("user__") for name in PREF_FIELDS]
        for person in rows.values_list("pk", "email", "mobile", *fields):
            self._users[person[0]] = recipient(*person)

    def load_province_offices(self, province_ids: Iterable[int | None]) -> None:
        """The provincial social offices (and their members) of the given provinces."""
        missing = {pk for pk in province_ids if pk is not None and pk not in self._province_offices}
        if not missing:
            return
        for pk in missing:
            self._province_offices[pk] = []
        rows = Organization.objects.filter(
            kind=Organization.Kind.SOCIAL_OFFICE, territory_id__in=missing, is_active=True
        ).values_list("territory_id", "pk")
        for territory_id, org_id in rows.order_by("pk"):
            self._province_offices[territory_id].append(org_id)
        self.load(org_id for ids in self._province_offices.values() for org_id in ids)

    # ------------------------------------------------------------ asking
    def members(self, org_id: int | None, roles: frozenset[str]) -> list[Recipient]:
        """Members of one organization holding one of `roles` (call `load` first), each person once."""
        if org_id is None:
            return []
        if org_id not in self._members:
            self.load([org_id])
        seen: set[int] = set()
        found = []
        for role, recipient in self._members[org_id]:
            if role in roles and recipient.user_id not in seen:
                seen.add(recipient.user_id)
                found.append(recipient)
        return found

    def user(self, user_id: int | None) -> Recipient | None:
        if user_id is None:
            return None
        if user_id not in self._users:
            self.load_users([user_id])
        return self._users[user_id]

    def province_offices(self, province_id: int | None) -> list[int]:
        if province_id is None:
            return []
        if province_id not in self._province_offices:
            self.load_province_offices([province_id])
        return self._province_offices[province_id]


def merge(*groups: Iterable[Recipient | None], exclude: int | None = None) -> list[Recipient]:
    """Recipients of several groups, each person once, in order, without `exclude` (the actor)."""
    seen: set[int] = set()
    merged = []
    for group in groups:
        for recipient in group:
            if recipient is None or recipient.user_id == exclude or recipient.user_id in seen:
                continue
            seen.add(recipient.user_id)
            merged.append(recipient)
    return merged
