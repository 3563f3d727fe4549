from django.apps import AppConfig


class TerritoryConfig(AppConfig):
    name = "peygir.territory"
    label = "territory"
