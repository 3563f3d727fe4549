"""Similarity of Persian records: the engine, its labelled set and its measurement."""
