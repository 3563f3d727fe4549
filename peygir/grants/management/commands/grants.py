"""`peygir grants prune-unconfirmed [--older-than DAYS]`: NGO self-registrations whose representative
never typed back the SMS code are removed (docs/grants.md). Thin: the work is in
peygir.grants.services.ngo_prune. Idempotent; the escalation scan (`peygir actions scan`) runs it too.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from peygir.core.text import to_latin_digits, to_persian_digits
from peygir.grants.services.ngo_prune import ngo_prune_unconfirmed, unconfirmed_age


def days(value: str) -> dt.timedelta:
    try:
        number = float(to_latin_digits(str(value)).strip().replace("٫", "."))
    except ValueError:
        number = -1
    if not number >= 0 or number > 36500:
        raise CommandError(_("تعداد روز را با عددی نامنفی وارد کنید."))
    return dt.timedelta(days=number)


class Command(BaseCommand):
    help = "NGO grants: remove abandoned self-registrations (حذف ثبت‌نام سمن‌هایی که شماره همراهشان تأیید نشد)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        prune = sub.add_parser(
            "prune-unconfirmed", help="remove registrations whose SMS code never came back"
        )
        prune.add_argument(
            "--older-than",
            dest="older_than",
            default=None,
            help="days (default: PEYGIR_NGO_UNCONFIRMED_DAYS)",
        )

    def handle(self, *args, **options) -> None:
        age = unconfirmed_age() if options["older_than"] is None else days(options["older_than"])
        result = ngo_prune_unconfirmed(older_than=age)
        self.stdout.write(
            _(
                "%(removed)s ثبت‌نام سمن که کد پیامکی آن تا %(days)s روز وارد نشد حذف شد "
                "(با %(accounts)s حساب کاربری بی‌کاربرد)؛ %(kept)s ثبت‌نام به سبب پیوند با سوابق دیگر ماند."
            )
            % {
                "removed": to_persian_digits(result.removed),
                "days": to_persian_digits(f"{age.total_seconds() / 86400:g}"),
                "accounts": to_persian_digits(result.accounts),
                "kept": to_persian_digits(result.kept),
            }
        )
