from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "peygir.exports"
    label = "exports"
