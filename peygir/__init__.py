"""Peygir (پیگیر): every commitment becomes one trackable action."""
