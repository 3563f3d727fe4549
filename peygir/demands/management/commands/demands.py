"""`peygir demands anonymize [--older-than DAYS]`: the retention of citizens' personal data.

Thin: the work is in peygir.demands.anonymize.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from peygir.core.text import to_persian_digits
from peygir.demands.anonymize import demand_anonymize, retention_days


class Command(BaseCommand):
    help = "Citizens' demands: retention of personal data (مطالبات مردمی: پاک‌کردن داده‌های شخصی)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        anonymize = sub.add_parser("anonymize", help="wipe personal data of old closed demands")
        anonymize.add_argument(
            "--older-than", dest="older_than", default=None, help="days (default: setting)"
        )

    def handle(self, *args, **options) -> None:
        value = options["older_than"]
        if value is None:
            days = retention_days()
        else:
            try:
                days = int(str(value).translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")))
            except ValueError:
                days = -1
            if days < 0:
                raise CommandError(_("تعداد روز را با عددی نامنفی وارد کنید."))
        count = demand_anonymize(older_than_days=days)
        self.stdout.write(
            _(
                "داده‌های شخصی %(count)s مطالبه بسته‌شده قدیمی‌تر از %(days)s روز پاک شد "
                "(صفحه پیگیری این مطالبات دیگر باز نمی‌شود)."
            )
            % {"count": to_persian_digits(count), "days": to_persian_digits(days)}
        )
