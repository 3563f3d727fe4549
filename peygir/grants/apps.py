from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "peygir.grants"
    label = "grants"
