"""`manage.py unlock_sign_in --username NAME --ip ADDRESS`: lift a sign-in lockout now (the admin's
"access attempts" page does the same; see docs/security.md)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from peygir.accounts.lockout import reset


class Command(BaseCommand):
    help = "Unlock an account and/or an address locked after failed sign-ins."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--username", default="")
        parser.add_argument("--ip", default="")

    def handle(self, *args: Any, username: str = "", ip: str = "", **options: Any) -> None:
        if not username and not ip:
            raise CommandError("give --username and/or --ip")
        removed = reset(username=username or None, ip=ip or None)
        self.stdout.write(f"unlocked: {removed} failed attempt record(s) removed")
