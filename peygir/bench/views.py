"""The bare view: what the server stack costs with no application work (same middleware, no SQL)."""

from django.http import HttpRequest, HttpResponse


def bare(request: HttpRequest) -> HttpResponse:
    """Inbox and start page throughput are reported as a ratio to this view's, measured in the same run."""
    return HttpResponse("ok", content_type="text/plain")
