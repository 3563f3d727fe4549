"""Imports from Excel of what offices already keep there: organizations, people, and an existing
register of resolutions (each row becomes one action per responsible organization).

The flow is upload → preview → confirm. `read_workbook` turns the first sheet into rows keyed by
column (headers matched by their Persian text, in any order); each importer's `check` decides row by
row what is accepted and why a row is refused (a Persian message per problem), without writing;
`apply` writes the accepted rows in one transaction — all of them or none. Cells may hold Persian or
Arabic-Indic digits, Jalali dates typed as text («۱۴۰۲/۰۷/۳۰») or Excel dates (Gregorian).
"""

from .base import MAX_ROWS, ImportFileError, Preview, RowResult, read_workbook, template_workbook
from .registry import IMPORTERS, get_importer

__all__ = [
    "IMPORTERS",
    "MAX_ROWS",
    "ImportFileError",
    "Preview",
    "RowResult",
    "get_importer",
    "read_workbook",
    "template_workbook",
]
