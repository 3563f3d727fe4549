"""Names typed by people never reach HTML unescaped — on the page, and in the map's JavaScript,
which builds its tooltips as text nodes (a string tooltip would be inserted by Leaflet as HTML)."""

import pathlib

from django.test import Client
from django.urls import reverse

from tests.auth import sign_in

STATIC = pathlib.Path(__file__).resolve().parents[2] / "peygir"


def test_the_map_script_puts_names_in_as_text():
    script = (STATIC / "demands/static/demands/map.js").read_text(encoding="utf-8")
    assert "textContent" in script and "innerHTML" not in script
    for call in script.split("bindTooltip(")[1:]:
        assert call.startswith("text("), call[:60]


def test_the_map_page_hands_names_over_as_json_only(world):
    category = world.categories["health"]
    category.name = '<img src=x onerror="alert(1)">'
    category.save()
    world.demand  # noqa: B018 - a demand of the world, in its category
    body = sign_in(Client(), world.users["office_staff"]).get(reverse("web:report_map")).content.decode()
    assert "<img src=x" not in body
    assert "<script>" not in body


def test_no_static_script_of_ours_writes_html_from_data():
    offenders = []
    for path in STATIC.rglob("static/**/*.js"):
        text = path.read_text(encoding="utf-8")
        if "innerHTML" in text or "insertAdjacentHTML" in text or "document.write" in text:
            offenders.append(str(path.relative_to(STATIC)))
    assert not offenders, offenders
