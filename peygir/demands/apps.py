from django.apps import AppConfig


class DemandsConfig(AppConfig):
    name = "peygir.demands"
    label = "demands"
