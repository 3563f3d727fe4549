"""Writes of the grants domain, each a check then a do (docs/architecture.md)."""
