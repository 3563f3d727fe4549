"""Teach drf-spectacular the Open311 `api_key` (a staff token passed as a parameter)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "peygir.demands.api.open311.views.ApiKeyAuthentication"
    name = "open311ApiKey"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "apiKey",
            "in": "query",
            "name": "api_key",
            "description": "A staff API token (`peygir token create USERNAME`); also accepted in the POST body.",
        }
