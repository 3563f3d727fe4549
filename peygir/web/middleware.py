"""Persian unless the person chose otherwise.

Django's LocaleMiddleware would follow the browser's Accept-Language, so a browser set to English
would open Peygir in English. The interface is Persian first; English is an explicit
choice through the language switch (the language cookie), which this middleware leaves alone.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class PersianByDefaultMiddleware:
    """Place before django.middleware.locale.LocaleMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The API negotiates its own language with its clients.
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES and not request.path.startswith("/api/"):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
