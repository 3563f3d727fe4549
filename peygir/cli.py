"""The `peygir` console command: a thin wrapper over Django's management commands.

`peygir actions scan --as-of 1403/07/01` runs the `actions` management command, and so on.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peygir.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else ["peygir", *argv])
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
