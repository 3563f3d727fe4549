"""Persona-matrix rows of issue 14 §5: the administrators' health page (superusers only: no persona)."""

from __future__ import annotations

from .matrix_cases import Case
from .matrix_table import rule

TRUST_PAGES = [Case("web:health", "GET", rule(200, set()))]
