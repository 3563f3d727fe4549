"""The year-end evaluation of agency managers (S3.5): the province's agencies ranked on the year's
scorecard, each score printed with its basis (numerator, denominator, weight, rule), as a Persian A4
PDF (WeasyPrint) and as Excel. Both read one `YearEnd`, so they always say the same thing.

`peygir.exports` renders the minutes the same way; it sits on the same layer as this package, so the
few lines that load the bundled Vazirmatn font (and nothing else) are repeated here.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from peygir.core import xlsx
from peygir.core.jalali import format_jalali, format_jalali_long
from peygir.organizations.models import Organization
from peygir.territory.models import Territory

from .scorecard import Scorecard, rank
from .selectors import TerritoryView, territory_view
from .xlsx import (
    measure_headers,
    measures_rows,
    new_sheet,
    ranking_headers,
    ranking_row,
    weights_text,
    write_table,
)

_progress = logging.getLogger("weasyprint.progress")
if _progress.level == logging.NOTSET:
    _progress.setLevel(logging.WARNING)


@dataclass
class YearEnd:
    territory: Territory
    view: TerritoryView
    agencies: list[Scorecard]  # executive agencies only, ranked among themselves

    @property
    def title(self) -> str:
        return _("ارزیابی پایان سال %(year)s مدیران دستگاه‌های اجرایی — %(name)s") % {
            "year": self.view.period.year,
            "name": self.territory.name_fa,
        }

    @property
    def weights(self) -> str:
        return weights_text(self.view.weights)


def year_end(
    territory: Territory,
    *,
    year: int | None = None,
    part: str = "",
    as_of: dt.date | None = None,
    weights_id: int | None = None,
) -> YearEnd:
    """The whole year's evaluation: a year-end report ignores a season or month asked for (`part`)."""
    view = territory_view(territory, year=year, as_of=as_of, weights_id=weights_id)
    agencies = [c for c in view.agencies if c.subject.organization_kind == Organization.Kind.AGENCY]
    return YearEnd(territory=territory, view=view, agencies=rank(agencies))


def font_dir() -> Path:
    return Path(settings.NODE_MODULES) / "vazirmatn" / "fonts" / "ttf"


def year_end_html(data: YearEnd) -> str:
    fonts = font_dir()
    return render_to_string(
        "evaluation/year_end.html",
        {
            "d": data,
            "card": data.view.card,
            "period": data.view.period,
            "as_of": format_jalali_long(data.view.period.as_of),
            "font_regular": (fonts / "Vazirmatn-Regular.ttf").as_uri(),
            "font_bold": (fonts / "Vazirmatn-Bold.ttf").as_uri(),
            "generated": format_jalali(timezone.now(), with_time=True),
        },
    )


def _check_font_url(url: str) -> None:
    """The renderer may load the bundled font files and nothing else."""
    allowed = font_dir().as_uri() + "/"
    if not url.startswith(allowed) or ".." in url:
        raise ValueError(f"blocked resource: {url[:80]}")


def _font_only_fetcher():
    from weasyprint import urls  # late: WeasyPrint takes seconds to import and only the PDF needs it

    if hasattr(urls, "URLFetcher"):  # WeasyPrint 66 and later

        class FontOnlyFetcher(urls.URLFetcher):
            def fetch(self, url, headers=None):
                _check_font_url(url)
                return super().fetch(url, headers)

        return FontOnlyFetcher(allowed_protocols=["file"])

    def fetcher(url: str, *args, **kwargs):
        _check_font_url(url)
        return urls.default_url_fetcher(url, *args, **kwargs)

    return fetcher


def year_end_pdf(data: YearEnd) -> bytes:
    from weasyprint import HTML  # late, see _font_only_fetcher

    html = year_end_html(data)
    return HTML(string=html, url_fetcher=_font_only_fetcher(), base_url=font_dir().as_uri() + "/").write_pdf()


def year_end_xlsx(data: YearEnd) -> bytes:
    book = Workbook()
    subheading = _("تا تاریخ %(day)s — %(weights)s") % {
        "day": format_jalali(data.view.period.as_of, persian=False),
        "weights": data.weights,
    }
    write_table(
        new_sheet(book, _("رتبه‌بندی"), first=True),
        heading=data.title,
        subheading=subheading,
        headers=ranking_headers(_("دستگاه اجرایی")),
        rows=[ranking_row(c) for c in data.agencies],
    )
    for card in data.agencies:
        write_table(
            new_sheet(book, f"{card.rank or '-'} {card.subject.name}"),
            heading=card.subject.name,
            subheading=subheading,
            headers=measure_headers(),
            rows=measures_rows(card),
        )
    return xlsx.save(book)
