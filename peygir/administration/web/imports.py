"""Import pages: upload → preview (row by row: accepted, or refused and why) → confirm (all accepted
rows in one transaction, or none). Between preview and confirm the uploaded workbook waits in
MEDIA_ROOT/imports under a random name, named in a signed token bound to the user and the import;
it is deleted on confirm, and left-overs older than a day go with the next upload."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from peygir.administration import access, services
from peygir.administration.imports import (
    ImportFileError,
    Preview,
    get_importer,
    read_workbook,
    template_workbook,
)
from peygir.core.errors import NotAllowed, ValidationError
from peygir.core.files import validate_upload
from peygir.core.web.views import errors_to_form
from peygir.notifications.outbox import absolute_url

from .common import by_pk, require
from .forms import ImportUploadForm

SALT = "peygir.administration.import"
MAX_AGE = 3600
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _sweep(folder: Path) -> None:
    limit = time.time() - 86400
    for path in folder.glob("*.xlsx"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def _allowed(user: Any, kind: str) -> bool:
    if kind == "organizations":
        return access.is_office_admin(user)
    if kind == "people":
        return access.can_enter(user)
    return access.can_issue_directives(user) and access.issuer_organizations(user).exists()


def _issuers(user: Any, importer: Any) -> list | None:
    return (
        list(access.issuer_organizations(user).select_related("territory").order_by("name"))
        if importer.needs_issuer
        else None
    )


def _page(
    request,
    importer,
    form,
    *,
    preview: Preview | None = None,
    token: str = "",
    status: int = 200,
    error: str = "",
):
    context = {"importer": importer, "form": form, "preview": preview, "token": token, "error": error}
    return render(request, "web/administration/import.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, kind: str) -> HttpResponse:
    importer = get_importer(kind)
    require(_allowed(request.user, kind))
    issuers = _issuers(request.user, importer)
    form = ImportUploadForm(
        *((request.POST, request.FILES) if request.method == "POST" else (None, None)), issuers=issuers
    )
    if request.method == "GET":
        return _page(request, importer, ImportUploadForm(issuers=issuers))
    if not form.is_valid():
        return _page(request, importer, form, status=400)
    try:
        checked = validate_upload(form.cleaned_data["file"])
        if not checked.name.lower().endswith(".xlsx"):
            raise ValidationError({"file": _("پرونده اکسل با پسوند xlsx بفرستید.")})
        data = checked.file.read()
        options = {"issuer": by_pk(issuers)[form.cleaned_data["issuer"]]} if issuers is not None else {}
        rows = read_workbook(data, importer.columns)
        preview = Preview(importer.check(request.user, rows, **options))
    except ValidationError as exc:
        errors_to_form(form, ValidationError({"file": exc.messages}))
        return _page(request, importer, form, status=400)
    except ImportFileError as exc:
        form.add_error("file", str(exc))
        return _page(request, importer, form, status=400)
    except NotAllowed:
        form.add_error("issuer", _("از سوی این سازمان نمی‌توانید ابلاغ کنید."))
        return _page(request, importer, form, status=400)
    folder = _folder()
    _sweep(folder)
    name = uuid.uuid4().hex
    (folder / f"{name}.xlsx").write_bytes(data)
    payload = {"f": name, "u": request.user.pk, "k": kind, "i": options["issuer"].pk if options else None}
    token = signing.dumps(payload, salt=SALT)
    return _page(request, importer, form, preview=preview, token=token)


@login_required
@require_POST
def import_confirm(request: HttpRequest, kind: str) -> HttpResponse:
    importer = get_importer(kind)
    require(_allowed(request.user, kind))
    issuers = _issuers(request.user, importer)
    form = ImportUploadForm(issuers=issuers)
    try:
        payload = signing.loads(request.POST.get("token", ""), salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        payload = None
    path = _folder() / f"{payload['f']}.xlsx" if payload else None
    if not payload or payload.get("u") != request.user.pk or payload.get("k") != kind or not path.exists():
        error = _("پیش‌نمایش منقضی شده یا معتبر نیست؛ پرونده را دوباره بفرستید.")
        return _page(request, importer, form, status=400, error=error)
    options = {}
    if issuers is not None:
        issuer = by_pk(issuers).get(payload.get("i"))
        require(issuer is not None)
        options["issuer"] = issuer
    try:
        # Checked again: the directory may have changed since the preview.
        preview = Preview(
            importer.check(request.user, read_workbook(path.read_bytes(), importer.columns), **options)
        )
        if not preview.accepted:
            raise ValidationError({"file": _("هیچ سطر پذیرفتنی‌ای در پرونده نیست.")})
        with transaction.atomic():
            created = importer.apply(request.user, preview.accepted, **options)
    except (ValidationError, ImportFileError, NotAllowed) as exc:
        message = " ".join(getattr(exc, "messages", [str(exc)]))
        return _page(request, importer, form, status=400, error=_("هیچ سطری ثبت نشد: %(m)s") % {"m": message})
    path.unlink(missing_ok=True)
    links = []
    if kind == "people":
        from django.urls import reverse

        for person in created:
            uid, token = services.set_password_path(person)
            url = reverse("web:admin_set_password", kwargs={"uidb64": uid, "token": token})
            links.append((person, absolute_url(url)))  # the site's address, as in people.py
    messages.success(request, _("%(n)s سطر ثبت شد.") % {"n": len(preview.accepted)})
    context = {"importer": importer, "preview": preview, "created": created, "links": links}
    return render(request, "web/administration/import_done.html", context)


@login_required
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    importer = get_importer(kind)
    require(_allowed(request.user, kind))
    response = HttpResponse(template_workbook(str(importer.title), importer.columns), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="peygir-{kind}-template.xlsx"'
    return response
