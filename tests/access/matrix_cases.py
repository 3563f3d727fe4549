"""How the persona matrix (test_persona_matrix.py) enumerates the project and plays one request.

The expectations themselves are in matrix_table.py; this module only knows the URL configuration,
the OpenAPI schema and how to sign in as a persona.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from tests.auth import sign_in
from tests.personas import ALL_PERSONAS

# Outcomes. An int is the status code expected; LOGIN is a redirect to the login page; REDIRECT is a
# redirect anywhere else (the place is checked by `Case.redirect_to` when given).
LOGIN = "login"
REDIRECT = "redirect"
# Answers that refuse: nothing may change when they answer an unsafe request.
DENIED = {LOGIN, 401, 403, 404, 405}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
EXCLUDED_URL_PREFIXES = ("admin/",)  # Django's admin site: its own permission system, not the matrix's

Kwargs = Callable[[Any], dict[str, Any]]


def no_kwargs(world: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Case:
    """One request (a page by URL name, or a schema operation) and its outcome for every persona."""

    target: (
        str  # a URL name ("web:action_detail") or a schema operation ("POST /api/v1/actions/{id}/verify/")
    )
    method: str
    expect: dict[str, Any]
    kwargs: Kwargs = no_kwargs  # URL kwargs (pages) or path parameters (operations) from `world`
    data: Callable[[Any], Any] | None = None  # the body (form fields, or JSON for the API)
    variant: str = ""  # tells apart several cases of one target (an `op` slug, a body)
    json: bool = False
    query: Callable[[Any], dict[str, Any]] | None = None

    @property
    def id(self) -> str:
        base = self.target if self.target.startswith(self.method) else f"{self.method} {self.target}"
        return f"{base} [{self.variant}]" if self.variant else base

    def url(self, world: Any) -> str:
        params = self.kwargs(world)
        if " " in self.target:  # a schema operation: fill the path template
            path = self.target.split(" ", 1)[1]
            return re.sub(r"\{(\w+)\}", lambda m: str(params[m.group(1)]), path)
        return reverse(self.target, kwargs=params or None)


# ---------------------------------------------------------------- what the project has


def url_patterns() -> Iterator[tuple[str, str | None]]:
    """(route, namespaced name) of every URL pattern, admin excluded."""

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> Iterator[tuple[str, str | None]]:
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
                yield from walk(p, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern), f"{namespace}{p.name}" if p.name else None

    for route, name in walk(get_resolver(), "", ""):
        if not route.startswith(EXCLUDED_URL_PREFIXES):
            yield route, name


def schema_operations() -> dict[str, str]:
    """'METHOD /path' → the URL name serving it, from the OpenAPI schema generated in-process."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = {}
    for path, item in schema["paths"].items():
        sample = re.sub(
            r"\{(\w+)\}", lambda m: "1" if m.group(1) != "service_request_id" else "ABCD-2346", path
        )
        name = resolve(sample).view_name
        for method in item:
            if method.upper() in {"GET", "POST", "PUT", "PATCH", "DELETE"}:
                operations[f"{method.upper()} {path}"] = name
    return operations


# ---------------------------------------------------------------- playing a request


def data_version() -> int:
    from peygir.core.dataversion import current

    return current()


def row_counts() -> tuple[int, ...]:
    """Rows of every table of Peygir's models (and the sessions), in one query."""
    from django.apps import apps

    tables = sorted(
        {
            m._meta.db_table
            for m in apps.get_models(include_auto_created=True)
            if m.__module__.startswith("peygir") and not m._meta.proxy
        }
    )
    # Table names from the models, quoted by the backend: no input reaches this SQL.
    counts = ", ".join(f"(SELECT COUNT(*) FROM {connection.ops.quote_name(t)})" for t in tables)  # noqa: S608
    sql = f"SELECT {counts}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(cursor.fetchone())


def client_for(world: Any, persona: str, client: Client | None = None) -> Client:
    """`client` (a new one by default) signed in as `persona`, its earlier cookies forgotten.

    Reusing one client matters: each new one loads the middleware again, and WhiteNoise's reads the
    list of static files (a quarter of a second)."""
    if client is None:
        client = Client(raise_request_exception=True)
    client.cookies.clear()
    if persona == "citizen":
        code, last4 = world.citizen
        response = client.post(
            reverse("web:demand_public_status"), {"tracking_code": code, "mobile_last4": last4}
        )
        assert response.status_code == 200 and code in response.content.decode(), (
            "the citizen's lookup failed"
        )
    elif persona != "anonymous":
        sign_in(client, world.users[persona])
    return client


def signed_in_cookies(world: Any, client: Client) -> dict[str, SimpleCookie]:
    """Each persona's cookies after signing in once: the matrix replays them for every case instead
    of signing in thousands of times (the sessions live in the module's transaction, and what a case
    does to its session is rolled back with the case)."""
    cookies = {}
    for persona in ALL_PERSONAS:
        client_for(world, persona, client)
        cookies[persona] = copy.deepcopy(client.cookies)
    client.cookies.clear()
    return cookies


def resume(client: Client, cookies: SimpleCookie) -> Client:
    """`client` with a persona's signed-in cookies (from `signed_in_cookies`), nothing else."""
    client.cookies = copy.deepcopy(cookies)
    return client


def outcome(response: Any) -> Any:
    """The response as the table writes it."""
    if response.status_code in (301, 302, 303):
        target = response["Location"]
        return LOGIN if target.startswith(reverse("login") + "?next=") else REDIRECT
    return response.status_code


def play(case: Case, world: Any, client: Client) -> Any:
    url = case.url(world)
    method = getattr(client, case.method.lower())
    data = case.data(world) if case.data else None
    if case.method == "GET":
        return method(url, case.query(world) if case.query else None)
    if case.json:
        return method(url, data if data is not None else {}, content_type="application/json")
    return method(url, data if data is not None else {})
