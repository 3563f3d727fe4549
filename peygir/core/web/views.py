"""Small helpers shared by the page views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.paginator import Page, Paginator
from django.forms import Form
from django.http import Http404, HttpRequest
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from peygir.core.errors import ConflictError, NotAllowed, ValidationError

T = TypeVar("T")

PER_PAGE = 25


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


class CountedPaginator(Paginator):
    """A paginator told how to count (a cheaper statement than COUNT over the list's own query)."""

    def __init__(self, object_list: Any, per_page: int, count: Callable[[], int]) -> None:
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count()


def paginate(
    request: HttpRequest, queryset: Any, per_page: int = PER_PAGE, *, count: Callable[[], int] | None = None
) -> Page:
    """One page of a list; a bad page number gives the nearest real page instead of an error. With
    `count`, the total comes from it (the list's own sum of cheaper counts) instead of COUNT(*)."""
    paginator = (
        Paginator(queryset, per_page) if count is None else CountedPaginator(queryset, per_page, count)
    )
    return paginator.get_page(request.GET.get("page"))


def errors_to_form(form: Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: keyed messages on their fields, the rest on top."""
    if isinstance(exc, ConflictError):
        form.add_error(None, _("ثبت نشد: ") + " ".join(exc.messages))
        return
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error.messages)
    else:
        form.add_error(None, exc.messages)


def call_service(
    form: Form, service: Callable[..., T], /, *args: Any, **kwargs: Any
) -> tuple[bool, T | None]:
    """Call a service for a page's valid form: `(True, result)`, or `(False, None)` with the service's
    messages put on the form for the page to show again (a ConflictError too, as "not saved").

    `NotAllowed` answers 404, like a missing object, so a forbidden act reveals nothing.
    """
    try:
        return True, service(*args, **kwargs)
    except NotAllowed as exc:
        raise Http404 from exc
    except ValidationError as exc:
        errors_to_form(form, exc)
        return False, None


def with_states(actions: Any, horizon: Any) -> list:
    """Materialize actions with `pg_state` ('overdue', 'due_soon' or '') for their badges."""
    rows = list(actions)
    for action in rows:
        action.pg_state = horizon.state(action)
    return rows
