"""Views of API v1, one module per resource: thin, over selectors (reads) and services (writes)."""
