"""Highlights: the words of a result's text that the query matched, marked for the page.

The text is split into words and spaces as typed; each piece is HTML-escaped on its own and only
then a matched word is wrapped in <mark>, so hostile text can never inject markup. A word matches
when one of its stems is a query term, starts with a prefix term, or joins with the next word into
a term (a compound written apart: «کتاب خانه» for «کتابخانه»).
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from peygir.core import persian

from .backends import Term

SNIPPET_WORDS = 30
SNIPPET_SCAN = 1500  # a match further into a long text is not looked for (the title shows the record)
_PIECES = re.compile(r"(\s+)")


def _stem(word: str) -> str:
    found = persian.stems(word)
    return found[0] if found else ""


def _matches(stem: str, exact: set[str], prefixes: list[str]) -> bool:
    return bool(stem) and (stem in exact or any(stem.startswith(p) for p in prefixes))


def matched_flags(words: list[str], groups: list[list[Term]]) -> list[bool]:
    terms = [t for group in groups for t in group]
    exact = {t.text for t in terms if not t.prefix}
    prefixes = [t.text for t in terms if t.prefix]
    stems = [_stem(w) for w in words]
    flags = [_matches(s, exact, prefixes) for s in stems]
    for i in range(len(stems) - 1):
        if not (stems[i] and stems[i + 1]):
            continue
        joined = stems[i] + stems[i + 1]
        # A prefix spans the pair only when it reaches into the second word.
        if joined in exact or any(joined.startswith(p) and len(p) > len(stems[i]) for p in prefixes):
            flags[i] = flags[i + 1] = True
    return flags


def highlight(text: str, groups: list[list[Term]]) -> SafeString:
    """The whole text, escaped, with matched words in <mark>."""
    pieces = _PIECES.split(text or "")
    words = [p for p in pieces if p and not p.isspace()]
    flags = iter(matched_flags(words, groups))
    out = []
    for piece in pieces:
        if not piece:
            continue
        if piece.isspace():
            out.append(" ")
        elif next(flags):
            out.append(f"<mark>{escape(piece)}</mark>")
        else:
            out.append(escape(piece))
    return mark_safe("".join(out))  # noqa: S308 - every piece was escaped above


def snippet_text(text: str, groups: list[list[Term]], size: int = SNIPPET_WORDS) -> str:
    """About `size` words of the text around its first matched word (plain text, for the API too)."""
    words = (text or "").split()[:SNIPPET_SCAN]
    if len(words) <= size:
        return " ".join(words)
    flags = matched_flags(words, groups)
    first = next((i for i, hit in enumerate(flags) if hit), 0)
    start = max(0, min(first - size // 3, len(words) - size))
    chunk = " ".join(words[start : start + size])
    return ("… " if start else "") + chunk + (" …" if start + size < len(words) else "")


def snippet(text: str, groups: list[list[Term]], size: int = SNIPPET_WORDS) -> SafeString:
    return highlight(snippet_text(text, groups, size), groups)
