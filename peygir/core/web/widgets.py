"""Widgets the pages share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _


def _attrs(attrs: dict[str, Any]) -> str:
    """HTML attributes as Django's attrs.html writes them (True: the bare name; False: left out)."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


class QuickSelect(forms.Select):
    """A select with the markup of Django's, written in Python: Django renders every option through a
    template (tens of µs each), which for the triage queue's 25 forms of some 65 agencies each was
    most of the page's time."""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> str:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'<optgroup label="{escape(group_name)}">')
            parts.extend(
                f'<option value="{escape(o["value"])}"{_attrs(o["attrs"])}>{escape(o["label"])}</option>'
                for o in options
            )
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # noqa: S308 - every piece is escaped above


class QuickSelectMultiple(QuickSelect, forms.SelectMultiple):
    """The same for a multiple select (Django adds the `multiple` attribute in the context)."""


def quick_select(field: forms.Field, **attrs: Any) -> None:
    """Give a choice field the quick widget, keeping its attributes and choices."""
    multiple = isinstance(field.widget, forms.SelectMultiple)
    widget = (QuickSelectMultiple if multiple else QuickSelect)(attrs={**field.widget.attrs, **attrs})
    widget.choices = getattr(field, "choices", [])
    widget.is_required = field.required
    field.widget = widget


class SearchableSelectMultiple(QuickSelectMultiple):
    """Choosing several organizations: a searchable multi-select (tom-select, started by
    `core/multiselect.js` on every select with `data-pg-multiselect`), not Ctrl+click. Without
    JavaScript it stays a plain multiple select that still posts the same values."""

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        base = {
            "data-pg-multiselect": "",
            "data-placeholder": str(_("جستجو و انتخاب…")),
            "data-no-results": str(_("چیزی یافت نشد.")),
        }
        super().__init__({**base, **(attrs or {})}, choices)

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        # Translated at render time, in the reader's language.
        attrs = {**(attrs or {}), "data-placeholder": str(_("جستجو و انتخاب…"))}
        attrs["data-no-results"] = str(_("چیزی یافت نشد."))
        return super().get_context(name, value, attrs)


def searchable_multiple(field: forms.Field, **attrs: Any) -> None:
    """Give a multiple-choice field the searchable widget, keeping its attributes and choices."""
    kept = {k: v for k, v in field.widget.attrs.items() if k != "size"}
    widget = SearchableSelectMultiple(attrs={**kept, **attrs})
    widget.choices = getattr(field, "choices", [])
    widget.is_required = field.required
    field.widget = widget
