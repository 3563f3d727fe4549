"""Widgets the pages share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import escape
from django.utils.safestring import mark_safe


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
