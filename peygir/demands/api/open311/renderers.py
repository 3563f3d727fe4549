"""Open311 GeoReport v2 wire formats: JSON arrays and XML with the spec's root and item elements.

XML (the spec's required format): `<services><service>…`, `<service_requests><request>…`, and for
errors `<errors><error><code/><description/></error></errors>`; UTF-8 with the XML declaration. The
view names its root and item (`xml_root`, `xml_item`); an error answer always uses errors/error.
"""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.utils.xmlutils import SimplerXMLGenerator
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer, JSONRenderer


class Open311JSONRenderer(JSONRenderer):
    format = "json"
    ensure_ascii = False


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ",".join(_text(v) for v in value)
    return str(value)


class Open311XMLRenderer(BaseRenderer):
    media_type = "text/xml"
    format = "xml"
    charset = "utf-8"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        context = renderer_context or {}
        response = context.get("response")
        view = context.get("view")
        if response is not None and response.status_code >= 400:
            root, item = "errors", "error"
        else:
            root = getattr(view, "xml_root", "service_requests")
            item = getattr(view, "xml_item", "request")
        stream = StringIO()
        xml = SimplerXMLGenerator(stream, self.charset)
        xml.startDocument()
        xml.startElement(root, {})
        for row in data if isinstance(data, list) else [data]:
            xml.startElement(item, {})
            for key, value in (row or {}).items():
                xml.addQuickElement(key, _text(value))
            xml.endElement(item)
        xml.endElement(root)
        xml.endDocument()
        return stream.getvalue().encode(self.charset)


class SuffixNegotiation(DefaultContentNegotiation):
    """The URL's `.json` / `.xml` decides, whatever the Accept header says (each URL has one renderer)."""

    def select_renderer(self, request: Any, renderers: list, format_suffix: str | None = None) -> tuple:
        renderer = renderers[0]
        return renderer, renderer.media_type
