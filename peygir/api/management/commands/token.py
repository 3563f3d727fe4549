"""`peygir token create USERNAME [--show]`: the API token of one user, for agencies' own systems.

Without --show the token is created, or rotated if one exists (the old one stops working at once):
that is what an administrator does when a key leaks. With --show an existing token is printed as is
(and one is created only if the user has none).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "Create, rotate or show a user's API token."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        create = sub.add_parser("create", help="Create (or rotate) the token of USERNAME and print it.")
        create.add_argument("username")
        create.add_argument(
            "--show", action="store_true", help="Print the existing token instead of rotating."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "create":
            self.stdout.write(token_for(options["username"], rotate=not options["show"]))


@transaction.atomic
def token_for(username: str, *, rotate: bool) -> str:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"No user named {username!r}.")
    if not user.is_active:
        raise CommandError(f"User {username!r} is not active.")
    existing = Token.objects.filter(user=user).first()
    if existing is not None and not rotate:
        return existing.key
    if existing is not None:
        existing.delete()
    return Token.objects.create(user=user).key
