"""Writes to the directory of organizations, memberships and user accounts.

These are set-up operations for trusted callers (the admin site, the demo loader, management
commands): they validate their input but do not take an acting user. Day-to-day work (actions,
committees) goes through the services of those apps, which do check permissions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from peygir.core.errors import ValidationError
from peygir.core.text import clean_input, normalize_text
from peygir.territory.models import Territory

from . import access
from .models import Membership, Organization

Kind = Organization.Kind


@transaction.atomic
def organization_create(
    *,
    name: str,
    kind: str,
    territory: Territory,
    parent: Organization | None = None,
    supervisor: Organization | None = None,
    short_name: str = "",
    email: str = "",
    phone: str = "",
) -> Organization:
    """Create an organization placed in the territory tree.

    The supervisor is where its overdue actions escalate after a delay (a county deputy's
    governorate, the provincial office), so it must sit at or above the organization's territory.
    """
    name = clean_input(name)
    if not name:
        raise ValidationError({"name": _("نام سازمان را وارد کنید.")})
    if supervisor is not None and not territory.path.startswith(supervisor.territory.path):
        raise ValidationError({"supervisor": _("سطح نظارتی باید در همان قلمرو یا بالاتر از آن باشد.")})
    organization = Organization(
        name=name,
        short_name=clean_input(short_name),
        name_normalized=normalize_text(name),
        kind=kind,
        territory=territory,
        parent=parent,
        supervisor=supervisor,
        email=clean_input(email),
        phone=clean_input(phone),
    )
    organization.full_clean()
    organization.save()
    return organization


@transaction.atomic
def organization_update(*, organization: Organization, **fields: Any) -> Organization:
    """Change name, short name, supervisor, contact or active flag; keeps the normalized name in step."""
    allowed = {"name", "short_name", "supervisor", "parent", "email", "phone", "is_active"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"organization_update: unknown fields {sorted(unknown)}")
    for key, value in fields.items():
        setattr(organization, key, clean_input(value) if isinstance(value, str) else value)
    organization.name_normalized = normalize_text(organization.name)
    organization.full_clean()
    organization.save()
    return organization


@transaction.atomic
def organization_group_set_members(*, group: Organization, members: Iterable[Organization]) -> Organization:
    """Set the members of a group («دستگاه‌های اجرایی عضو برنامه…»): a resolution naming the group
    becomes one action per member."""
    if group.kind != Kind.GROUP:
        raise ValidationError({"group": _("تنها برای «گروه دستگاه‌ها» می‌توان عضو تعیین کرد.")})
    members = list(members)
    if any(m.kind == Kind.GROUP for m in members):
        raise ValidationError({"members": _("عضو یک گروه نمی‌تواند خود گروه باشد.")})
    group.members_of_group.set(members)
    return group


@transaction.atomic
def membership_add(*, user: Any, organization: Organization, role: str) -> Membership:
    """Give `user` a role in `organization` (idempotent); the user's cached scope is dropped."""
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("نقش نامعتبر است.")})
    membership, created = Membership.objects.get_or_create(user=user, organization=organization, role=role)
    if not created and not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    access.forget_scope(user)
    return membership


@transaction.atomic
def membership_end(*, membership: Membership) -> Membership:
    """End a membership without deleting it: the history still names the person."""
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    access.forget_scope(membership.user)
    return membership


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
    title: str = "",
    email: str = "",
    mobile: str = "",
    is_superuser: bool = False,
) -> Any:
    """Create a user account; without a password the account cannot sign in until one is set."""
    User = get_user_model()
    username = clean_input(username)
    if not username:
        raise ValidationError({"username": _("نام کاربری را وارد کنید.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("این نام کاربری پیش‌تر ثبت شده است.")})
    user = User(
        username=username,
        first_name=clean_input(first_name),
        last_name=clean_input(last_name),
        title=clean_input(title),
        email=clean_input(email),
        mobile=clean_input(mobile),
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user


def user_with_membership(
    *,
    username: str,
    password: str | None,
    organization: Organization,
    role: str,
    first_name: str = "",
    last_name: str = "",
    title: str = "",
) -> Any:
    """Create a user and place them in one organization (the common case for a new staff member)."""
    with transaction.atomic():
        user = user_create(
            username=username, password=password, first_name=first_name, last_name=last_name, title=title
        )
        membership_add(user=user, organization=organization, role=role)
    return user
