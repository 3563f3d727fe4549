from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "peygir.api"
    label = "api"
