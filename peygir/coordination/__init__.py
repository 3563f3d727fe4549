"""Parallel work across bodies: entry-time checks, decisions and the coordination graph."""
