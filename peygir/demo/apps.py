from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "peygir.demo"
    label = "demo"
