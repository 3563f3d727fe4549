"""The importers by the slug of their page."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from .directory import OrganizationImporter, PersonImporter
from .register import RegisterImporter

IMPORTERS: dict[str, Any] = {
    importer.kind: importer for importer in (OrganizationImporter(), PersonImporter(), RegisterImporter())
}


def get_importer(kind: str) -> Any:
    try:
        return IMPORTERS[kind]
    except KeyError as exc:
        raise Http404 from exc
