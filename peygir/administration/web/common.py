"""What the administration's pages share: the guard, the form page, the object's history link."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render


def require(allowed: bool) -> None:
    """A page the user may not use answers 404, like a missing one."""
    if not allowed:
        raise Http404


def form_page(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    back: str,
    obj: Any = None,
    extra: dict[str, Any] | None = None,
    template: str = "web/administration/form.html",
) -> HttpResponse:
    """The form again: 400 after a refused POST (its errors on it), 200 on a GET."""
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "title": title, "back": back, "obj": obj, **(extra or {})}
    return render(request, template, context, status=status)


def by_pk(items: Any) -> dict[int, Any]:
    return {item.pk: item for item in items}


def run(request: HttpRequest, service: Any, /, **kwargs: Any) -> bool:
    """A button's service (no form to show errors on): NotAllowed → 404; a refusal → its message at
    the top of the next page, and False."""
    from django.contrib import messages

    from peygir.core.errors import NotAllowed, ValidationError

    try:
        service(**kwargs)
    except NotAllowed as exc:
        raise Http404 from exc
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return False
    return True
