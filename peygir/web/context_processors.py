from typing import Any

from django.http import HttpRequest


def peygir(request: HttpRequest) -> dict[str, Any]:
    return {}
