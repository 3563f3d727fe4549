"""The error answers every operation may give, written into the OpenAPI schema (a postprocessing hook).

drf-spectacular documents what each view declares; the answers the framework itself gives (a bad
body, no credentials, another organization's object, a stale `version`, a rate limit, a wrong content
type) are the same everywhere, so they are added here once, with their bodies:

- REST API (/api/v1/): `{"detail": "…", "code": "…"}`; a bad body is `{field: [messages]}`.
- Open311: the spec's array of `{code, description}`, in the format of the URL's suffix.

The schemathesis test (tests/trust/test_fuzz_api.py) holds every answer to this schema.
"""

from __future__ import annotations

from typing import Any

METHODS = ("get", "put", "post", "patch", "delete")
WRITES = ("put", "post", "patch", "delete")

DESCRIPTIONS = {
    "400": "Invalid input: `{field: [Persian message]}` (form-wide errors under `non_field_errors`).",
    "401": "No credentials, or a token that is not (or no longer) valid.",
    "403": "Signed in, but this account may not use this operation at all.",
    "404": "No such object, or not yours to see or change (the same answer, so nothing is revealed).",
    "405": "Method not allowed on this address.",
    "406": "None of the formats in the Accept header can be served.",
    "409": "`version` is stale: somebody else changed the object since you read it.",
    "415": "Unsupported body type: send JSON, form data or multipart.",
    "429": "Too many requests; try again later.",
}

ERROR_DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_ERROR = {
    "type": "object",
    "description": "Field name → list of messages; nested objects for nested fields.",
    "additionalProperties": {
        "anyOf": [{"type": "array"}, {"type": "string"}, {"type": "object"}],
    },
}


def _content(path: str, code: str) -> dict[str, Any]:
    if path.startswith("/open311/"):
        body = {"type": "array", "items": {"$ref": "#/components/schemas/Error"}}
        media = "text/xml" if path.endswith(".xml") else "application/json"
        return {media: {"schema": body}}
    ref = "ValidationError" if code == "400" else "ErrorDetail"
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}}


def add_error_responses(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """Document 400/401/403/404/406/429 on every operation and 409/415 on every write, with bodies."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("ErrorDetail", ERROR_DETAIL)
    schemas.setdefault("ValidationError", VALIDATION_ERROR)
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            codes = ["400", "401", "403", "404", "405", "406", "429"]
            if method in WRITES:
                codes += ["409", "415"]
            for code in codes:
                response = responses.setdefault(code, {"description": DESCRIPTIONS[code]})
                if not response.get("description"):
                    response["description"] = DESCRIPTIONS[code]
                if path.startswith("/open311/"):
                    response["content"] = _content(path, code)  # the spec's array, whatever a view said
                else:
                    response.setdefault("content", _content(path, code))
                    if code == "400":
                        _also_validation_error(response)
    return result


def _also_validation_error(response: dict[str, Any]) -> None:
    """A 400 that a view documents with its own body (a bulk entry's row errors) can still be the
    request's field errors, refused before the view's own checks: its body is either."""
    media = response.get("content", {}).get("application/json")
    body = media.get("schema") if media else None
    validation = {"$ref": "#/components/schemas/ValidationError"}
    if not body or body == validation or "anyOf" in body:
        return
    media["schema"] = {"anyOf": [body, validation]}
