"""Errors that services raise; views turn them into Persian messages, the API into field errors."""

from django.core.exceptions import ValidationError


class ConflictError(ValidationError):
    """Somebody else changed the object since it was read (optimistic concurrency)."""


class NotAllowed(Exception):  # noqa: N818 - reads as a sentence: raise NotAllowed
    """The user may not do this. Views answer 404, like a missing object (forbidden reveals nothing)."""


__all__ = ["ValidationError", "ConflictError", "NotAllowed"]
