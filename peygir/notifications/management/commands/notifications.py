"""`peygir notifications digest`: queue the daily digests (run once a day, e.g. at 7 in the morning)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from peygir.notifications.digest import send_digests


class Command(BaseCommand):
    help = "Notifications: `digest` queues the daily digest of everyone who chose one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["digest"])

    def handle(self, *args: Any, **options: Any) -> None:
        count = send_digests()
        self.stdout.write(f"{count} digest(s) queued")
