from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "peygir.web"
    label = "web"
